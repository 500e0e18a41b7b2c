// What every generator needs: the repository, the sibling the new app is modelled on, and the new names and paths.
import { posix } from 'node:path';
import { isMap, isNode, isScalar } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { AppInfo } from './apps.js';
import type { RepoIndex, ScannedDoc } from './repo-scan.js';
import type { Layout } from './sibling.js';
import type { VolumeComponent } from './volume-component.js';
import { dataNode } from './yaml-style.js';
import type { Document } from 'yaml';

export interface GenContext {
  idx: RepoIndex;
  apps: readonly AppInfo[];
  sibling: AppInfo;
  layout: Layout;
  /** Volume components by folder. */
  volumes: ReadonlyMap<string, VolumeComponent>;
  app: string;
  ns: string;
  /** Repository-relative paths of the new app. */
  appDir: string;
  ksFile?: string;
  ksName: string;
  /** The kustomization file that wires the app in, and the entry it gets. */
  wiring: string;
  entry: string;
}

export interface NewFile {
  /** Repository-relative path. */
  path: string;
  text: string;
  /** What it holds, for ordering and messages. */
  role: 'ks' | 'helmrelease' | 'source' | 'pvc' | 'externalsecret' | 'app-kustomization' | 'namespace' | 'namespace-kustomization';
}

export function textOf(ctx: GenContext, d: ScannedDoc): string {
  return ctx.idx.texts.get(d.file) ?? '';
}

/** The app whose folder holds `file`, to read a model file's names in terms of its own app. */
export function ownerApp(ctx: GenContext, file: string): AppInfo | undefined {
  const dir = posix.dirname(file);
  return ctx.apps.find((a) => a.appDir === dir);
}

/**
 * Sets `key` in a mapping: in place when present; else in alphabetical position when the mapping's keys are sorted,
 * else last — as the sibling would have written it.
 */
export function putSorted(doc: Document, m: unknown, key: string, value: unknown): void {
  if (!isMap(m)) return;
  const node = isNode(value) ? value : dataNode(doc, value);
  const map = m as YAMLMap;
  const keys = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  const at = keys.indexOf(key);
  if (at >= 0) {
    map.items[at]!.value = node;
    return;
  }
  const pair = doc.createPair(key, node);
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1]! <= k);
  if (sorted && keys.length > 1) {
    const i = keys.findIndex((k) => k > key);
    map.items.splice(i < 0 ? map.items.length : i, 0, pair);
  } else map.items.push(pair);
}

/** Keeps only the listed keys of a mapping node. */
export function keepKeys(m: unknown, keep: ReadonlySet<string>): void {
  if (!isMap(m)) return;
  const map = m as YAMLMap;
  map.items = map.items.filter((p) => isScalar(p.key) && keep.has(String(p.key.value)));
}

export type WriteAction = 'create' | 'update' | 'unchanged';

export interface PlannedWrite {
  /** Repository-relative path. */
  path: string;
  action: WriteAction;
  text: string;
  /** The file's text before, for updates. */
  before?: string;
  /** A file of the app (overwritten only with force), or an edit that wires it in. */
  kind: 'app' | 'wiring';
}
