// Which kinds are cluster-scoped, so that rules compare namespaces only where they matter. kustomize sets a namespace
// on custom resources it does not know, cluster-scoped or not; the API server ignores it for cluster-scoped kinds.
// The repository's own CustomResourceDefinitions say first; then the shipped schema bundle, which knows the scope of
// every kind it has (Kubernetes' from the API paths, CRDs' from spec.scope); then the few below; then the name.
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import { bundledScopes } from '../schema/index.js';
import type { KindScopes } from '../schema/index.js';

/**
 * Cluster-scoped kinds home-ops repositories use whose CRDs the bundle cannot carry: tuppr's (AGPL-3.0, not shipped)
 * and gateway-api's experimental channel (only the standard one is bundled).
 */
const NOT_BUNDLED_CLUSTER_KINDS = new Set(['KubernetesUpgrade', 'TalosUpgrade', 'XMesh']);

/** Kinds named `Cluster<Something>` (ClusterIssuer, ClusterSecretStore, ClusterPolicy, ...) are cluster-scoped. */
const CLUSTER_PREFIX = /^Cluster[A-Z]/;

export class Scopes {
  private readonly fromCrds = new Map<string, boolean>();

  /** `bundle`: the scopes of the bundled kinds (default: the shipped bundle's; null: none). */
  constructor(private readonly bundle: KindScopes | null = bundledScopes()) {}

  /** Learns the scope of the kinds the repository's own CustomResourceDefinitions define. */
  addCrd(obj: YMap): void {
    const spec = isMap(obj['spec']) ? obj['spec'] : {};
    const names = isMap(spec['names']) ? spec['names'] : {};
    if (typeof names['kind'] === 'string') this.fromCrds.set(names['kind'], spec['scope'] === 'Cluster');
  }

  /** The scope the repository's CRDs or the bundle give the kind; undefined when neither knows it. */
  private known(kind: string, apiVersion?: string): boolean | undefined {
    const fromCrd = this.fromCrds.get(kind);
    if (fromCrd !== undefined) return fromCrd;
    const bundled = this.bundle?.scopeOf(kind, apiVersion);
    return bundled === undefined ? undefined : bundled === 'Cluster';
  }

  /** `apiVersion`, when given, picks the bundled kind exactly (two groups may use one name with different scopes). */
  isClusterScoped(kind: string, apiVersion?: string): boolean {
    return this.known(kind, apiVersion) ?? (NOT_BUNDLED_CLUSTER_KINDS.has(kind) || CLUSTER_PREFIX.test(kind));
  }

  /** Whether the kind is known to be namespaced (a repository CRD or the bundle says so); unknown kinds are not. */
  isNamespaced(kind: string, apiVersion?: string): boolean {
    return this.known(kind, apiVersion) === false;
  }
}
