// Flux objects that exist at run time without being in the repository: the source and Kustomization a FluxInstance
// (flux-operator) creates from its `sync` settings, whether the FluxInstance is in the repository or rendered by the
// flux-instance chart from `instance.sync` values. `flux bootstrap` names both flux-system.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { helmReleases } from './helm.js';
import type { ValidationModel } from './model.js';

export interface RuntimeFluxObject {
  kind: string;
  namespace: string;
  name: string;
}

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

function fromSync(sync: YMap, namespace: string): RuntimeFluxObject[] {
  if (Object.keys(sync).length === 0) return [];
  const name = s(sync['name']) || namespace;
  return [
    { kind: s(sync['kind']) || 'GitRepository', namespace, name },
    { kind: 'Kustomization', namespace, name },
  ];
}

const cache = new WeakMap<ValidationModel, RuntimeFluxObject[]>();

export function runtimeFluxObjects(model: ValidationModel): RuntimeFluxObject[] {
  let list = cache.get(model);
  if (list) return list;
  list = [];
  for (const r of model.byKind('FluxInstance')) list.push(...fromSync(m(m(r.object['spec'])['sync']), r.namespace || 'flux-system'));
  for (const h of helmReleases(model)) {
    if (h.chart === 'flux-instance' || h.resource.name === 'flux-instance') list.push(...fromSync(m(m(h.values['instance'])['sync']), h.namespace));
  }
  cache.set(model, list);
  return list;
}

/** Whether a FluxInstance creates `kind namespace/name`. */
export function createdByFluxInstance(model: ValidationModel, kind: string, namespace: string, name: string): boolean {
  return runtimeFluxObjects(model).some((o) => o.kind === kind && o.namespace === namespace && o.name === name);
}
