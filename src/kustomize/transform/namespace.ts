// `namespace:` — sets metadata.namespace on every namespaced resource, plus the extra namespace fields of the config
// (a Namespace's own name, APIService and CRD webhook service namespaces) and RoleBinding subjects named "default".
import type { YMap } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { applyFieldSpec } from '../fieldspec.js';
import type { FieldSetter } from '../fieldspec.js';
import type { ResMap } from '../resmap.js';
import { idEqualsKey, idString, isClusterScoped } from '../resid.js';
import type { FieldSpec } from '../types.js';
import { isMap, typeName } from '../value.js';

export type SubjectMode = 'defaultOnly' | 'allServiceAccounts' | 'none';

function scalarSetter(ns: string, unsetOnly: boolean): FieldSetter {
  return (holder, key) => {
    const cur = holder[key];
    if (cur !== null && typeof cur === 'object') {
      throw new KustomizeError(`namespace field specs must target scalar nodes, found ${typeName(cur)} at '${key}'`);
    }
    if (unsetOnly && cur !== null && cur !== undefined && cur !== '') return;
    holder[key] = ns;
  };
}

export function applyNamespace(
  m: ResMap,
  namespace: string,
  specs: FieldSpec[],
  mode: SubjectMode = 'defaultOnly',
  unsetOnly = false,
): void {
  if (!namespace) return;
  const set = scalarSetter(namespace, unsetOnly);
  // how many resources hold each current id: after each move, its new id must be held once (kustomize looks this up
  // in the whole list every time, which is quadratic)
  const count = new Map<string, number>();
  for (const r of m.list) {
    const k = idEqualsKey(r.curId());
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  for (const r of m.list) {
    const before = idEqualsKey(r.curId());
    r.storePreviousId();
    const obj = r.obj;
    const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
    let fss = specs.filter((f) => f.path !== 'metadata/namespace' && (apiVersion === 'v1' || f.path !== 'metadata/name'));
    if (!isClusterScoped(r.gvk)) {
      applyFieldSpec(obj, { group: '', version: '', kind: '', path: 'metadata/namespace', create: true }, set, 'scalar');
    }
    if (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') {
      fss = fss.filter((f) => !((f.kind === 'RoleBinding' || f.kind === 'ClusterRoleBinding') && f.path === 'subjects/namespace'));
      setSubjects(obj, namespace, mode, unsetOnly);
    }
    for (const fs of fss) applyFieldSpec(obj, fs, set, 'scalar');
    const id = r.curId();
    const after = idEqualsKey(id);
    if (after !== before) {
      count.set(before, count.get(before)! - 1);
      count.set(after, (count.get(after) ?? 0) + 1);
    }
    if (count.get(after) !== 1) {
      throw new KustomizeError(`namespace transformation produces ID conflict: ${idString(id)}`);
    }
  }
}

function setSubjects(obj: YMap, ns: string, mode: SubjectMode, unsetOnly: boolean): void {
  if (mode === 'none') return;
  const subjects = obj['subjects'];
  if (!Array.isArray(subjects)) return;
  for (const s of subjects) {
    if (!isMap(s)) continue;
    const hit = mode === 'allServiceAccounts' ? s['kind'] === 'ServiceAccount' : s['name'] === 'default';
    if (hit && !(unsetOnly && s['namespace'] !== undefined && s['namespace'] !== null && s['namespace'] !== '')) s['namespace'] = ns;
  }
}
