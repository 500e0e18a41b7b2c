// The repository's existing apps, as `new app` learns from them: each HelmRelease with its folder, the Flux
// Kustomization that applies exactly that folder (if any), the kustomization file that wires it into its namespace,
// its namespace, and where its chart comes from.
import { posix } from 'node:path';
import type { YMap } from '../core/resource.js';
import { HELM_GROUP, KUSTOMIZE_GROUP, SOURCE_GROUP } from '../flux/model.js';
import { docsOfKind, list, map, metaName, metaNamespace, str } from './repo-scan.js';
import type { KustFile, RepoIndex, ScannedDoc } from './repo-scan.js';

export type ChartStyle = 'oci-local' | 'oci-shared' | 'helmrepo';

export interface ChartInfo {
  /** Chart name: the last part of the OCI URL, or chart.spec.chart. */
  name: string;
  style: ChartStyle;
  version: string;
  /** OCI URL (oci styles) or HelmRepository URL. */
  url: string;
  /** The OCIRepository or HelmRepository document. */
  source?: ScannedDoc;
  sourceName: string;
  sourceNamespace: string;
}

export interface AppInfo {
  name: string;
  /** The folder name the app is known by in paths (`bazarr` in `default/bazarr/app`). */
  folder: string;
  namespace: string;
  hr: ScannedDoc;
  /** Folder holding the HelmRelease, repository-relative. */
  appDir: string;
  appKust?: KustFile;
  /** The Flux Kustomization whose spec.path is appDir. */
  ks?: ScannedDoc;
  /** Flux Kustomization documents in the ks file. */
  ksDocsInFile: number;
  /** The kustomization file listing the ks file (or, without a ks, the app folder), and the entry as written. */
  wiredBy?: { kust: KustFile; entry: string };
  chart?: ChartInfo;
}

export const normPath = (p: string): string => posix.normalize(p.replace(/^\.\/+/, '')).replace(/\/+$/, '') || '.';
const GENERIC_DIRS = new Set(['app', 'apps', 'base', 'helmrelease', 'helm', 'release', 'deploy', 'manifests']);

export function findApps(idx: RepoIndex): AppInfo[] {
  const ksByPath = new Map<string, ScannedDoc[]>();
  for (const d of docsOfKind(idx, 'Kustomization', KUSTOMIZE_GROUP)) {
    const p = normPath(str(map(d.object['spec'])['path']));
    let l = ksByPath.get(p);
    if (!l) ksByPath.set(p, (l = []));
    l.push(d);
  }
  const ociByName = new Map<string, ScannedDoc[]>();
  const helmRepoByName = new Map<string, ScannedDoc[]>();
  for (const d of docsOfKind(idx, 'OCIRepository', SOURCE_GROUP)) push(ociByName, metaName(d.object), d);
  for (const d of docsOfKind(idx, 'HelmRepository', SOURCE_GROUP)) push(helmRepoByName, metaName(d.object), d);

  const apps: AppInfo[] = [];
  for (const hr of docsOfKind(idx, 'HelmRelease', HELM_GROUP)) {
    const name = metaName(hr.object);
    if (!name || name.includes('${')) continue;
    const appDir = posix.dirname(hr.file);
    const kss = ksByPath.get(appDir) ?? [];
    const ks = kss.length === 1 ? kss[0] : undefined;
    const ksDocsInFile = ks ? (idx.byFile.get(ks.file) ?? []).filter((d) => d.object['kind'] === 'Kustomization').length : 0;
    const wiredBy = ks ? idx.listedBy.get(ks.file)?.[0] : idx.listedBy.get(appDir)?.[0];
    const folder = folderOf(appDir, name, ks ? metaName(ks.object) : '');
    const namespace = namespaceOf(hr, ks, wiredBy?.kust);
    const app: AppInfo = { name, folder, namespace, hr, appDir, ksDocsInFile };
    const ak = idx.kustomizations.get(appDir);
    if (ak) app.appKust = ak;
    if (ks) app.ks = ks;
    if (wiredBy) app.wiredBy = wiredBy;
    const chart = chartOf(hr, appDir, ociByName, helmRepoByName);
    if (chart) app.chart = chart;
    apps.push(app);
  }
  return apps;
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  l.push(v);
}

