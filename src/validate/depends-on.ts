// The dependsOn graphs Flux orders by: Flux Kustomizations among themselves, HelmReleases among themselves.
import { isMap } from '../core/resource.js';
import type { YValue } from '../core/resource.js';
import type { PathElement } from '../io/yaml-read.js';
import type { ModelResource, ValidationModel } from './model.js';

export interface DependsOnEdge {
  from: ModelResource;
  /** `namespace/name` of the dependant and of the dependency. */
  fromKey: string;
  toKey: string;
  path: PathElement[];
}

export interface DependsOnGraph {
  kind: 'Kustomization' | 'HelmRelease';
  nodes: Map<string, ModelResource>;
  edges: DependsOnEdge[];
}

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');

function edgesOf(r: ModelResource, namespace: string): DependsOnEdge[] {
  const spec = isMap(r.object['spec']) ? r.object['spec'] : {};
  const deps = spec['dependsOn'];
  if (!Array.isArray(deps)) return [];
  const out: DependsOnEdge[] = [];
  deps.forEach((d, i) => {
    if (!isMap(d) || !s(d['name'])) return;
    out.push({ from: r, fromKey: `${namespace}/${r.name}`, toKey: `${s(d['namespace']) || namespace}/${s(d['name'])}`, path: ['spec', 'dependsOn', i, 'name'] });
  });
  return out;
}

const cache = new WeakMap<ValidationModel, DependsOnGraph[]>();

export function dependsOnGraphs(model: ValidationModel): DependsOnGraph[] {
  let graphs = cache.get(model);
  if (graphs) return graphs;
  const ks: DependsOnGraph = { kind: 'Kustomization', nodes: new Map(), edges: [] };
  for (const k of model.kustomizations) {
    const key = `${k.ks.namespace}/${k.ks.name}`;
    if (ks.nodes.has(key)) continue;
    ks.nodes.set(key, k.resource);
    ks.edges.push(...edgesOf(k.resource, k.ks.namespace));
  }
  const hr: DependsOnGraph = { kind: 'HelmRelease', nodes: new Map(), edges: [] };
  for (const r of model.byKind('HelmRelease')) {
    if (r.group !== 'helm.toolkit.fluxcd.io') continue;
    const key = `${r.namespace}/${r.name}`;
    if (hr.nodes.has(key)) continue;
    hr.nodes.set(key, r);
    hr.edges.push(...edgesOf(r, r.namespace));
  }
  graphs = [ks, hr];
  cache.set(model, graphs);
  return graphs;
}
