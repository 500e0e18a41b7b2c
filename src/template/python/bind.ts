// Binding call arguments to parameters with CPython's exact TypeErrors: `bind` for functions written in Python
// (Jinja's filters, tests and globals), and `builtinArgs`-style checks for C methods of str/list/dict, whose
// messages follow different conventions (METH_NOARGS, METH_O, positional-only, Argument Clinic).
import type { Value } from '../runtime/values.js';
import { pyError } from '../runtime/values.js';

/** A parameter: `'name'` (required), `['name', default]` (optional), `'*args'`, `'**kwargs'`, `'*'` (kw-only follow). */
export type ParamSpec = string | readonly [string, Value];

const plural = (n: number, word: string): string => `${word}${n === 1 ? '' : 's'}`;

function nameList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

interface Slot {
  name: string;
  kind: 'pos' | 'kw' | 'var' | 'varkw';
  dflt: Value;
  has: boolean;
}

/** A Python signature compiled once: binds args/kwargs to one value per declared parameter. */
export type Binder = (args: readonly Value[], kwargs: ReadonlyMap<string, Value>) => Value[];

export function compileSignature(fnName: string, params: readonly ParamSpec[]): Binder {
  const slots: Slot[] = [];
  let afterStar = false;
  for (const p of params) {
    const [name, dflt, has] = typeof p === 'string' ? [p, null, false] : [p[0], p[1], true];
    if (name === '*') afterStar = true;
    else if (name.startsWith('**')) slots.push({ name: name.slice(2), kind: 'varkw', dflt: null, has: false });
    else if (name.startsWith('*')) {
      afterStar = true;
      slots.push({ name: name.slice(1), kind: 'var', dflt: null, has: false });
    } else slots.push({ name, kind: afterStar ? 'kw' : 'pos', dflt, has });
  }
  const positional = slots.filter((s) => s.kind === 'pos');
  const kwOnly = slots.filter((s) => s.kind === 'kw');
  const hasVar = slots.some((s) => s.kind === 'var');
  const hasVarKw = slots.some((s) => s.kind === 'varkw');
  const n = positional.length;
  const required = positional.filter((p) => !p.has).length;
  const simple = !hasVar && !hasVarKw && kwOnly.length === 0 && positional.every((p, i) => p.has === i >= required);
  const slow = (args: readonly Value[], kwargs: ReadonlyMap<string, Value>): Value[] => {
    const values = new Map<string, Value>();
    for (let i = 0; i < Math.min(n, args.length); i++) values.set(positional[i]!.name, args[i]);
    const rest = args.slice(n);
    const extra = new Map<string, Value>();
    for (const [k, v] of kwargs) {
      const known = positional.some((p) => p.name === k) || kwOnly.some((p) => p.name === k);
      if (!known) {
        if (!hasVarKw) throw pyError('TypeError', `${fnName}() got an unexpected keyword argument '${k}'`);
        extra.set(k, v);
        continue;
      }
      if (values.has(k)) throw pyError('TypeError', `${fnName}() got multiple values for argument '${k}'`);
      values.set(k, v);
    }
    if (rest.length > 0 && !hasVar) {
      const defaults = positional.filter((p) => p.has).length;
      const sig = defaults ? `from ${n - defaults} to ${n}` : `${n}`;
      const kwGiven = kwOnly.filter((p) => kwargs.has(p.name)).length;
      const given = args.length;
      const kwSig = kwGiven ? ` positional ${plural(given, 'argument')} (and ${kwGiven} keyword-only ${plural(kwGiven, 'argument')})` : '';
      const verb = given === 1 && !kwGiven ? 'was' : 'were';
      throw pyError('TypeError', `${fnName}() takes ${sig} positional ${plural(n, 'argument')} but ${given}${kwSig} ${verb} given`);
    }
    const missing = positional.filter((p) => !p.has && !values.has(p.name)).map((p) => p.name);
    if (missing.length) {
      throw pyError('TypeError', `${fnName}() missing ${missing.length} required positional ${plural(missing.length, 'argument')}: ${nameList(missing)}`);
    }
    const missingKw = kwOnly.filter((p) => !p.has && !values.has(p.name)).map((p) => p.name);
    if (missingKw.length) {
      throw pyError('TypeError', `${fnName}() missing ${missingKw.length} required keyword-only ${plural(missingKw.length, 'argument')}: ${nameList(missingKw)}`);
    }
    return slots.map((s) => {
      if (s.kind === 'var') return rest;
      if (s.kind === 'varkw') return extra;
      return values.has(s.name) ? values.get(s.name) : s.dflt;
    });
  };
  if (!simple) return slow;
  // fast path: positional arguments only, within range
  return (args, kwargs) => {
    if (kwargs.size !== 0 || args.length < required || args.length > n) return slow(args, kwargs);
    const out = args.slice();
    for (let i = args.length; i < n; i++) out.push(positional[i]!.dflt);
    return out;
  };
}

