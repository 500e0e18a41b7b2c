// The Python value model of the template engine. Every part of src/template/ agrees on this representation:
//
//   Python        JS
//   None          null
//   bool          boolean
//   int           bigint            (arbitrary precision, exact like Python)
//   float         number            (a JS number is *always* a float; ints are never plain numbers)
//   str           string
//   Markup        Markup            (str subclass in Jinja; accepted wherever a str is)
//   list          Array             (mutable)
//   tuple         frozen Array tagged by `tuple()`; test with `isTuple()`
//   dict          Map               (insertion ordered; keys are string | bigint | number | boolean | null | tuples)
//   Undefined     Undefined         (one class, behaviour chosen by its `mode`)
//   callable      function          (see PY_CALL below)
//   other objects plain JS objects / class instances (Namespace, Cycler, Joiner, LoopContext, Macro, plugin values)
//
// `undefined` (JS) never appears as a template value: convert it to an Undefined or null at the edges.
// Data from YAML/TOML/JSON goes through `fromData()` so ints become bigint and objects become Maps.

export type Value = unknown;

// ---------------------------------------------------------------------------------------------------------------
// Errors: one class for every Python / Jinja exception, so messages can be compared with Python byte for byte as
// `${pyType}: ${message}` (e.g. `UndefinedError: 'x' is undefined`, `TypeError: unsupported operand type(s) ...`).

export type PyErrorType =
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'AttributeError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'RecursionError'
  | 'UndefinedError'
  | 'TemplateSyntaxError'
  | 'TemplateAssertionError'
  | 'TemplateRuntimeError'
  | 'TemplateNotFound'
  | 'TemplatesNotFound'
  | 'FilterArgumentError'
  | 'SecurityError'
  | 'RuntimeError'
  | 'AssertionError'
  | 'Exception';

export class PyError extends Error {
  readonly pyType: PyErrorType;
  /** Template name and 1-based position, filled in by the runtime as the error passes through a node. */
  templateName: string | undefined;
  lineno: number | undefined;
  col: number | undefined;
  constructor(pyType: PyErrorType, message: string) {
    super(message);
    this.name = pyType;
    this.pyType = pyType;
  }
  /** What Python prints for `f"{type(e).__name__}: {e}"`. */
  describe(): string {
    return `${this.pyType}: ${this.message}`;
  }
}

export const pyError = (t: PyErrorType, msg: string): PyError => new PyError(t, msg);

// ---------------------------------------------------------------------------------------------------------------
// Markup (markupsafe.Markup): an already-escaped string.

export class Markup {
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  toString(): string {
    return this.s;
  }
}

export const isStr = (v: Value): v is string | Markup => typeof v === 'string' || v instanceof Markup;
/** The JS string of a str or Markup. */
export const strOf = (v: string | Markup): string => (typeof v === 'string' ? v : v.s);

// ---------------------------------------------------------------------------------------------------------------
// Tuples: frozen arrays carrying a tag.

const TUPLE = Symbol.for('hops.tuple');

export function tuple(items: Value[]): readonly Value[] {
  Object.defineProperty(items, TUPLE, { value: true });
  return Object.freeze(items);
}
export const isTuple = (v: Value): v is readonly Value[] => Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[TUPLE] === true;

// ---------------------------------------------------------------------------------------------------------------
// Callables. A function carrying PY_CALL receives Python-style arguments; any other JS function (e.g. from a
// user's ES-module plugin) is called with the positional arguments only (keyword arguments are an error).

export const PY_CALL = Symbol.for('hops.pycall');

/** What the runtime passes to Python-style callables, filters and tests. */
export interface CallContext {
  env: EnvLike;
  /** The template context (for pass_context functions); absent when called outside a render. */
  context?: unknown;
  /** eval_context.autoescape at the call site. */
  autoescape: boolean;
}

export type PyCallable = ((...a: never[]) => unknown) & {
  [PY_CALL]: (args: Value[], kwargs: Map<string, Value>, ctx: CallContext) => Value;
  /** Python-visible name, used in messages and repr. */
  pyName?: string;
};

export function pyCallable(
  name: string,
  impl: (args: Value[], kwargs: Map<string, Value>, ctx: CallContext) => Value,
): PyCallable {
  const f = function (this: unknown) {
    throw new Error(`${name} is a template callable; call it through the runtime`);
  } as unknown as PyCallable;
  f[PY_CALL] = impl;
  f.pyName = name;
  return f;
}

/** A filter: value first, then the call's arguments. Raise PyError for bad input. */
export type FilterFn = (ctx: CallContext, value: Value, args: Value[], kwargs: Map<string, Value>) => Value;
/** A test: like a filter, returns a JS boolean. */
export type TestFn = (ctx: CallContext, value: Value, args: Value[], kwargs: Map<string, Value>) => boolean;

