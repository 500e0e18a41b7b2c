// Group/version/kind keys for schemas, and kubeconform's `--skip`/`--reject` matching (kinds or `apiVersion/Kind`).

export interface Gvk {
  /** Empty for the core group (`v1`). */
  group: string;
  version: string;
  kind: string;
}

/** `apps/v1` → apps + v1; `v1` → '' + v1. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(gvk: Pick<Gvk, 'group' | 'version'>): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** The key used in the bundle index and by kubeconform's GVK syntax: `apps/v1/Deployment`, `v1/ConfigMap`. */
export function gvkKey(gvk: Gvk): string {
  return `${apiVersionOf(gvk)}/${gvk.kind}`;
}

export function parseGvkKey(key: string): Gvk | null {
  const i = key.lastIndexOf('/');
  if (i <= 0) return null;
  const { group, version } = parseApiVersion(key.slice(0, i));
  const kind = key.slice(i + 1);
  return version && kind ? { group, version, kind } : null;
}

/** Human form for messages: `HelmRelease (helm.toolkit.fluxcd.io/v2)`. */
export function formatGvk(gvk: Gvk): string {
  return `${gvk.kind} (${apiVersionOf(gvk)})`;
}

/**
 * A `--skip`/`--reject` list: comma-separated entries, each a bare kind (`Secret`) or a GVK as kubeconform writes it
 * (`apps/v1/Deployment`, `v1/Secret`). Several flags may be given; blanks are ignored.
 */
export class KindMatcher {
  private readonly entries: Set<string>;
  constructor(specs: readonly string[] = []) {
    this.entries = new Set(
      specs
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    );
  }
  get size(): number {
    return this.entries.size;
  }
  matches(gvk: Gvk): boolean {
    return this.entries.has(gvkKey(gvk)) || this.entries.has(gvk.kind);
  }
}