/**
 * Bind args/kwargs to a Python function's parameters. Returns one value per declared parameter, in order; a
 * `*args` slot receives an array and a `**kwargs` slot a Map.
 */
export function bind(fnName: string, params: readonly ParamSpec[], args: readonly Value[], kwargs: ReadonlyMap<string, Value>): Value[] {
  return compileSignature(fnName, params)(args, kwargs);
}

// ---------------------------------------------------------------------------------------------------------------
// C-level methods.

/** METH_NOARGS: `str.upper() takes no arguments (1 given)`. */
export function noArgs(qualName: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): void {
  if (kwargs.size) throw pyError('TypeError', `${qualName}() takes no keyword arguments`);
  if (args.length) throw pyError('TypeError', `${qualName}() takes no arguments (${args.length} given)`);
}

/** METH_O: `list.append() takes exactly one argument (0 given)`. */
export function oneArg(qualName: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): Value {
  if (kwargs.size) throw pyError('TypeError', `${qualName}() takes no keyword arguments`);
  if (args.length !== 1) throw pyError('TypeError', `${qualName}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

/**
 * Positional-only clinic methods: `replace expected at least 2 arguments, got 1`; keywords are refused with
 * `str.replace() takes no keyword arguments`.
 */
export function positionalArgs(
  qualName: string,
  min: number,
  max: number,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
): readonly Value[] {
  if (kwargs.size) throw pyError('TypeError', `${qualName}() takes no keyword arguments`);
  const name = qualName.slice(qualName.lastIndexOf('.') + 1);
  if (args.length < min || args.length > max) {
    const bound = min === max ? '' : args.length < min ? 'at least ' : 'at most ';
    const k = args.length < min ? min : max;
    throw pyError('TypeError', `${name} expected ${bound}${k} ${plural(k, 'argument')}, got ${args.length}`);
  }
  return args;
}

/** PyArg_ParseTuple-style methods: `find() takes at least 1 argument (0 given)`. */
export function tupleArgs(
  qualName: string,
  min: number,
  max: number,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
): readonly Value[] {
  const name = qualName.slice(qualName.lastIndexOf('.') + 1);
  if (kwargs.size) throw pyError('TypeError', `${name}() takes no keyword arguments`);
  if (args.length < min) {
    throw pyError('TypeError', `${name}() takes ${min === max ? 'exactly' : 'at least'} ${min} ${plural(min, 'argument')} (${args.length} given)`);
  }
  if (args.length > max) {
    throw pyError('TypeError', `${name}() takes ${min === max ? 'exactly' : 'at most'} ${max} ${plural(max, 'argument')} (${args.length} given)`);
  }
  return args;
}

/**
 * Argument Clinic methods with keyword parameters (str.split, str.splitlines, list.sort): returns one value per
 * parameter (MISSING_ARG when not given). `positional` parameters may be given either way; `kwOnly` by name only.
 */
export const NOT_GIVEN: unique symbol = Symbol('not given');

export function clinicArgs(
  name: string,
  positional: readonly string[],
  kwOnly: readonly string[],
  required: number,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
): (Value | typeof NOT_GIVEN)[] {
  const all = [...positional, ...kwOnly];
  const total = args.length + kwargs.size;
  if (total > all.length) {
    throw pyError('TypeError', `${name}() takes at most ${all.length} ${plural(all.length, 'argument')} (${total} given)`);
  }
  if (args.length > positional.length) {
    if (positional.length === 0) throw pyError('TypeError', `${name}() takes no positional arguments`);
    const max = positional.length;
    throw pyError('TypeError', `${name}() takes at most ${max} positional ${plural(max, 'argument')} (${args.length} given)`);
  }
  const out: (Value | typeof NOT_GIVEN)[] = all.map((_, i) => (i < args.length ? args[i] : NOT_GIVEN));
  for (const [k, v] of kwargs) {
    const i = all.indexOf(k);
    if (i < 0) throw pyError('TypeError', `'${k}' is an invalid keyword argument for ${name}()`);
    if (i < args.length) throw pyError('TypeError', `argument for ${name}() given by name ('${k}') and position (${i + 1})`);
    out[i] = v;
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === NOT_GIVEN) throw pyError('TypeError', `${name}() missing required argument '${all[i]}' (pos ${i + 1})`);
  }
  return out;
}
