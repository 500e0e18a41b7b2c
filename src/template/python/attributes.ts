// getattr(obj, name) for template values: bound methods of the builtin types, attributes of ints/floats, the
// PyObject protocol (__getattr__), and public properties of plugin objects. Dict keys are not attributes (Jinja's
// Environment.getattr falls back to getitem itself).
import type { CallContext, PyCallable, Value } from '../runtime/values.js';
import { MISSING, Markup, Undefined, isTuple, pyCallable, pyTypeName } from '../runtime/values.js';
import { DICT_METHODS } from './dict-methods.js';
import { LIST_METHODS, TUPLE_METHODS } from './list-methods.js';
import type { Method } from './list-methods.js';
import { FLOAT_METHODS, INT_METHODS, floatAttribute, intAttribute } from './number-methods.js';
import { asPyObject, fakeAddress } from './protocol.js';
import { namedField } from './named-tuple.js';
import { STR_METHODS, markupMethod } from './str-methods.js';

/** A bound builtin method (`<built-in method upper of str object at 0x…>`). */
export function boundMethod<T>(self: T, name: string, impl: Method<T>): PyCallable {
  const f = pyCallable(name, (args, kwargs, ctx: CallContext) => impl(self, args, kwargs, ctx));
  const fo = f as unknown as Record<string, unknown>;
  fo['pyQualName'] = 'builtin_function_or_method';
  fo['__repr__'] = () => `<built-in method ${name} of ${pyTypeName(self)} object at ${fakeAddress(f)}>`;
  return f;
}

function lookup<T>(table: Record<string, Method<T>>, self: T, name: string): Value | typeof MISSING {
  const m = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  return m ? boundMethod(self, name, m) : MISSING;
}

/** The builtin method implementation for obj.name on str/Markup/list/tuple/dict/int/float, without binding it. */
function methodImpl(obj: Value, name: string): { self: Value; impl: Method<never> } | null {
  const own = <T>(table: Record<string, Method<T>>): Method<T> | undefined =>
    Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  let impl: Method<never> | undefined;
  let self: Value = obj;
  if (typeof obj === 'string') impl = own(STR_METHODS) as Method<never> | undefined;
  else if (obj instanceof Markup) {
    self = obj.s;
    impl = markupMethod(name) as Method<never> | undefined;
  } else if (obj instanceof Map) impl = own(DICT_METHODS) as Method<never> | undefined;
  else if (Array.isArray(obj)) impl = (isTuple(obj) ? own(TUPLE_METHODS) : own(LIST_METHODS)) as Method<never> | undefined;
  return impl ? { self, impl } : null;
}

/** obj.name(*args, **kwargs) for a builtin method, without materialising the bound method; MISSING if absent. */
export function callBuiltinMethod(obj: Value, name: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, ctx: CallContext): Value | typeof MISSING {
  const m = methodImpl(obj, name);
  return m ? (m.impl as Method<Value>)(m.self, args, kwargs, ctx) : MISSING;
}

/** Python getattr(obj, name), or MISSING when there is no such attribute. Undefined: chainable → itself, else raises. */
export function getAttribute(obj: Value, name: string): Value | typeof MISSING {
  switch (typeof obj) {
    case 'string':
      return lookup(STR_METHODS, obj, name);
    case 'bigint': {
      const a = intAttribute(obj, name);
      return a !== MISSING ? a : lookup(INT_METHODS, obj, name);
    }
    case 'boolean': {
      const v = obj ? 1n : 0n;
      const a = intAttribute(v, name);
      return a !== MISSING ? a : lookup(INT_METHODS, v, name);
    }
    case 'number': {
      const a = floatAttribute(obj, name);
      return a !== MISSING ? a : lookup(FLOAT_METHODS, obj, name);
    }
  }
  if (obj === null || obj === undefined) return MISSING;
  if (obj instanceof Markup) {
    const m = markupMethod(name);
    return m ? boundMethod(obj.s, name, m) : MISSING;
  }
  if (Array.isArray(obj)) {
    if (!isTuple(obj)) return lookup(LIST_METHODS, obj as Value[], name);
    const field = namedField(obj, name);
    return field !== MISSING ? field : lookup(TUPLE_METHODS, obj, name);
  }
  if (obj instanceof Map) return lookup(DICT_METHODS, obj, name);
  if (obj instanceof Undefined) return obj.chain();
  const o = asPyObject(obj)!;
  if (typeof o.__getattr__ === 'function') return o.__getattr__(name);
  if (typeof obj === 'function') return MISSING;
  // plugin objects: public properties and methods
  if (name.startsWith('__') || name === 'constructor' || !(name in (obj as object))) return MISSING;
  const v = (obj as Record<string, unknown>)[name];
  if (v === undefined) return MISSING;
  if (typeof v === 'function' && !(v as Partial<PyCallable>).pyName) return (v as (...a: unknown[]) => unknown).bind(obj);
  return v;
}
