// Line diff (Myers, O(ND)) and unified-diff text with 3 lines of context, for `hops configure --diff`.

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script from a to b as a list of kept/removed/added lines. */
export function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // backtrack
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1]! < vd[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x]! }), y--;
  return ops.reverse();
}

/** `diff -u` style text; empty when equal. Labels are the paths shown after ---/+++. */
export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out: string[] = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  let i = 0;
  let ai = 0;
  let bi = 0;
  const pos: Array<[number, number]> = [];
  for (const op of ops) {
    pos.push([ai, bi]);
    if (op.kind !== '+') ai++;
    if (op.kind !== '-') bi++;
  }
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // extend the hunk while changes are within 2*context lines of each other
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let j = end;
      while (j < ops.length && ops[j]!.kind === ' ' && j - end < 2 * context) j++;
      if (j < ops.length && ops[j]!.kind !== ' ') end = j;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const [a0, b0] = pos[start]!;
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? a0 : a0 + 1},${aLen} +${bLen === 0 ? b0 : b0 + 1},${bLen} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    i = end;
    start = end;
  }
  const noEol = (s: string) => s !== '' && !s.endsWith('\n');
  if (noEol(before) || noEol(after)) out.push('\\ (a file does not end with a newline)');
  return out.join('\n') + '\n';
}
