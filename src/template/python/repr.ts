// Python str() and repr() of template values.
import type { Value } from '../runtime/values.js';
import { Markup, Undefined, isTuple, pyError, pyTypeQualName, reprString, setReprHook } from '../runtime/values.js';
import { floatRepr } from './float-digits.js';
import { asPyObject, fakeAddress } from './protocol.js';

export { floatRepr };

// CPython 3.11 refuses to convert ints of more than 4300 decimal digits (sys.int_info.default_max_str_digits).
const MAX_STR_DIGITS = 4300;

export function intStr(v: bigint): string {
  const s = v.toString();
  if (s.length - (v < 0n ? 1 : 0) > MAX_STR_DIGITS) {
    throw pyError(
      'ValueError',
      `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return s;
}

/** Python str(v). */
export function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  if (v instanceof Undefined) return v.toPyStr();
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map)) {
    const o = asPyObject(v);
    if (o?.__str__) return o.__str__();
  }
  return repr(v);
}

/** Python repr(v). */
export function repr(v: Value): string {
  return reprIn(v, new Set());
}

function reprIn(v: Value, active: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return reprString(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return intStr(v);
    case 'number':
      return floatRepr(v);
    case 'undefined':
      return 'None';
  }
  if (v === null) return 'None';
  if (v instanceof Markup) return `Markup(${reprString(v.s)})`;
  if (v instanceof Undefined) return 'Undefined';
  if (Array.isArray(v)) {
    if (active.has(v)) return isTuple(v) ? '(...)' : '[...]';
    active.add(v);
    try {
      const items = v.map((x) => reprIn(x, active));
      if (!isTuple(v)) return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    } finally {
      active.delete(v);
    }
  }
  if (v instanceof Map) {
    if (active.has(v)) return '{...}';
    active.add(v);
    try {
      const parts: string[] = [];
      for (const [k, x] of v) parts.push(`${reprIn(k, active)}: ${reprIn(x, active)}`);
      return `{${parts.join(', ')}}`;
    } finally {
      active.delete(v);
    }
  }
  const o = asPyObject(v);
  if (o?.__repr__) {
    if (active.has(o)) return '...';
    active.add(o);
    try {
      return o.__repr__();
    } finally {
      active.delete(o);
    }
  }
  if (typeof v === 'function') {
    const name = (v as { pyName?: string }).pyName ?? (v.name || 'function');
    return `<function ${name} at ${fakeAddress(v)}>`;
  }
  return `<${pyTypeQualName(v)} object at ${fakeAddress(v as object)}>`;
}

setReprHook(repr);
