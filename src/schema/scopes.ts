// Namespaced or cluster-scoped, by kind name (what the validate model knows of an object), from the shipped bundle:
// Kubernetes kinds' scope comes from the API paths, CRDs' from spec.scope (see bundle-build.ts).
import { BundleSource, defaultBundleDir } from './bundle.js';
import type { Scope } from './bundle-format.js';
import { gvkKey, parseApiVersion } from './gvk.js';

export class KindScopes {
  private readonly byGvk = new Map<string, Scope>();
  private readonly byKind = new Map<string, Scope>();

  /** From GVK keys (`apps/v1/Deployment`) and their scopes. */
  constructor(entries: Iterable<readonly [string, Scope | undefined]>) {
    for (const [key, scope] of entries) {
      if (!scope) continue;
      this.byGvk.set(key, scope);
      const kind = key.slice(key.lastIndexOf('/') + 1);
      // a name groups use with different scopes (giantswarm's two Silences) counts as cluster-scoped: namespaces are
      // then never what tells two objects apart, nor a reason for an error
      if (this.byKind.get(kind) !== 'Cluster') this.byKind.set(kind, scope);
    }
  }

  /** The scope of `kind` in `apiVersion` when that is known, else of the kinds of that name; undefined: unknown. */
  scopeOf(kind: string, apiVersion?: string): Scope | undefined {
    return (apiVersion ? this.byGvk.get(gvkKey({ ...parseApiVersion(apiVersion), kind })) : undefined) ?? this.byKind.get(kind);
  }
}

let bundled: KindScopes | null | undefined;

/** The shipped bundle's scopes, read once per process; null when there is no bundle. */
export function bundledScopes(): KindScopes | null {
  if (bundled === undefined) {
    const dir = defaultBundleDir();
    bundled = dir ? new KindScopes(new BundleSource(dir).list().map(([key, e]) => [key, e.scope] as const)) : null;
  }
  return bundled;
}
