// Navigating the built-in Kubernetes schema the way kyaml's merge walker does: a field's schema, a list's element
// schema, and whether a list merges by key (x-kubernetes-patch-strategy contains "merge").
import { DEFINITIONS, ROOTS } from './smp-data.js';

/** r = definition reference, i = list items, a = map values, s = patch strategy, k = merge keys. */
export interface MiniSchema {
  r?: string;
  i?: MiniSchema;
  a?: MiniSchema;
  s?: string;
  k?: string[];
}

const NONE: Record<string, MiniSchema> = {};

export function schemaForType(apiVersion: string, kind: string): MiniSchema | null {
  const def = ROOTS[`${apiVersion}|${kind}`];
  return def === undefined ? null : { r: def };
}

export function fieldSchema(s: MiniSchema, key: string): MiniSchema | null {
  const props = s.r !== undefined ? DEFINITIONS[s.r] ?? NONE : NONE;
  const p = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
  if (p) return p.r !== undefined ? { r: p.r } : p;
  if (s.a) return s.a.r !== undefined ? { r: s.a.r } : s.a;
  return null;
}

export function elementSchema(s: MiniSchema): MiniSchema | null {
  if (!s.i) return null;
  return s.i.r !== undefined ? { r: s.i.r } : s.i;
}

export function mergesByKey(s: MiniSchema | null): boolean {
  return !!s && !!s.s && s.s.split(',').includes('merge');
}

export function mergeKeys(s: MiniSchema): string[] {
  return s.k ?? [];
}
