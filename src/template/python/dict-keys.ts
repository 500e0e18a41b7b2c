// Dict keys with Python's equality on top of a JS Map. A Map compares keys with SameValueZero, but in Python
// 1 == 1.0 == True are one key, Markup('a') == 'a', and equal tuples are one key. The Map keeps the first key
// object inserted (as Python does) and lookups map an equal key onto it.
import type { Value } from '../runtime/values.js';
import { Markup, Undefined, isTuple, pyError, pyTypeName } from '../runtime/values.js';
import { asPyObject, fakeAddress } from './protocol.js';

/** A canonical string for Python hash-equality; raises `unhashable type` for list, dict and friends. */
export function hashKey(v: Value): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'boolean':
      return v ? 'n1' : 'n0';
    case 'bigint':
      return 'n' + v.toString();
    case 'number':
      if (Number.isInteger(v)) return 'n' + BigInt(v).toString();
      return Number.isNaN(v) ? 'nan' : 'f' + v.toString();
  }
  if (v === null || v === undefined) return 'N';
  if (v instanceof Markup) return 's' + v.s;
  if (Array.isArray(v)) {
    if (!isTuple(v)) throw unhashable(v);
    return 't' + JSON.stringify(v.map(hashKey));
  }
  if (v instanceof Map) throw unhashable(v);
  if (v instanceof Undefined) {
    v.checkUsable();
    return 'U' + v.mode;
  }
  const o = asPyObject(v);
  if (o?.__hash__) return o.__hash__();
  return 'o' + fakeAddress(v as object);
}

export function unhashable(v: Value) {
  return pyError('TypeError', `unhashable type: '${pyTypeName(v)}'`);
}

/** The key object stored in `m` that equals `key` in Python, or `notFound`. Raises for unhashable keys. */
export function findKey<T>(m: Map<Value, Value>, key: Value, notFound: T): Value | T {
  if (m.has(key) && !(typeof key === 'number' && Number.isNaN(key))) return key;
  switch (typeof key) {
    case 'string':
      for (const k of m.keys()) if (k instanceof Markup && k.s === key) return k;
      return notFound;
    case 'bigint': {
      const n = Number(key);
      if (BigInt(n) === key && m.has(n)) return n;
      if (key === 0n && m.has(false)) return false;
      if (key === 1n && m.has(true)) return true;
      return notFound;
    }
    case 'number':
      if (!Number.isInteger(key)) return notFound;
      if (m.has(BigInt(key))) return BigInt(key);
      if (key === 0 && m.has(false)) return false;
      if (key === 1 && m.has(true)) return true;
      return notFound;
    case 'boolean':
      for (const k of key ? [1n, 1] : [0n, 0]) if (m.has(k)) return k;
      return notFound;
  }
  if (key === null) return notFound;
  // tuples, Markup and objects: compare canonical hashes
  const h = hashKey(key);
  for (const k of m.keys()) {
    if (typeof k === 'object' && k !== null && !(k instanceof Map) && hashKeySafe(k) === h) return k;
    if (key instanceof Markup && typeof k === 'string' && 's' + k === h) return k;
  }
  return notFound;
}

function hashKeySafe(v: Value): string | null {
  try {
    return hashKey(v);
  } catch {
    return null;
  }
}

const NO_KEY = Symbol('no key');

export function dictHas(m: Map<Value, Value>, key: Value): boolean {
  return findKey(m, key, NO_KEY) !== NO_KEY;
}

/** d[key] or `notFound`. */
export function dictGet<T>(m: Map<Value, Value>, key: Value, notFound: T): Value | T {
  const k = findKey(m, key, NO_KEY);
  return k === NO_KEY ? notFound : m.get(k);
}

/** d[key] = value, keeping an equal key already present (and its position). */
export function dictSet(m: Map<Value, Value>, key: Value, value: Value): void {
  const k = findKey(m, key, NO_KEY);
  if (k === NO_KEY) {
    hashKey(key);
    m.set(key, value);
  } else m.set(k, value);
}

/** del d[key]; returns whether it was present. */
export function dictDelete(m: Map<Value, Value>, key: Value): boolean {
  const k = findKey(m, key, NO_KEY);
  if (k === NO_KEY) return false;
  m.delete(k);
  return true;
}
