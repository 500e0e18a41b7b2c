// Two lists of built objects → per-object differences. Objects are matched by group/kind/namespace/name (the API
// version may change: that shows as a changed field); labels from --strip-attrs are dropped and Secrets masked
// before comparing, so a SOPS Secret that was only re-encrypted is unchanged. Each difference keeps both sides
// as YAML (masked) and a unified diff of them.
import { isMap, splitApiVersion } from '../core/resource.js';
import type { Origin, YMap } from '../core/resource.js';
import { stringifyYaml } from '../io/yaml-write.js';
import { changedPaths, valuesEqual } from './field-paths.js';
import { maskSecretPair } from './secrets.js';
import { stripAttrs } from './strip.js';
import { unifiedBody } from './unified.js';

/** A built object and the Flux Kustomization (`namespace/name`) or unit that produced it. */
export interface Item {
  object: YMap;
  owner: string;
  origin?: Origin;
}

export type ObjectStatus = 'added' | 'removed' | 'changed';

export interface ObjectId {
  apiVersion: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ObjectDiff {
  id: ObjectId;
  status: ObjectStatus;
  /** The Flux Kustomization it belongs to (the after side's, or the before side's when removed). */
  owner: string;
  /** Field paths that differ (changed objects only). */
  fields: string[];
  /** Masked YAML of each side that has the object. */
  before?: string;
  after?: string;
  /** Unified diff hunks (no file headers) from before to after. */
  diff: string;
  origin?: Origin;
}

export interface CompareOptions {
  stripAttrs: readonly string[];
  context: number;
}

const s = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function objectId(obj: YMap): ObjectId {
  const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
  const apiVersion = s(obj['apiVersion']);
  return { apiVersion, group: splitApiVersion(apiVersion).group, kind: s(obj['kind']), namespace: s(meta['namespace']), name: s(meta['name']) };
}

/** How many of the objects were changed, added and removed. */
export function statusCounts(objects: readonly ObjectDiff[]): Record<ObjectStatus, number> {
  const c: Record<ObjectStatus, number> = { changed: 0, added: 0, removed: 0 };
  for (const o of objects) c[o.status]++;
  return c;
}

/** `group/kind/namespace/name`: the identity used to match objects across the two sides. */
export function matchKey(id: ObjectId): string {
  return `${id.group}/${id.kind}/${id.namespace}/${id.name}`;
}

/** `Kind/namespace/name` (namespace left out when empty), as flux prints objects. */
export function displayId(id: ObjectId): string {
  return id.namespace ? `${id.kind}/${id.namespace}/${id.name}` : `${id.kind}/${id.name}`;
}

function group(items: readonly Item[]): Map<string, Item[]> {
  const m = new Map<string, Item[]>();
  for (const it of items) {
    const k = matchKey(objectId(it.object));
    const l = m.get(k);
    if (l) l.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export function compareItems(before: readonly Item[], after: readonly Item[], opts: CompareOptions): ObjectDiff[] {
  const out: ObjectDiff[] = [];
  const old = group(before);
  const used = new Map<string, number>();
  const yaml = (o: YMap | undefined): string => (o === undefined ? '' : stringifyYaml(o));
  for (const a of after) {
    const key = matchKey(objectId(a.object));
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    const b = old.get(key)?.[n];
    if (b && b.object === a.object) continue; // the very same build on both sides
    const [mb, ma] = maskSecretPair(b ? stripAttrs(b.object, opts.stripAttrs) : undefined, stripAttrs(a.object, opts.stripAttrs));
    if (b && valuesEqual(mb!, ma!)) continue;
    const before = b ? yaml(mb) : undefined;
    const afterText = yaml(ma);
    const d: ObjectDiff = {
      id: objectId(a.object),
      status: b ? 'changed' : 'added',
      owner: a.owner,
      fields: b ? changedPaths(mb, ma) : [],
      after: afterText,
      diff: unifiedBody(before ?? '', afterText, opts.context),
    };
    if (before !== undefined) d.before = before;
    if (a.origin) d.origin = a.origin;
    out.push(d);
  }
  for (const [key, list] of old) {
    for (const b of list.slice(used.get(key) ?? 0)) {
      const [mb] = maskSecretPair(stripAttrs(b.object, opts.stripAttrs), undefined);
      const before = yaml(mb);
      const d: ObjectDiff = { id: objectId(b.object), status: 'removed', owner: b.owner, fields: [], before, diff: unifiedBody(before, '', opts.context) };
      if (b.origin) d.origin = b.origin;
      out.push(d);
    }
  }
  return out;
}
