// Unified diff text (`@@ -a,b +c,d @@` hunks with N lines of context) from a line diff.
import { diffLines } from './line-diff.js';
import type { Edit } from './line-diff.js';

export interface Hunk {
  aStart: number;
  aLines: number;
  bStart: number;
  bLines: number;
  lines: string[];
}

/** Lines of a text without the empty string after its final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function hunks(edits: readonly Edit[], context: number): Hunk[] {
  const out: Hunk[] = [];
  // positions (1-based line numbers before each edit)
  const aNo: number[] = [];
  const bNo: number[] = [];
  let ai = 1;
  let bi = 1;
  for (const e of edits) {
    aNo.push(ai);
    bNo.push(bi);
    if (e.op !== 'insert') ai++;
    if (e.op !== 'delete') bi++;
  }
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && edits[i]!.op === 'equal') i++;
    if (i >= edits.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // extend while the next change is within 2*context equal lines
    for (;;) {
      while (end < edits.length && edits[end]!.op !== 'equal') end++;
      let j = end;
      while (j < edits.length && edits[j]!.op === 'equal') j++;
      if (j < edits.length && j - end <= 2 * context) end = j;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const h: Hunk = { aStart: aNo[start]!, aLines: 0, bStart: bNo[start]!, bLines: 0, lines: [] };
    for (let k = start; k < end; k++) {
      const e = edits[k]!;
      if (e.op !== 'insert') h.aLines++;
      if (e.op !== 'delete') h.bLines++;
      h.lines.push((e.op === 'equal' ? ' ' : e.op === 'delete' ? '-' : '+') + e.text);
    }
    // GNU diff numbers an empty side by the line before it
    if (h.aLines === 0) h.aStart--;
    if (h.bLines === 0) h.bStart--;
    out.push(h);
    i = end;
  }
  return out;
}

const range = (start: number, n: number): string => (n === 1 ? `${start}` : `${start},${n}`);

export function formatHunks(hs: readonly Hunk[]): string {
  let s = '';
  for (const h of hs) {
    s += `@@ -${range(h.aStart, h.aLines)} +${range(h.bStart, h.bLines)} @@\n`;
    for (const l of h.lines) s += l + '\n';
  }
  return s;
}

/** Hunks of a unified diff between two texts; '' when they are equal. */
export function unifiedBody(a: string, b: string, context: number): string {
  if (a === b) return '';
  return formatHunks(hunks(diffLines(splitLines(a), splitLines(b)), context));
}

/** A complete unified diff with `---`/`+++` headers; '' when the texts are equal. */
export function unifiedDiff(a: string, b: string, opts: { from: string; to: string; context: number }): string {
  const body = unifiedBody(a, b, opts.context);
  return body ? `--- ${opts.from}\n+++ ${opts.to}\n${body}` : '';
}
