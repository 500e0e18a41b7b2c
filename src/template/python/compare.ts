// Truthiness, equality and ordering with Python semantics.
import type { Value } from '../runtime/values.js';
import { Markup, Undefined, isTuple, pyError, pyTypeName } from '../runtime/values.js';
import { findKey } from './dict-keys.js';
import { asPyObject } from './protocol.js';

/** Python bool(v). */
export function truthy(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0; // NaN is true in Python, and NaN !== 0
    case 'function':
      return true;
    case 'undefined':
      return false;
  }
  if (v === null) return false;
  if (v instanceof Markup) return v.s.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof Undefined) {
    v.checkUsable();
    return false;
  }
  const o = asPyObject(v);
  if (o?.__bool__) return o.__bool__();
  if (o?.__len__) return o.__len__() > 0;
  return true;
}

/** Compare two Python numbers (bool, int, float) exactly; null when either is NaN. */
export function numCmp(a: bigint | number | boolean, b: bigint | number | boolean): -1 | 0 | 1 | null {
  if (typeof a === 'boolean') a = a ? 1n : 0n;
  if (typeof b === 'boolean') b = b ? 1n : 0n;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'number') {
    const r = numCmp(b, a);
    return r === null ? null : ((-r || 0) as -1 | 0 | 1);
  }
  // a: bigint, b: number — compare exactly, without rounding a to a double
  const f = b as number;
  if (Number.isNaN(f)) return null;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const t = Math.trunc(f);
  const ti = BigInt(t);
  if (a < ti) return -1;
  if (a > ti) return 1;
  const frac = f - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

const isNum = (v: Value): v is bigint | number | boolean =>
  typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';

/** Python a == b. */
export function eq(a: Value, b: Value): boolean {
  if (a instanceof Undefined || b instanceof Undefined) {
    if (a instanceof Undefined) a.checkUsable();
    if (b instanceof Undefined) b.checkUsable();
    return a instanceof Undefined && b instanceof Undefined && a.mode === b.mode;
  }
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (isNum(a)) return isNum(b) && numCmp(a, b) === 0;
  if (typeof a === 'string' || a instanceof Markup) {
    const sa = typeof a === 'string' ? a : a.s;
    if (typeof b === 'string') return sa === b;
    return b instanceof Markup && sa === b.s;
  }
  if (a === null || b === null || typeof a !== 'object' && typeof a !== 'function') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !eq(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const none = Symbol();
    for (const [k, v] of a) {
      const bk = findKey(b, k, none);
      if (bk === none) return false;
      const bv = b.get(bk);
      if (v !== bv && !eq(v, bv)) return false;
    }
    return true;
  }
  const oa = asPyObject(a);
  if (oa?.__eq__) return oa.__eq__(b);
  const ob = asPyObject(b);
  if (ob?.__eq__) return ob.__eq__(a);
  return false;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Python a <op> b, raising CPython's TypeError for unordered types. */
export function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (op === '==') return eq(a, b);
  if (op === '!=') return !eq(a, b);
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  const c = order(op, a, b);
  if (c === null) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** Three-way comparison for ordering operators; null when unordered (NaN). Raises TypeError for other types. */
function order(op: CompareOp, a: Value, b: Value): number | null {
  if (isNum(a) && isNum(b)) return numCmp(a, b);
  if ((typeof a === 'string' || a instanceof Markup) && (typeof b === 'string' || b instanceof Markup)) {
    return compareStrings(typeof a === 'string' ? a : a.s, typeof b === 'string' ? b : b.s);
  }
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] === b[i] || eq(a[i], b[i])) continue;
      if (a[i] instanceof Undefined) (a[i] as Undefined).fail();
      if (b[i] instanceof Undefined) (b[i] as Undefined).fail();
      const c = order(op, a[i], b[i]);
      if (c === null) return null;
      return c;
    }
    return a.length - b.length;
  }
  throw notSupported(op, a, b);
}

export function notSupported(op: string, a: Value, b: Value) {
  return pyError('TypeError', `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Compare by code point (JS `<` compares UTF-16 units, which orders astral characters differently). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff || y >= 0xd800 && y <= 0xdfff) {
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0) || (x - y);
    }
    return x - y;
  }
  return a.length - b.length;
}
