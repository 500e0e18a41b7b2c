// Resource ids as kustomize compares them: group/version/kind, name, and a namespace where "" means "default" and
// cluster-scoped kinds have none at all.
import { CLUSTER_SCOPED } from './schema/smp-data.js';
import type { Gvk } from './types.js';

export interface ResId extends Gvk {
  name: string;
  namespace: string;
}

const clusterScoped = new Set(CLUSTER_SCOPED);

export function apiVersionOf(g: Gvk): string {
  return g.group ? `${g.group}/${g.version}` : g.version;
}

/** Known from the built-in Kubernetes schema to be cluster-scoped (unknown kinds count as namespaced). */
export function isClusterScoped(g: Gvk): boolean {
  return clusterScoped.has(`${apiVersionOf(g)}|${g.kind}`);
}

export const NOT_NAMESPACEABLE = '_non_namespaceable_';

export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return NOT_NAMESPACEABLE;
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

export function gvkEquals(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

export function idEquals(a: ResId, b: ResId): boolean {
  return a.name === b.name && gvkEquals(a, b) && effectiveNamespace(a) === effectiveNamespace(b);
}

/** A string two ids share exactly when idEquals holds, for maps and counts. */
export function idEqualsKey(id: ResId): string {
  return `${id.group}\u0000${id.version}\u0000${id.kind}\u0000${id.name}\u0000${effectiveNamespace(id)}`;
}

export function nsEquals(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b);
}

/** Empty selector parts match anything (kustomize's Gvk.IsSelected). */
export function gvkSelected(x: Gvk, sel: Gvk): boolean {
  return (!sel.group || x.group === sel.group) && (!sel.version || x.version === sel.version) && (!sel.kind || x.kind === sel.kind);
}

/** ResId.IsSelectedBy: empty name/namespace in the selector match anything. */
export function idSelectedBy(id: ResId, sel: ResId): boolean {
  return (sel.name === '' || sel.name === id.name) && (sel.namespace === '' || nsEquals(sel, id)) && gvkSelected(id, sel);
}

/** kustomize's `Kind.version.group/name.namespace` with `[noGrp]` etc. placeholders, used in its messages. */
export function idString(id: ResId): string {
  const g = id.group || '[noGrp]';
  const v = id.version || '[noVer]';
  const k = id.kind || '[noKind]';
  return `${k}.${v}.${g}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** The Gvk order kustomize uses to sort field specs and back references. */
const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service',
  'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

export function typeOrders(first: string[], last: string[]): Map<string, number> {
  const m = new Map<string, number>();
  first.forEach((n, i) => m.set(n, -first.length + i));
  last.forEach((n, i) => m.set(n, 1 + i));
  return m;
}

export const DEFAULT_ORDER_FIRST = ORDER_FIRST;
export const DEFAULT_ORDER_LAST = ORDER_LAST;
const defaultOrders = typeOrders(ORDER_FIRST, ORDER_LAST);

function sortString(g: Gvk): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

export function gvkLess(a: Gvk, b: Gvk): boolean {
  const ia = defaultOrders.get(a.kind) ?? 0;
  const ib = defaultOrders.get(b.kind) ?? 0;
  if (ia !== ib) return ia < ib;
  return sortString(a) < sortString(b);
}

export function gvkCompare(a: Gvk, b: Gvk): number {
  return gvkLess(a, b) ? -1 : gvkLess(b, a) ? 1 : 0;
}
