// Repository-wide habits that one sibling cannot show reliably: the domain apps are served under, the gateway
// routes attach to, the secret store, and which Flux dependencies and components every app of a kind carries.
import type { YMap } from '../core/resource.js';
import type { AppInfo } from './apps.js';
import { HELM_GROUP } from '../flux/model.js';
import { listOfMaps, normPath, specOf } from './apps.js';
import { docsOfKind, list, map, majority, metaNamespace, resolveRel, str } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';

const RELEASE_NAME = /^\{\{\s*\.Release\.Name\s*\}\}/;

/** Host names the repository's apps are served at (HelmRelease values, HTTPRoutes, Ingresses). */
export function hostNames(idx: RepoIndex): string[] {
  const out: string[] = [];
  for (const hr of docsOfKind(idx, 'HelmRelease', HELM_GROUP)) {
    const values = map(map(hr.object['spec'])['values']);
    for (const r of Object.values(map(values['route']))) for (const h of list(map(r)['hostnames'])) out.push(str(h));
    for (const i of Object.values(map(values['ingress']))) for (const h of listOfMaps(map(i)['hosts'])) out.push(str(h['host']));
  }
  for (const d of docsOfKind(idx, 'HTTPRoute')) for (const h of list(map(d.object['spec'])['hostnames'])) out.push(str(h));
  for (const d of docsOfKind(idx, 'Ingress')) for (const r of listOfMaps(map(d.object['spec'])['rules'])) out.push(str(r['host']));
  return out.filter((h) => h.includes('.'));
}

/** The domain most host names end in, after their first label (`${SECRET_DOMAIN}`, `example.com`). */
export function learnDomain(idx: RepoIndex): string | undefined {
  const suffixes = hostNames(idx)
    .map((h) => h.replace(RELEASE_NAME, 'x'))
    .map((h) => h.slice(h.indexOf('.') + 1))
    .filter((s) => s && !s.includes('{{') && !s.startsWith('*'));
  return majority(suffixes);
}

export function usesReleaseName(values: YMap): boolean {
  const hosts = [
    ...Object.values(map(values['route'])).flatMap((r) => list(map(r)['hostnames']).map(str)),
    ...Object.values(map(values['ingress'])).flatMap((i) => listOfMaps(map(i)['hosts']).map((h) => str(h['host']))),
  ];
  return hosts.some((h) => RELEASE_NAME.test(h));
}

/** The gateway routes attach to: the sibling's, else the most common among app-template routes. */
export function learnParentRefs(idx: RepoIndex, sibling: AppInfo): unknown[] | undefined {
  const own = Object.values(map(map(specOf(sibling.hr)['values'])['route'])).map((r) => list(map(r)['parentRefs']));
  if (own[0]?.length) return own[0];
  const all: unknown[][] = [];
  for (const hr of docsOfKind(idx, 'HelmRelease', HELM_GROUP)) {
    for (const r of Object.values(map(map(specOf(hr)['values'])['route']))) {
      const p = list(map(r)['parentRefs']);
      if (p.length) all.push(p);
    }
  }
  return majority(all, (p) => JSON.stringify(p));
}

export interface SecretStoreHabit {
  kind: string;
  name: string;
  known: Set<string>;
}

export function learnSecretStore(idx: RepoIndex): SecretStoreHabit | undefined {
  const refs = docsOfKind(idx, 'ExternalSecret').map((d) => map(map(d.object['spec'])['secretStoreRef']));
  const known = new Set<string>(refs.map((r) => str(r['name'])).filter(Boolean));
  for (const d of [...docsOfKind(idx, 'ClusterSecretStore'), ...docsOfKind(idx, 'SecretStore')]) known.add(str(map(d.object['metadata'])['name']));
  const best = majority(refs.filter((r) => str(r['name'])), (r) => `${str(r['kind'])}/${str(r['name'])}`);
  if (!best && known.size === 0) return undefined;
  return { kind: str(best?.['kind']) || 'ClusterSecretStore', name: str(best?.['name']) || [...known][0]!, known };
}

export interface Feature {
  /** Apps (with a Flux Kustomization) that have the feature. */
  has: (app: AppInfo) => boolean;
  /** Names of Kustomizations that provide what the feature needs (a storage operator, a secret store). */
  provider?: RegExp;
}

export const STORAGE_PROVIDERS = /openebs|rook|ceph|longhorn|csi|nfs|storage|volsync|kopiur|snapshot|local-path|topolvm|piraeus|linstor|zfs/;
export const SECRET_PROVIDERS = /secret|onepassword|1password|vault|bitwarden|doppler|infisical|akeyless/;

const depKey = (d: YMap, ownNs: string): string => `${str(d['namespace']) || ownNs}/${str(d['name'])}`;

/**
 * Flux dependencies to carry over from the sibling: those most apps with the same features declare (e.g. every app
 * with a volume depends on the storage operator), or that most apps declare at all.
 */
export function learnDependsOn(apps: readonly AppInfo[], sibling: AppInfo, features: readonly Feature[]): YMap[] {
  const withKs = apps.filter((a) => a.ks);
  const deps = (a: AppInfo): Set<string> => new Set(listOfMaps(specOf(a.ks)['dependsOn']).map((d) => depKey(d, metaNamespace(a.ks!.object) || a.namespace)));
  const common = (group: readonly AppInfo[], key: string): boolean => group.length >= 2 && group.filter((a) => deps(a).has(key)).length * 2 > group.length;
  const siblingNs = metaNamespace(sibling.ks?.object ?? {}) || sibling.namespace;
  return listOfMaps(specOf(sibling.ks)['dependsOn']).filter((d) => {
    const key = depKey(d, siblingNs);
    if (common(withKs, key)) return true;
    // what most apps with the feature need, or (with too few such apps to tell) what provides it
    return features.some((f) => f.has(sibling) && (common(withKs.filter(f.has), key) || (f.provider?.test(str(d['name'])) ?? false)));
  });
}

/** Components most apps of the repository list in their Flux Kustomization (besides volume components). */
export function commonKsComponents(apps: readonly AppInfo[]): Set<string> {
  const withKs = apps.filter((a) => a.ks);
  const counts = new Map<string, number>();
  for (const a of withKs) {
    const base = normPath(str(specOf(a.ks)['path']));
    for (const c of new Set(list(specOf(a.ks)['components']).map((e) => resolveRel(base, str(e))))) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n * 4 >= withKs.length * 3).map(([c]) => c));
}
