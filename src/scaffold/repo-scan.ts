// Reads a repository once for `new app`: every YAML document that has a kind (with its file and line), every
// kustomization file with its resources/components resolved to repository paths, and who lists what.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { parseYamlDocuments } from '../io/yaml-read.js';

export interface ScannedDoc {
  /** Repository-relative file. */
  file: string;
  /** Index of the document in its file. */
  index: number;
  line: number;
  object: YMap;
}

export interface KustFile {
  /** Repository-relative file (kustomization.yaml, kustomization.yml or Kustomization). */
  file: string;
  dir: string;
  kind: string;
  object: YMap;
  /** resources entries as written and as repository paths (a file or a folder). */
  resources: Array<{ entry: string; path: string }>;
  components: Array<{ entry: string; path: string }>;
}

export interface RepoIndex {
  root: string;
  fs: FileSystem;
  docs: ScannedDoc[];
  byFile: Map<string, ScannedDoc[]>;
  /** Folder → its kustomization file. */
  kustomizations: Map<string, KustFile>;
  /** Repository path (file or folder) → the kustomization files listing it in resources. */
  listedBy: Map<string, Array<{ kust: KustFile; entry: string }>>;
  /** Files' text, by repository-relative path. */
  texts: Map<string, string>;
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP = new Set(['.git', 'node_modules', '.cache', 'dist', '.hops', '.github', '.vscode', '.idea']);

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const map = (v: unknown): YMap => (isMap(v) ? (v as YMap) : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const metaName = (o: YMap): string => str(map(o['metadata'])['name']);
export const metaNamespace = (o: YMap): string => str(map(o['metadata'])['namespace']);

/** `./a/../b/` relative to `dir` → `b`; paths leaving the repository stay as `../…`. */
export function resolveRel(dir: string, entry: string): string {
  const p = posix.normalize(posix.join(dir, entry)).replace(/\/+$/, '');
  return p === '' ? '.' : p;
}

/** Scans `root`, leaving out `skipDirs` (repository-relative, e.g. makejinja input folders). */
export function scanRepo(fs: FileSystem, root: string, skipDirs: readonly string[] = []): RepoIndex {
  const idx: RepoIndex = { root, fs, docs: [], byFile: new Map(), kustomizations: new Map(), listedBy: new Map(), texts: new Map() };
  const skip = new Set(skipDirs);
  const walk = (rel: string): void => {
    const abs = rel === '.' ? root : posix.join(root, rel);
    for (const name of fs.readDir(abs)) {
      if (SKIP.has(name)) continue;
      const childRel = rel === '.' ? name : `${rel}/${name}`;
      if (fs.isDirectory(posix.join(abs, name))) {
        if (!skip.has(childRel)) walk(childRel);
        continue;
      }
      if (!/\.ya?ml$/.test(name) && name !== 'Kustomization') continue;
      readFile(idx, childRel, name);
    }
  };
  walk('.');
  for (const k of idx.kustomizations.values()) {
    for (const r of k.resources) {
      let l = idx.listedBy.get(r.path);
      if (!l) idx.listedBy.set(r.path, (l = []));
      l.push({ kust: k, entry: r.entry });
    }
  }
  return idx;
}

function readFile(idx: RepoIndex, rel: string, name: string): void {
  const text = idx.fs.readText(posix.join(idx.root, rel));
  if (!/^\s*kind:|^\s*resources:|^\s*apiVersion:/m.test(text)) return;
  let docs;
  try {
    docs = parseYamlDocuments(text, rel);
  } catch {
    return; // not ours to report: `hops validate` does
  }
  idx.texts.set(rel, text);
  const scanned: ScannedDoc[] = [];
  docs.forEach((d, index) => {
    if (!isMap(d.value)) return;
    const object = d.value as YMap;
    if (typeof object['kind'] === 'string') scanned.push({ file: rel, index, line: d.startLine, object });
  });
  if (scanned.length) {
    idx.docs.push(...scanned);
    idx.byFile.set(rel, scanned);
  }
  if (KUSTOMIZATION_NAMES.includes(name) && docs.length > 0 && isMap(docs[0]!.value)) {
    const object = docs[0]!.value as YMap;
    const dir = posix.dirname(rel);
    const entries = (key: string) =>
      list(object[key])
        .filter((e): e is string => typeof e === 'string')
        .map((entry) => ({ entry, path: /^[a-z]+:\/\//.test(entry) ? entry : resolveRel(dir, entry) }));
    idx.kustomizations.set(dir, { file: rel, dir, kind: str(object['kind']) || 'Kustomization', object, resources: entries('resources'), components: entries('components') });
  }
}

/** Documents of a kind (and API group, when given). */
export function docsOfKind(idx: RepoIndex, kind: string, group?: string): ScannedDoc[] {
  return idx.docs.filter((d) => d.object['kind'] === kind && (group === undefined || str(d.object['apiVersion']).startsWith(group + '/')));
}

/** The most frequent value (first seen wins a tie), or undefined for an empty list. */
export function majority<T>(values: readonly T[], key: (v: T) => string = (v) => String(v)): T | undefined {
  const counts = new Map<string, { n: number; v: T }>();
  for (const v of values) {
    const k = key(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { n: 1, v });
  }
  let best: { n: number; v: T } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.v;
}
