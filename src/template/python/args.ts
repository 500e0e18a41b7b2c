// Converting method arguments the way CPython's C code does (__index__ for ints, str checks).
import type { Value } from '../runtime/values.js';
import { Markup, pyError, pyTypeName } from '../runtime/values.js';

const SSIZE_MAX = 2n ** 63n - 1n;

/** An int argument (PyNumber_AsSsize_t): bool and int only; clamped to a JS number. */
export function indexArg(v: Value): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    if (v > SSIZE_MAX || v < -SSIZE_MAX - 1n) throw pyError('OverflowError', 'Python int too large to convert to C ssize_t');
    return Number(v);
  }
  throw pyError('TypeError', `'${pyTypeName(v)}' object cannot be interpreted as an integer`);
}

/** A C int argument (expandtabs' tabsize). */
export function cIntArg(v: Value): number {
  if (typeof v === 'bigint' && (v > 2n ** 31n - 1n || v < -(2n ** 31n))) {
    throw pyError('OverflowError', 'Python int too large to convert to C int');
  }
  return indexArg(v);
}

/** A start/end argument of find/count/startswith: None or an int. */
export function sliceArg(v: Value | undefined, dflt: number | null): number | null {
  if (v === undefined) return dflt;
  if (v === null) return null;
  if (typeof v === 'boolean' || typeof v === 'bigint') {
    const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
    return n > 2n ** 62n ? 2 ** 62 : n < -(2n ** 62n) ? -(2 ** 62) : Number(n);
  }
  throw pyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

/** Python's ADJUST_INDICES for str search methods over a string of `len` code points. */
export function adjustRange(start: number | null, end: number | null, len: number): [number, number] {
  let s = start ?? 0;
  let e = end ?? len;
  if (e > len) e = len;
  else if (e < 0) {
    e += len;
    if (e < 0) e = 0;
  }
  if (s < 0) {
    s += len;
    if (s < 0) s = 0;
  }
  return [s, e];
}

/** A str argument (Markup counts as str); `message` is the TypeError text for other types. */
export function strArg(v: Value, message: (type: string) => string): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  throw pyError('TypeError', message(pyTypeName(v)));
}
