// Unified-diff text with 3 lines of context, for `hops configure --diff` (and `hops new`). The edit script is
// src/diff's Myers (shortest). The text is not src/diff/unified.ts's: hunk headers here always carry both counts
// (`@@ -1,1 +0,0 @@`) and a missing final newline is noted, as this module's tests pin.
import { diffLines as editScript } from '../../diff/line-diff.js';
import { splitLines } from '../../diff/unified.js';

type Op = { kind: ' ' | '-' | '+'; line: string };

const KIND = { equal: ' ', delete: '-', insert: '+' } as const;

/** The shortest edit script from a to b as a list of kept/removed/added lines. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  return editScript(a, b, 'myers').map((e) => ({ kind: KIND[e.op], line: e.text }));
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
