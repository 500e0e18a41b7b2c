// The layout of the shipped bundle (schemas/ at the project root), shared by the generator and the reader.
//   index.json                  {format, kubernetesVersion, kinds: {"apps/v1/Deployment": {file, def, scope}, ...}}
//   kubernetes-<version>.json   {definitions: {<swagger name>: schema}}  (shared, $ref'd as #/definitions/<name>)
//   crds/<group>.json           {$defs: {<hash>: schema}, kinds: {"<version>/<Kind>": schema}}  (repeats in $defs)
//   NOTICE                      sources, versions, commits and licences

export const BUNDLE_FORMAT = 1;

/** Whether objects of a kind live in a namespace. */
export type Scope = 'Namespaced' | 'Cluster';

export interface BundleKindEntry {
  /** Bundle file holding the schema, relative to the bundle folder. */
  file: string;
  /** For Kubernetes kinds: the definition name inside `file`. */
  def?: string;
  /** Upstream project and release, for messages. */
  source?: string;
  /** The CRD lists this version with `served: false`. */
  served?: false;
  deprecated?: true;
  /** Taken from an older release because current upstream dropped this API version. */
  legacy?: true;
  /** Namespaced or cluster-scoped: from the API paths (Kubernetes kinds), `spec.scope` (CRDs). */
  scope?: Scope;
}

export interface BundleIndex {
  format: number;
  kubernetesVersion: string;
  kinds: Record<string, BundleKindEntry>;
}

export function kubernetesFile(version: string): string {
  return `kubernetes-${version}.json`;
}

export function crdFile(group: string): string {
  return `crds/${group}.json`;
}
