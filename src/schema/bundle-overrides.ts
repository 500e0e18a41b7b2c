// Documented changes the generator makes to upstream schemas, so the bundle accepts what clusters accept. Each entry
// states a fact about another distribution (which values it adds), never its material: the Flux Operator is AGPL-3.0,
// so nothing of it is shipped; the values below are plain kind names.
import { isObject } from './keywords.js';
import type { JsonSchema } from './keywords.js';

export interface EnumAddition {
  group: string;
  kind: string;
  /** Field path from the root: property names, `[]` for "each item of the list". */
  path: readonly string[];
  /** Values appended to the field's enum (after upstream's own, as the distribution appends them). */
  values: readonly string[];
  /** One line for the NOTICE: who extends the enum, and when. */
  why: string;
}

/**
 * The Flux Operator installs Flux with notification-controller's Alert and Receiver CRDs patched so that events of its
 * own kinds can be sent and received (flux-operator internal/builder, notification patch, read at v0.58.1; applied to
 * every served version). Repositories that install Flux this way alert on their FluxInstance. FluxReport is not among
 * the kinds it adds.
 */
const FLUX_OPERATOR_KINDS = ['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider'] as const;
const FLUX_OPERATOR_WHY = 'the Flux Operator (controlplaneio-fluxcd/flux-operator) adds these kinds when it installs Flux';

export const ENUM_ADDITIONS: readonly EnumAddition[] = [
  { group: 'notification.toolkit.fluxcd.io', kind: 'Alert', path: ['spec', 'eventSources', '[]', 'kind'], values: FLUX_OPERATOR_KINDS, why: FLUX_OPERATOR_WHY },
  { group: 'notification.toolkit.fluxcd.io', kind: 'Receiver', path: ['spec', 'resources', '[]', 'kind'], values: FLUX_OPERATOR_KINDS, why: FLUX_OPERATOR_WHY },
];

export interface AppliedOverride {
  addition: EnumAddition;
  version: string;
}

/** `spec.eventSources[].kind` */
export function fieldName(path: readonly string[]): string {
  return path.map((p, i) => (p === '[]' ? '[]' : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Applies the additions for one converted schema in place; returns those applied. A listed field that is missing or
 * has no enum is an error: upstream changed, and the table must be looked at again.
 */
export function applyOverrides(group: string, version: string, kind: string, schema: JsonSchema, table: readonly EnumAddition[] = ENUM_ADDITIONS): AppliedOverride[] {
  const applied: AppliedOverride[] = [];
  for (const a of table) {
    if (a.group !== group || a.kind !== kind) continue;
    let node: unknown = schema;
    for (const step of a.path) {
      node = isObject(node) ? (step === '[]' ? node['items'] : isObject(node['properties']) ? node['properties'][step] : undefined) : undefined;
    }
    const e = isObject(node) ? node['enum'] : undefined;
    if (!isObject(node) || !Array.isArray(e)) throw new Error(`schema override: ${group}/${version} ${kind} has no enum at ${fieldName(a.path)}; check ENUM_ADDITIONS`);
    // a nullable field keeps null last
    const hasNull = e.includes(null);
    const values = e.filter((v) => v !== null);
    for (const v of a.values) if (!values.includes(v)) values.push(v);
    node['enum'] = hasNull ? [...values, null] : values;
    applied.push({ addition: a, version });
  }
  return applied;
}
