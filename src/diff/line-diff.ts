// Line diff: patience anchors (lines unique on both sides, kept in order by a longest increasing subsequence) split
// the problem, Myers' O(ND) greedy algorithm fills the gaps. Patience keeps YAML blocks together where plain Myers
// would pair up stray `- name:` lines; Myers gives minimal edits inside each gap. A gap needing more than
// MAX_D edits is reported as delete-all/insert-all rather than spending quadratic time on it.

export type LineOp = 'equal' | 'delete' | 'insert';
export interface Edit {
  op: LineOp;
  text: string;
}

const MAX_D = 4000;

/** `myers` alone gives a shortest edit script; `patience` (the default) reads better on YAML. */
export function diffLines(a: readonly string[], b: readonly string[], algorithm: 'patience' | 'myers' = 'patience'): Edit[] {
  const out: Edit[] = [];
  if (algorithm === 'myers') myers(a, 0, a.length, b, 0, b.length, out);
  else patience(a, 0, a.length, b, 0, b.length, out);
  return out;
}

function emit(out: Edit[], op: LineOp, lines: readonly string[], lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) out.push({ op, text: lines[i]! });
}

function patience(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Edit[]): void {
  let pre = 0;
  while (aLo + pre < aHi && bLo + pre < bHi && a[aLo + pre] === b[bLo + pre]) pre++;
  emit(out, 'equal', a, aLo, aLo + pre);
  aLo += pre;
  bLo += pre;
  let suf = 0;
  while (aHi - suf > aLo && bHi - suf > bLo && a[aHi - suf - 1] === b[bHi - suf - 1]) suf++;
  const tail = aHi - suf;
  aHi -= suf;
  bHi -= suf;
  if (aLo === aHi || bLo === bHi) {
    emit(out, 'delete', a, aLo, aHi);
    emit(out, 'insert', b, bLo, bHi);
  } else {
    const anchors = uniqueAnchors(a, aLo, aHi, b, bLo, bHi);
    if (anchors.length === 0) myers(a, aLo, aHi, b, bLo, bHi, out);
    else {
      let ai = aLo;
      let bi = bLo;
      for (const [x, y] of anchors) {
        patience(a, ai, x, b, bi, y, out);
        out.push({ op: 'equal', text: a[x]! });
        ai = x + 1;
        bi = y + 1;
      }
      patience(a, ai, aHi, b, bi, bHi, out);
    }
  }
  emit(out, 'equal', a, tail, tail + suf);
}

/** Pairs of lines occurring exactly once on each side, the longest run of them in the same order on both. */
function uniqueAnchors(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number): Array<[number, number]> {
  const count = new Map<string, { a: number; b: number; ai: number; bi: number }>();
  for (let i = aLo; i < aHi; i++) {
    const c = count.get(a[i]!);
    if (c) c.a++;
    else count.set(a[i]!, { a: 1, b: 0, ai: i, bi: -1 });
  }
  for (let j = bLo; j < bHi; j++) {
    const c = count.get(b[j]!);
    if (c) {
      c.b++;
      c.bi = j;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (const c of count.values()) if (c.a === 1 && c.b === 1) pairs.push([c.ai, c.bi]);
  pairs.sort((p, q) => p[0] - q[0]);
  // longest increasing subsequence on the b index (patience sorting with back links)
  const tails: number[] = [];
  const prev = new Array<number>(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const y = pairs[i]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < y) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const lis: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) lis.push(pairs[i]!);
  return lis.reverse();
}

/** Myers' greedy shortest edit script for a[aLo,aHi) → b[bLo,bHi), with the V rows kept for the backtrack. */
function myers(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Edit[]): void {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const max = Math.min(n + m, MAX_D);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    emit(out, 'delete', a, aLo, aHi);
    emit(out, 'insert', b, bLo, bHi);
    return;
  }
  // walk back from (n, m) through the saved rows; trace[d] holds V before step d, indexed from k = -d-1
  const rev: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const row = trace[d]!;
    const at = (k: number): number => row[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    // the diagonal run after the edit, back to the point the edit led to
    const sx = down ? px : px + 1;
    const sy = down ? py + 1 : py;
    while (x > sx && y > sy) {
      rev.push({ op: 'equal', text: a[aLo + x - 1]! });
      x--;
      y--;
    }
    if (down) {
      rev.push({ op: 'insert', text: b[bLo + y - 1]! });
      y--;
    } else {
      rev.push({ op: 'delete', text: a[aLo + x - 1]! });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    rev.push({ op: 'equal', text: a[aLo + x - 1]! });
    x--;
    y--;
  }
  for (let i = rev.length - 1; i >= 0; i--) out.push(rev[i]!);
}
