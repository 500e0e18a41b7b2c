// The repository as the rules see it: every resource every Flux Kustomization builds (after substitution), with the
// Kustomization that applies it, the tree it belongs to (a cluster: the root Kustomization and all it applies),
// effective namespaces, an index by kind, and a locator that maps fields back to source lines.
import type { ResourceRef } from '../core/finding.js';
import { isMap, splitApiVersion } from '../core/resource.js';
import type { Origin, Resource, YMap } from '../core/resource.js';
import type { BuildUnit } from '../flux/build.js';
import type { UnappliedKustomization } from '../flux/repo.js';
import { isFluxKustomization, ksKey, readKustomization } from '../flux/model.js';
import type { FluxKustomization } from '../flux/model.js';
import type { PathElement } from '../io/yaml-read.js';
import type { Location, SourceLocator } from './locate.js';
import { Scopes } from './scope.js';
import { parents, rootOf } from './trees.js';

export interface ModelResource {
  object: YMap;
  origin: Origin;
  apiVersion: string;
  group: string;
  kind: string;
  name: string;
  /** metadata.namespace; '' for cluster-scoped kinds and for namespaced objects that name none. */
  namespace: string;
  clusterScoped: boolean;
  /** `namespace/name` of the Flux Kustomization that applies it; undefined for plain manifests and root Kustomizations. */
  unit?: string;
  /** Root Kustomization of the tree that applies it (one tree per cluster); '' for plain manifests. */
  tree: string;
}

export interface ModelKustomization {
  ks: FluxKustomization;
  /** The Kustomization object as applied (from its parent's build), or as written for a root. */
  resource: ModelResource;
  /** Its build, when it was built. */
  build?: BuildUnit;
}

export interface ValidationModel {
  mode: 'repository' | 'manifests';
  resources: ModelResource[];
  kustomizations: ModelKustomization[];
  /** The Kustomizations checked (those Flux applies). */
  units: BuildUnit[];
  /** Kustomizations Flux does not apply (inside another one's path, not listed by it): not built, not checked. */
  unapplied: readonly UnappliedKustomization[];
  scopes: Scopes;
  byKind(kind: string): ModelResource[];
  /** Resources of `kind` named `name` in `namespace` (any namespace for cluster-scoped kinds). */
  find(kind: string, namespace: string, name: string): ModelResource[];
  locate(r: ModelResource, path: readonly PathElement[]): Location;
  locator: SourceLocator;
  /**
   * A Kustomization that failed to build and whose files mention `name`: what a rule finds missing may be there.
   * Rules say so and report a warning instead of an error.
   */
  unbuiltMention(name: string): string | undefined;
}

/** Searches the files of Kustomizations that failed to build for a name. */
export type UnbuiltSearch = (name: string) => string | undefined;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function toModelResource(r: Resource, scopes: Scopes, unit: string | undefined, tree: string): ModelResource {
  const obj = r.object;
  const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
  const apiVersion = str(obj['apiVersion']);
  const kind = str(obj['kind']);
  const clusterScoped = scopes.isClusterScoped(kind, apiVersion);
  const out: ModelResource = {
    object: obj,
    origin: r.origin,
    apiVersion,
    group: splitApiVersion(apiVersion).group,
    kind,
    name: str(meta['name']),
    namespace: clusterScoped ? '' : str(meta['namespace']),
    clusterScoped,
    tree,
  };
  if (unit !== undefined) out.unit = unit;
  return out;
}

export function refOf(r: ModelResource): ResourceRef {
  const ref: ResourceRef = { apiVersion: r.apiVersion, kind: r.kind, name: r.name };
  if (r.namespace) ref.namespace = r.namespace;
  return ref;
}

class Model implements ValidationModel {
  readonly resources: ModelResource[] = [];
  readonly kustomizations: ModelKustomization[] = [];
  readonly scopes = new Scopes();
  private readonly kinds = new Map<string, ModelResource[]>();

  constructor(
    readonly mode: 'repository' | 'manifests',
    readonly units: BuildUnit[],
    readonly locator: SourceLocator,
    private readonly unbuilt: UnbuiltSearch = () => undefined,
    readonly unapplied: readonly UnappliedKustomization[] = [],
  ) {}

  unbuiltMention(name: string): string | undefined {
    return this.unbuilt(name);
  }

  add(r: ModelResource): void {
    this.resources.push(r);
    let list = this.kinds.get(r.kind);
    if (!list) this.kinds.set(r.kind, (list = []));
    list.push(r);
  }

  byKind(kind: string): ModelResource[] {
    return this.kinds.get(kind) ?? [];
  }

  find(kind: string, namespace: string, name: string): ModelResource[] {
    return this.byKind(kind).filter((r) => r.name === name && (r.clusterScoped || r.namespace === namespace));
  }

  locate(r: ModelResource, path: readonly PathElement[]): Location {
    return this.locator.locate(r.origin, path);
  }
}

function learnScopes(scopes: Scopes, resources: Iterable<Resource>): void {
  for (const r of resources) if (r.object['kind'] === 'CustomResourceDefinition') scopes.addCrd(r.object);
}

/**
 * The model of a repository from its build (`build({mode:'all', unapplied:'skip'})`, or from an entry): the units are
 * those Flux applies; `unapplied` lists the others (`result.unapplied`).
 */
export function repositoryModel(units: BuildUnit[], locator: SourceLocator, unbuilt?: UnbuiltSearch, unapplied: readonly UnappliedKustomization[] = []): ValidationModel {
  const parent = parents(units);
  const m = new Model('repository', units, locator, unbuilt, unapplied);
  learnScopes(m.scopes, units.flatMap((u) => u.resources));
  const ksObjects = new Map<string, ModelResource>();
  for (const u of units) {
    const tree = rootOf(u.id, parent);
    for (const r of u.resources) {
      const mr = toModelResource(r, m.scopes, u.id, tree);
      m.add(mr);
      if (isFluxKustomization(r.object)) {
        const key = ksKey(readKustomization(r, u.kustomization?.namespace));
        if (!ksObjects.has(key)) ksObjects.set(key, mr);
      }
    }
  }
  for (const u of units) {
    if (!u.kustomization) continue;
    let resource = ksObjects.get(u.id);
    if (!resource) {
      // a root: written in the repository but applied by nothing built here (bootstrap or a FluxInstance applies it)
      resource = toModelResource({ object: u.kustomization.object, origin: u.kustomization.origin }, m.scopes, undefined, u.id);
      if (!resource.namespace) resource.namespace = u.kustomization.namespace;
      m.add(resource);
    }
    m.kustomizations.push({ ks: u.kustomization, resource, build: u });
  }
  return m;
}

/** The model of plain manifests (files, folders, stdin): no Kustomizations, no trees. */
export function manifestModel(resources: Resource[], locator: SourceLocator): ValidationModel {
  const m = new Model('manifests', [], locator);
  learnScopes(m.scopes, resources);
  for (const r of resources) m.add(toModelResource(r, m.scopes, undefined, ''));
  return m;
}