/** The parts of the Environment that builtins (filters, tests, globals, methods) may use. */
export interface EnvLike {
  /** Jinja's env.getattr: attribute first, then item; an Undefined(obj, name) when neither exists. */
  getattr(obj: Value, name: string): Value;
  /** Jinja's env.getitem: item first, then attribute for str keys; an Undefined(obj, name) when neither exists. */
  getitem(obj: Value, key: Value): Value;
  /** A new Undefined of the environment's mode. */
  undefined(hint?: string, obj?: Value, name?: Value): Undefined;
  callFilter(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value;
  callTest(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): boolean;
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
  /** Call any template value with Python arguments (PyCallable, plain JS function, macro). */
  call(fn: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value;
  /** Environment.policies (json.dumps_kwargs, urlize.rel, truncate.leeway, ...). */
  readonly policies: Map<string, Value>;
  readonly newlineSequence: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Undefined: jinja2.Undefined and its subclasses, with Jinja's exact messages.

export type UndefinedMode = 'default' | 'chainable' | 'debug' | 'strict';

/** Marks "no object" (Jinja's `missing`), distinct from None. */
export const MISSING: unique symbol = Symbol.for('hops.missing');

export class Undefined {
  readonly mode: UndefinedMode;
  readonly hint: string | undefined;
  readonly obj: Value | typeof MISSING;
  readonly undefinedName: Value;
  constructor(mode: UndefinedMode, hint?: string, obj: Value | typeof MISSING = MISSING, name: Value = null) {
    this.mode = mode;
    this.hint = hint;
    this.obj = obj;
    this.undefinedName = name;
  }

  /** Jinja's `_undefined_message`. */
  get message(): string {
    if (this.hint) return this.hint;
    if (this.obj === MISSING) return `${reprName(this.undefinedName)} is undefined`;
    if (!isStr(this.undefinedName)) {
      return `${objectTypeRepr(this.obj)} has no element ${reprName(this.undefinedName)}`;
    }
    return `${reprString(objectTypeRepr(this.obj))} has no attribute ${reprName(this.undefinedName)}`;
  }

  /** The error every forbidden operation raises. */
  error(): PyError {
    return new PyError('UndefinedError', this.message);
  }
  fail(): never {
    throw this.error();
  }

  /** str(undefined): '' (default, chainable), `{{ name }}` (debug), raises (strict). */
  toPyStr(): string {
    switch (this.mode) {
      case 'strict':
        return this.fail();
      case 'debug': {
        let m: string;
        if (this.hint) m = `undefined value printed: ${this.hint}`;
        else if (this.obj === MISSING) m = String(this.undefinedName);
        else m = `no such element: ${objectTypeRepr(this.obj)}[${reprName(this.undefinedName)}]`;
        return `{{ ${m} }}`;
      }
      default:
        return '';
    }
  }
  /** bool(undefined), len(), iter(), ==: allowed except in strict mode. */
  checkUsable(): void {
    if (this.mode === 'strict') this.fail();
  }
  /** Attribute/item access on an Undefined: chainable returns itself, others fail. */
  chain(): Undefined {
    if (this.mode === 'chainable') return this;
    return this.fail();
  }
}

export const isUndefined = (v: Value): v is Undefined => v instanceof Undefined;

/**
 * Python/Jinja type name for messages: `object_type_repr` minus the " object" suffix.
 * Classes may declare `static pyQualName = 'jinja2.utils.Namespace'`; builtins map to their Python names.
 */
export function pyTypeQualName(v: Value): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
    case 'function':
      return (v as { pyQualName?: string }).pyQualName ?? 'function';
  }
  if (v instanceof Markup) return 'markupsafe.Markup';
  if (v instanceof Map) return 'dict';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (v instanceof Undefined) {
    return {
      default: 'jinja2.runtime.Undefined',
      chainable: 'jinja2.runtime.ChainableUndefined',
      debug: 'jinja2.runtime.DebugUndefined',
      strict: 'jinja2.runtime.StrictUndefined',
    }[v.mode];
  }
  const ctor = (v as { constructor?: { pyQualName?: string; name?: string } }).constructor;
  return ctor?.pyQualName ?? ctor?.name ?? 'object';
}

/** The bare class name (`type(v).__name__`): `int`, `dict`, `Namespace`, `StrictUndefined`. */
export function pyTypeName(v: Value): string {
  const q = pyTypeQualName(v);
  return q.slice(q.lastIndexOf('.') + 1);
}

/** jinja2.utils.object_type_repr. */
export function objectTypeRepr(obj: Value): string {
  if (obj === null) return 'None';
  return `${pyTypeQualName(obj)} object`;
}

function reprName(name: Value): string {
  if (typeof name === 'string') return reprString(name);
  if (typeof name === 'bigint') return name.toString();
  return reprHook(name);
}

// Python repr() of any value, for names in Undefined messages (`… has no element [1, 2]`). The full implementation
// lives in src/template/python/repr.ts, which imports this module, so it installs itself here.
let reprHook: (v: Value) => string = (v) => String(v);
export function setReprHook(f: (v: Value) => string): void {
  reprHook = f;
}

// ---------------------------------------------------------------------------------------------------------------
// repr() of a str, exactly as CPython prints it.

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp >= 0x80 && ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

// ---------------------------------------------------------------------------------------------------------------
// Plain data (parsed YAML/TOML/JSON, plugin output) → template values.

/**
 * Convert plain JS data to the Python model: objects → Map, integer numbers → bigint (floats must arrive as numbers
 * with a fractional part, or be pre-tagged by the loader), undefined → null. Values already in the model pass through.
 */
export function fromData(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Map || v instanceof Markup || v instanceof Undefined || typeof v === 'function') return v;
  if (Array.isArray(v)) return isTuple(v) ? v : (v as unknown[]).map(fromData);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const m = new Map<Value, Value>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromData(x));
    return m;
  }
  return v;
}

/** Template values → plain JS data (for plugins and JSON): Map → object, bigint → number when safe. */
export function toData(v: Value): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = toData(x);
    return o;
  }
  if (Array.isArray(v)) return v.map(toData);
  if (v instanceof Markup) return v.s;
  if (v instanceof Undefined) return undefined;
  return v;
}
