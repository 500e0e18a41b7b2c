// Named tuples (groupby's _GroupTuple): plain tuples for every purpose (printing, ==, indexing, unpacking) whose
// fields are also attributes.
import type { Value } from '../runtime/values.js';
import { MISSING, tuple } from '../runtime/values.js';

const fields = new WeakMap<readonly Value[], readonly string[]>();

export function namedTuple(names: readonly string[], items: Value[]): readonly Value[] {
  const t = tuple(items);
  fields.set(t, names);
  return t;
}

/** A field of a named tuple, or MISSING. */
export function namedField(t: readonly Value[], name: string): Value | typeof MISSING {
  const names = fields.get(t);
  if (!names) return MISSING;
  const i = names.indexOf(name);
  return i < 0 ? MISSING : t[i];
}

export const isNamedTuple = (t: readonly Value[]): boolean => fields.has(t);
