// TEMPORARY shim: the builtin filters, tests and globals come from src/template/builtins/ (the builtins engineer);
// until that lands, a handful of them here keeps the runtime testable. Delete when builtins/index.ts exists.
import type { FilterFn, TestFn, Value } from './values.js';
import { MISSING, Undefined, pyCallable, pyError } from './values.js';
import { binary, iterate, len, makeRange, str, truthy, type PyObject } from '../python/ops.js';

class Namespace implements PyObject {
  static pyQualName = 'jinja2.utils.Namespace';
  readonly attrs = new Map<string, Value>();
  __getattr__(name: string): Value | typeof MISSING {
    return this.attrs.has(name) ? this.attrs.get(name) : MISSING;
  }
  __setitem__(name: string, v: Value): void {
    this.attrs.set(name, v);
  }
  __repr__(): string {
    return `<Namespace {${[...this.attrs].map(([k, v]) => `'${k}': ${str(v)}`).join(', ')}}>`;
  }
}

const dflt: FilterFn = (_c, v, args) => (v instanceof Undefined || (args[1] !== undefined && truthy(args[1]) && !truthy(v)) ? (args[0] ?? '') : v);

export const builtinFilters = new Map<string, FilterFn>([
  ['default', dflt],
  ['d', dflt],
  ['upper', (_c, v) => str(v).toUpperCase()],
  ['lower', (_c, v) => str(v).toLowerCase()],
  ['length', (_c, v) => BigInt(len(v))],
  ['count', (_c, v) => BigInt(len(v))],
  ['list', (_c, v) => iterate(v)],
  ['join', (_c, v, args) => iterate(v).map((x) => str(x)).join(args[0] === undefined ? '' : str(args[0]))],
  ['string', (_c, v) => str(v)],
]);

export const builtinTests = new Map<string, TestFn>([
  ['defined', (_c, v) => !(v instanceof Undefined)],
  ['undefined', (_c, v) => v instanceof Undefined],
  ['none', (_c, v) => v === null],
  ['divisibleby', (_c, v, args) => binary('%', v, args[0]) === 0n],
  ['odd', (_c, v) => binary('%', v, 2n) === 1n],
  ['even', (_c, v) => binary('%', v, 2n) === 0n],
  ['string', (_c, v) => typeof v === 'string'],
]);

export const builtinGlobals = new Map<string, Value>([
  ['range', pyCallable('range', (args) => makeRange(args))],
  [
    'namespace',
    pyCallable('namespace', (args, kwargs) => {
      if (args.length) throw pyError('TypeError', 'namespace takes keyword arguments here');
      const ns = new Namespace();
      for (const [k, v] of kwargs) ns.__setitem__(k, v);
      return ns;
    }),
  ],
]);
