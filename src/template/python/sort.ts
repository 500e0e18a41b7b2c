// A stable sort that performs its `<` comparisons in the same order as CPython's timsort for short lists
// (count_run + binary insertion), so a TypeError from mixed types names the operands the way Python does.
// Longer lists use a merge sort (same result; the first failing comparison may differ).
import type { Value } from '../runtime/values.js';
import { compare } from './compare.js';

export type LessThan = (a: Value, b: Value) => boolean;

export const pyLess: LessThan = (a, b) => compare('<', a, b);

function countRun(a: Value[], lo: number, hi: number, lt: LessThan): number {
  if (lo + 1 === hi) return 1;
  let i = lo + 1;
  if (lt(a[i], a[i - 1])) {
    for (i++; i < hi && lt(a[i], a[i - 1]); i++);
    // strictly descending run: reverse in place
    let x = lo;
    let y = i - 1;
    while (x < y) {
      const t = a[x];
      a[x++] = a[y];
      a[y--] = t;
    }
  } else {
    for (i++; i < hi && !lt(a[i], a[i - 1]); i++);
  }
  return i - lo;
}

function binaryInsertion(a: Value[], lo: number, hi: number, start: number, lt: LessThan): void {
  if (lo === start) start++;
  for (; start < hi; start++) {
    const pivot = a[start];
    let l = lo;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (lt(pivot, a[p])) r = p;
      else l = p + 1;
    } while (l < r);
    for (let k = start; k > l; k--) a[k] = a[k - 1];
    a[l] = pivot;
  }
}

function mergeSort(a: Value[], lt: LessThan): Value[] {
  if (a.length <= 1) return a;
  const mid = a.length >> 1;
  const left = mergeSort(a.slice(0, mid), lt);
  const right = mergeSort(a.slice(mid), lt);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (lt(right[j], left[i])) out.push(right[j++]);
    else out.push(left[i++]);
  }
  while (i < left.length) out.push(left[i++]);
  while (j < right.length) out.push(right[j++]);
  return out;
}

/** Sort keys in place order, returning the permutation (stable); `reverse` keeps equal items in order like Python. */
export function sortIndexes(keys: readonly Value[], reverse: boolean, lt: LessThan = pyLess): number[] {
  const n = keys.length;
  let idx = Array.from({ length: n }, (_, i) => i);
  if (reverse) idx.reverse();
  const cmpLt: LessThan = (x, y) => lt(keys[x as number], keys[y as number]);
  if (n < 2) {
    // nothing to do
  } else if (n < 64) {
    const arr = idx as Value[];
    const run = countRun(arr, 0, n, cmpLt);
    if (run < n) binaryInsertion(arr, 0, n, run, cmpLt);
    idx = arr as number[];
  } else {
    idx = mergeSort(idx, cmpLt) as number[];
  }
  if (reverse) idx.reverse();
  return idx;
}
