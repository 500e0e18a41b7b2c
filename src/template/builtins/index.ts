// The builtin filters, tests and globals of Jinja2 3.1 (jinja2/defaults.py), for the Environment to start from.
import type { FilterFn, TestFn, Value } from '../runtime/values.js';
import { textFilters } from './filters-text.js';
import { seqFilters } from './filters-seq.js';
import { mapFilters } from './filters-map.js';
import { miscFilters } from './filters-misc.js';
import { builtinTestTable } from './tests.js';
import { makeGlobals } from './globals.js';

export const builtinFilters: Map<string, FilterFn> = new Map(
  Object.entries({ ...textFilters, ...seqFilters, ...mapFilters, ...miscFilters }).sort(([a], [b]) => (a < b ? -1 : 1)),
);
export const builtinTests: Map<string, TestFn> = new Map(Object.entries(builtinTestTable));
/** Shared instances: the globals are stateless classes and functions. */
export const builtinGlobals: Map<string, Value> = makeGlobals();

export { Namespace } from './globals.js';