function folderOf(appDir: string, hrName: string, ksName: string): string {
  const segs = appDir.split('/');
  for (let i = segs.length - 1; i >= 0; i--) if (segs[i] === hrName || segs[i] === ksName) return segs[i]!;
  const last = segs[segs.length - 1] ?? '';
  return GENERIC_DIRS.has(last) && segs.length > 1 ? segs[segs.length - 2]! : last;
}

function namespaceOf(hr: ScannedDoc, ks: ScannedDoc | undefined, wiring: KustFile | undefined): string {
  if (ks) {
    const t = str(map(ks.object['spec'])['targetNamespace']);
    if (t && !t.includes('${')) return t;
  }
  const fromKust = wiring ? str(wiring.object['namespace']) : '';
  if (fromKust && !ks) return fromKust;
  if (ks) {
    const ns = metaNamespace(ks.object);
    if (ns && ns !== 'flux-system' && !ns.includes('${')) return ns;
    if (fromKust) return fromKust;
  }
  const hrNs = metaNamespace(hr.object);
  if (hrNs) return hrNs;
  // the folder the namespace kustomization sits in
  return wiring ? posix.basename(wiring.dir) : '';
}

function chartOf(hr: ScannedDoc, appDir: string, oci: Map<string, ScannedDoc[]>, helmRepos: Map<string, ScannedDoc[]>): ChartInfo | undefined {
  const spec = map(hr.object['spec']);
  const ref = map(spec['chartRef']);
  if (str(ref['kind']) === 'OCIRepository') {
    const name = str(ref['name']);
    const candidates = oci.get(name) ?? [];
    const source = candidates.find((d) => posix.dirname(d.file) === appDir) ?? candidates.find((d) => !str(ref['namespace']) || metaNamespace(d.object) === str(ref['namespace'])) ?? candidates[0];
    if (!source) return undefined;
    const sspec = map(source.object['spec']);
    const url = str(sspec['url']);
    const sref = map(sspec['ref']);
    return {
      name: url.split('/').pop() ?? '',
      style: posix.dirname(source.file) === appDir ? 'oci-local' : 'oci-shared',
      version: str(sref['tag']) || str(sref['semver']),
      url,
      source,
      sourceName: name,
      sourceNamespace: str(ref['namespace']) || metaNamespace(source.object),
    };
  }
  const cs = map(map(spec['chart'])['spec']);
  if (str(cs['chart'])) {
    const sref = map(cs['sourceRef']);
    const sourceName = str(sref['name']);
    const source = (helmRepos.get(sourceName) ?? [])[0];
    const info: ChartInfo = {
      name: str(cs['chart']),
      style: 'helmrepo',
      version: str(cs['version']),
      url: source ? str(map(source.object['spec'])['url']) : '',
      sourceName,
      sourceNamespace: str(sref['namespace']),
    };
    if (source) info.source = source;
    return info;
  }
  return undefined;
}

/** Names a sibling's files are known by inside its app folder: file → the kinds it holds. */
export function appFiles(idx: RepoIndex, app: AppInfo): Array<{ file: string; kinds: string[] }> {
  const out: Array<{ file: string; kinds: string[] }> = [];
  const entries = app.appKust ? app.appKust.resources.map((r) => r.path) : [...idx.byFile.keys()].filter((f) => posix.dirname(f) === app.appDir);
  for (const p of entries) {
    const docs = idx.byFile.get(p);
    out.push({ file: p, kinds: docs ? docs.map((d) => String(d.object['kind'])) : [] });
  }
  return out;
}

export function specOf(d: ScannedDoc | undefined): YMap {
  return d ? map(d.object['spec']) : {};
}

export function listOfMaps(v: unknown): YMap[] {
  return list(v).filter((x): x is YMap => typeof x === 'object' && x !== null && !Array.isArray(x));
}
