// A namespace new to the repository gets its folder the way the others have theirs: a copy of the simplest
// namespace kustomization (its components and settings kept, its apps left out) with the namespace renamed, the
// Namespace manifest it lists, and an entry in whatever kustomization lists the namespace folders.
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YNode } from 'yaml';
import type { AppInfo } from './apps.js';
import type { NewFile } from './context.js';
import { fromPattern, toPattern } from './patterns.js';
import type { RepoIndex } from './repo-scan.js';
import { str } from './repo-scan.js';
import type { Layout } from './sibling.js';
import { insertResource } from './wire.js';

export interface NamespacePlan {
  files: NewFile[];
  /** Existing kustomization files to add the namespace folder to: path → entry. */
  parentEntries: Array<{ path: string; entry: string }>;
}

export interface NamespaceSource {
  /** Text to copy for a repository file (the template's text in a rendered repository), or undefined. */
  read(path: string): string | undefined;
  blockStart?: string;
  /** Namespaces to copy from first (their apps need the same namespace-level setup). */
  prefer?: ReadonlySet<string>;
}

export function planNamespace(idx: RepoIndex, apps: readonly AppInfo[], layout: Layout, ns: string, appEntry: string, src: NamespaceSource): NamespacePlan {
  // namespace kustomizations laid out like the sibling's, simplest first
  const models = new Map<string, { file: string; ns: string; text: string }>();
  for (const a of apps) {
    if (!a.wiredBy || models.has(a.wiredBy.kust.file)) continue;
    if (toPattern(a.wiredBy.kust.file, { app: '\0', ns: a.namespace }) !== layout.wiring) continue;
    const text = src.read(a.wiredBy.kust.file);
    if (text === undefined) continue;
    models.set(a.wiredBy.kust.file, { file: a.wiredBy.kust.file, ns: a.namespace, text });
  }
  const score = (m: { ns: string; text: string }): number =>
    (src.blockStart && m.text.includes(src.blockStart) ? 1000 : 0) + (src.prefer?.size && !src.prefer.has(m.ns) ? 500 : 0) + (m.text.split(m.ns).length - 1) * 100 + m.text.split('\n').length;
  const model = [...models.values()].sort((a, b) => score(a) - score(b))[0];
  if (!model) throw new Error(`no namespace kustomization like ${layout.wiring} to copy`);

  const dir = posix.dirname(fromPattern(layout.wiring, { app: '', ns }));
  const modelDir = posix.dirname(model.file);
  const files: NewFile[] = [];
  let text = renameScalar(model.text, ['namespace'], model.ns, ns);
  // keep what is not an app: the Namespace manifest, components and files outside the folder
  const k = idx.kustomizations.get(modelDir);
  const drop: string[] = [];
  for (const r of k?.resources ?? []) {
    const inside = r.path.startsWith(modelDir + '/');
    const docs = idx.byFile.get(r.path) ?? [];
    if (inside && docs.length > 0 && docs.every((d) => d.object['kind'] === 'Namespace')) {
      const nsText = src.read(r.path);
      if (nsText !== undefined) files.push({ path: posix.join(dir, posix.relative(modelDir, r.path)), text: renameScalar(nsText, ['metadata', 'name'], model.ns, ns), role: 'namespace' });
    } else if (inside) drop.push(r.entry);
  }
  text = dropEntries(text, drop);
  const wopts = src.blockStart ? { blockStart: src.blockStart } : {};
  if (!files.some((f) => f.role === 'namespace') && !createsNamespace(idx, k?.components.map((c) => c.path) ?? [], new Set())) {
    // the model's namespace exists without a manifest (default, kube-system) or comes from elsewhere: this one needs one
    files.push({ path: posix.join(dir, 'namespace.yaml'), text: `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`, role: 'namespace' });
    text = insertResource(text, './namespace.yaml', wopts).text;
  }
  text = insertResource(text, appEntry, wopts).text;
  files.push({ path: posix.join(dir, posix.basename(model.file)), text, role: 'namespace-kustomization' });

  const parentEntries: Array<{ path: string; entry: string }> = [];
  for (const l of idx.listedBy.get(modelDir) ?? []) {
    const entry = l.entry.replace(/\/+$/, '').split('/').map((seg) => (seg === posix.basename(modelDir) ? posix.basename(dir) : seg)).join('/');
    parentEntries.push({ path: l.kust.file, entry });
  }
  return { files, parentEntries };
}

/** Whether the components (folders) put a Namespace into the build. */
function createsNamespace(idx: RepoIndex, dirs: readonly string[], seen: Set<string>): boolean {
  for (const d of dirs) {
    if (seen.has(d)) continue;
    seen.add(d);
    const k = idx.kustomizations.get(d);
    if (!k) continue;
    if (k.resources.some((r) => (idx.byFile.get(r.path) ?? []).some((x) => x.object['kind'] === 'Namespace'))) return true;
    if (createsNamespace(idx, [...k.components, ...k.resources].map((r) => r.path), seen)) return true;
  }
  return false;
}

/** Replaces the scalar at `path` of the first document when it equals `from`, keeping its quotes. */
function renameScalar(text: string, path: string[], from: string, to: string): string {
  const doc = parseAllDocuments(text)[0] as unknown as { getIn(p: string[], keep: boolean): unknown } | undefined;
  const node = doc?.getIn(path, true);
  if (!isScalar(node) || str(node.value) !== from) return text;
  const [start, end] = (node as YNode).range!;
  const raw = text.slice(start, end);
  return text.slice(0, start) + raw.replace(from, to) + text.slice(end);
}

/** Removes the lines of `resources` entries equal to one of `entries`. */
function dropEntries(text: string, entries: readonly string[]): string {
  if (!entries.length) return text;
  const doc = parseAllDocuments(text).find((d) => isMap(d.contents) && d.contents.has('resources'));
  const seq = doc && isMap(doc.contents) ? doc.contents.get('resources', true) : undefined;
  if (!isSeq(seq) || seq.flow) return text;
  const lines = text.split('\n');
  const lineOf = (off: number): number => text.slice(0, off).split('\n').length - 1;
  const gone = new Set<number>();
  for (const item of seq.items) if (isScalar(item) && entries.includes(str(item.value))) gone.add(lineOf((item as YNode).range![0]));
  return lines.filter((_, i) => !gone.has(i)).join('\n');
}
