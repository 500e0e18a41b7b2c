// Iteration, len(), `in`, and subscription (x[i], x[a:b], d[k]) with Python semantics.
import type { Value } from '../runtime/values.js';
import { MISSING, Markup, PyError, Undefined, isStr, isTuple, pyError, pyTypeName, strOf, tuple } from '../runtime/values.js';
import { eq } from './compare.js';
import { dictGet, hashKey } from './dict-keys.js';
import { asPyObject } from './protocol.js';
import { repr } from './repr.js';
import { PySlice } from './slice.js';
import { codePoints, cpLength, isSimple } from './text.js';

/** iter(v) as a JS iterable (lazy for one-shot iterators and ranges). */
export function iter(v: Value): Iterable<Value> {
  if (typeof v === 'string') return codePoints(v);
  if (v instanceof Markup) return codePoints(v.s);
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return v.keys();
  if (v instanceof Undefined) {
    v.checkUsable();
    return [];
  }
  const o = asPyObject(v);
  if (o?.__iter__) return o.__iter__();
  throw pyError('TypeError', `'${pyTypeName(v)}' object is not iterable`);
}

/** list(iter(v)): the items of an iterable (draining one-shot iterators). */
export function iterate(v: Value): Value[] {
  if (Array.isArray(v)) return v.slice();
  return Array.from(iter(v));
}

/** Is iter(v) possible? */
export function isIterable(v: Value): boolean {
  if (typeof v === 'string' || v instanceof Markup || Array.isArray(v) || v instanceof Map) return true;
  if (v instanceof Undefined) return v.mode !== 'strict';
  return typeof asPyObject(v)?.__iter__ === 'function';
}

/** Python len(v). */
export function len(v: Value): number {
  if (typeof v === 'string') return cpLength(v);
  if (v instanceof Markup) return cpLength(v.s);
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  if (v instanceof Undefined) {
    v.checkUsable();
    return 0;
  }
  const o = asPyObject(v);
  if (o?.__len__) return o.__len__();
  throw pyError('TypeError', `object of type '${pyTypeName(v)}' has no len()`);
}

/** Does len(v) work? */
export function hasLen(v: Value): boolean {
  if (typeof v === 'string' || v instanceof Markup || Array.isArray(v) || v instanceof Map) return true;
  if (v instanceof Undefined) return v.mode !== 'strict';
  return typeof asPyObject(v)?.__len__ === 'function';
}

/** Python `item in container`. */
export function contains(container: Value, item: Value): boolean {
  if (isStr(container)) {
    if (!isStr(item)) {
      throw pyError('TypeError', `'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    }
    return strOf(container).includes(strOf(item));
  }
  if (Array.isArray(container)) {
    for (const x of container) if (x === item || eq(x, item)) return true;
    return false;
  }
  if (container instanceof Map) {
    hashKey(item);
    const none = Symbol();
    return dictGet(container, item, none) !== none;
  }
  if (container instanceof Undefined) {
    container.checkUsable();
    return false;
  }
  const o = asPyObject(container);
  if (o?.__contains__) return o.__contains__(item);
  if (o?.__iter__) {
    for (const x of o.__iter__()) if (x === item || eq(x, item)) return true;
    return false;
  }
  throw pyError('TypeError', `argument of type '${pyTypeName(container)}' is not iterable`);
}

/** An index for x[i] on a sequence: int or bool, else null. */
function intIndex(key: Value): number | null {
  if (typeof key === 'bigint') return key > 2n ** 62n ? 2 ** 62 : key < -(2n ** 62n) ? -(2 ** 62) : Number(key);
  if (typeof key === 'boolean') return key ? 1 : 0;
  return null;
}

/**
 * obj[key] with Python's errors (KeyError, IndexError, TypeError). Used where Python code subscripts directly
 * (format fields, `%(name)s`, methods); templates go through getItem.
 */
export function subscript(obj: Value, key: Value): Value {
  if (obj instanceof Map) {
    const none = Symbol();
    const v = dictGet(obj, key, none);
    if (v === none) throw pyError('KeyError', repr(key));
    return v;
  }
  if (Array.isArray(obj)) {
    const kind = isTuple(obj) ? 'tuple' : 'list';
    if (key instanceof PySlice) {
      const items = key.apply(obj);
      return isTuple(obj) ? tuple(items) : items;
    }
    let i = intIndex(key);
    if (i === null) throw pyError('TypeError', `${kind} indices must be integers or slices, not ${pyTypeName(key)}`);
    if (i < 0) i += obj.length;
    if (i < 0 || i >= obj.length) throw pyError('IndexError', `${kind} index out of range`);
    return obj[i];
  }
  if (isStr(obj)) {
    const s = strOf(obj);
    const wrap = (r: string): Value => (obj instanceof Markup ? new Markup(r) : r);
    if (key instanceof PySlice) {
      const simple = isSimple(s);
      const chars = simple ? null : Array.from(s);
      const { start, step, count } = key.indices(simple ? s.length : chars!.length);
      if (simple && step === 1) return wrap(s.slice(start, start + count));
      const src = chars ?? s.split('');
      let out = '';
      for (let i = 0, j = start; i < count; i++, j += step) out += src[j];
      return wrap(out);
    }
    let i = intIndex(key);
    if (i === null) throw pyError('TypeError', `string indices must be integers, not '${pyTypeName(key)}'`);
    if (isSimple(s)) {
      if (i < 0) i += s.length;
      if (i < 0 || i >= s.length) throw pyError('IndexError', 'string index out of range');
      return wrap(s[i]!);
    }
    const chars = Array.from(s);
    if (i < 0) i += chars.length;
    if (i < 0 || i >= chars.length) throw pyError('IndexError', 'string index out of range');
    return wrap(chars[i]!);
  }
  if (obj instanceof Undefined) {
    return obj.chain();
  }
  const o = asPyObject(obj);
  if (o?.__getitem__) {
    const v = o.__getitem__(key);
    if (v === MISSING) throw pyError('KeyError', repr(key));
    return v;
  }
  throw pyError('TypeError', `'${pyTypeName(obj)}' object is not subscriptable`);
}

/**
 * Jinja's view of obj[key]: the item, or MISSING where Python raises TypeError, LookupError or AttributeError
 * (Environment.getitem then tries an attribute and finally makes an Undefined). Other errors propagate (a zero
 * slice step, UndefinedError from subscripting an Undefined).
 */
export function getItem(obj: Value, key: Value): Value | typeof MISSING {
  // fast paths for the common cases
  if (obj instanceof Map) {
    if (obj.has(key) && typeof key === 'string') return obj.get(key);
    try {
      return dictGet(obj, key, MISSING);
    } catch (e) {
      if (e instanceof PyError && e.pyType === 'TypeError') return MISSING;
      throw e;
    }
  }
  if (Array.isArray(obj) && typeof key === 'bigint') {
    const i = Number(key) + (key < 0n ? obj.length : 0);
    return i >= 0 && i < obj.length ? obj[i] : MISSING;
  }
  try {
    return subscript(obj, key);
  } catch (e) {
    if (e instanceof PyError && (e.pyType === 'TypeError' || e.pyType === 'KeyError' || e.pyType === 'IndexError' || e.pyType === 'AttributeError')) {
      return MISSING;
    }
    throw e;
  }
}

