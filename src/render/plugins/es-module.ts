// ES-module plugins: the hops-native kind. A module (or a class/object it exports) provides filters, tests,
// globals, functions, data, pathFilters and extensions. Values cross into templates through fromData (objects →
// dicts, integral numbers → ints) and arguments reach plugin functions as plain JS (toData: dicts → objects, ints →
// numbers). Keyword arguments (`f(x, width=2)`) arrive as one extra, last argument: a plain object. Template-time
// functions must be synchronous.
import { PyError, fromData, pyCallable, toData, type FilterFn, type TestFn, type Value } from '../../template/runtime/values.js';
import type { PluginContext, PluginContribution, PluginModule } from './types.js';

export class PluginShapeError extends Error {}

/** Instantiate the export: a class gets `new X(ctx)`, a plain function is a factory `f(ctx)`, an object is used. */
export async function instantiate(exported: unknown, ctx: PluginContext): Promise<PluginModule> {
  if (typeof exported === 'function') {
    const src = Function.prototype.toString.call(exported);
    const obj = /^class[\s{]/.test(src) ? new (exported as new (c: PluginContext) => unknown)(ctx) : await (exported as (c: PluginContext) => unknown)(ctx);
    if (obj === null || typeof obj !== 'object') throw new PluginShapeError('the plugin factory did not return an object');
    return obj as PluginModule;
  }
  if (exported !== null && typeof exported === 'object') return exported as PluginModule;
  throw new PluginShapeError(`the plugin export is ${exported === undefined ? 'missing' : typeof exported}, not a class, function or object`);
}

/** Read one member: a method is called (with the plugin as `this`), a value is taken as is. */
async function member(p: PluginModule, key: keyof PluginModule): Promise<unknown> {
  const v = p[key];
  return typeof v === 'function' ? await (v as () => unknown).call(p) : v;
}

/** `[fn, fn]` (names from fn.name), `{name: fn}` or a Map → name → function. */
function namedFunctions(v: unknown, what: string): Map<string, (...a: unknown[]) => unknown> {
  const out = new Map<string, (...a: unknown[]) => unknown>();
  if (v === undefined || v === null) return out;
  const entries: Array<[string, unknown]> = Array.isArray(v)
    ? v.map((f: unknown) => [typeof f === 'function' ? f.name : '', f])
    : v instanceof Map
      ? [...(v as Map<string, unknown>)]
      : typeof v === 'object'
        ? Object.entries(v as Record<string, unknown>)
        : [];
  if (entries.length === 0 && !(Array.isArray(v) || typeof v === 'object')) throw new PluginShapeError(`${what} must be a list of named functions or an object of functions`);
  for (const [name, f] of entries) {
    if (typeof f !== 'function') throw new PluginShapeError(`${what}: "${name}" is not a function`);
    if (!name) throw new PluginShapeError(`${what}: an anonymous function needs a name (use an object: { name: fn })`);
    out.set(name, f as (...a: unknown[]) => unknown);
  }
  return out;
}

function result(name: string, r: unknown): Value {
  if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function') {
    throw new PyError('RuntimeError', `plugin function ${name}() returned a Promise; template functions must be synchronous`);
  }
  return fromData(r);
}

function wrapCall(name: string, f: (...a: unknown[]) => unknown, args: Value[], kwargs: Map<string, Value>): Value {
  let r: unknown;
  const jsArgs = args.map(toData);
  if (kwargs.size > 0) jsArgs.push(Object.fromEntries([...kwargs].map(([k, v]) => [k, toData(v)])));
  try {
    r = f(...jsArgs);
  } catch (e) {
    if (e instanceof PyError) throw e;
    throw new PyError('RuntimeError', `${name}() raised ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`);
  }
  return result(name, r);
}

export async function contributionOf(p: PluginModule, name: string, source: string | null): Promise<PluginContribution> {
  const c: PluginContribution = { name, source, globals: new Map(), data: new Map(), filters: new Map(), tests: new Map(), pathFilters: [], extensions: [], policies: new Map() };
  for (const key of ['globals', 'functions'] as const) {
    const v = await member(p, key);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && key === 'globals') {
      // globals may also carry plain values
      for (const [k, x] of v instanceof Map ? [...(v as Map<string, unknown>)] : Object.entries(v as object)) {
        c.globals.set(k, typeof x === 'function' ? jsCallable(k, x as (...a: unknown[]) => unknown) : fromData(x));
      }
      continue;
    }
    for (const [k, f] of namedFunctions(v, key)) c.globals.set(k, jsCallable(k, f));
  }
  const data = await member(p, 'data');
  if (data !== undefined && data !== null) {
    const d = fromData(data);
    if (!(d instanceof Map)) throw new PluginShapeError('data must be an object (or a function returning one)');
    c.data = d;
  }
  for (const [k, f] of namedFunctions(await member(p, 'filters'), 'filters')) {
    const fn: FilterFn = (_ctx, value, args, kwargs) => wrapCall(k, f, [value, ...args], kwargs);
    c.filters.set(k, fn);
  }
  for (const [k, f] of namedFunctions(await member(p, 'tests'), 'tests')) {
    const fn: TestFn = (_ctx, value, args, kwargs) => Boolean(wrapCall(k, f, [value, ...args], kwargs));
    c.tests.set(k, fn);
  }
  const pf = (await member(p, 'pathFilters')) ?? (await member(p, 'path_filters'));
  if (pf !== undefined && pf !== null) {
    if (!Array.isArray(pf) || !pf.every((f) => typeof f === 'function')) throw new PluginShapeError('pathFilters must be a list of functions (path) => boolean');
    for (const f of pf as Array<(p: string) => unknown>) c.pathFilters.push({ plugin: name, keep: (path) => Boolean(f.call(p, path)) });
  }
  const ext = await member(p, 'extensions');
  if (ext !== undefined && ext !== null) {
    if (!Array.isArray(ext) || !ext.every((e) => typeof e === 'string')) throw new PluginShapeError('extensions must be a list of Jinja extension names (strings)');
    c.extensions = ext as string[];
  }
  const policies = await member(p, 'policies');
  if (policies !== undefined && policies !== null) {
    const m = policyValue('policies', policies);
    if (!(m instanceof Map)) throw new PluginShapeError('policies must be an object of Jinja policy name → value (or a function returning one)');
    for (const [k, v] of m) c.policies.set(String(k), v);
  }
  return c;
}

/** Policy values as template values; functions (json.dumps_function, a dumps `default`) become template callables. */
function policyValue(name: string, v: unknown): Value {
  if (typeof v === 'function') return jsCallable(name, v as (...a: unknown[]) => unknown);
  const entries = v instanceof Map ? [...(v as Map<unknown, unknown>)] : v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? Object.entries(v) : null;
  if (entries === null) return fromData(v);
  return new Map(entries.map(([k, x]) => [fromData(k), policyValue(String(k), x)]));
}

function jsCallable(name: string, f: (...a: unknown[]) => unknown): Value {
  return pyCallable(name, (args, kwargs) => wrapCall(name, f, args, kwargs));
}
