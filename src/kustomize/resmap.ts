// The ordered resource list of a build (kustomize's resWrangler): ids unique by current id, lookups by current or
// previous ids, selection by patch targets, and the generator merge rules.
import { KustomizeError } from './errors.js';
import { goRegExp } from './go-regexp.js';
import { ORIGIN_KEY } from './origin.js';
import type { KRes } from './kres.js';
import { matchesLabelSelector } from './labelselector.js';
import { effectiveNamespace, idEquals, idEqualsKey, idString, isClusterScoped, nsEquals } from './resid.js';
import type { ResId } from './resid.js';
import type { Selector } from './types.js';
import { isMap, metaStringMap, setKey } from './value.js';

/**
 * The id key of a resource, remembered with the four fields it comes from: transformers change names and
 * namespaces in place, so the key is recomputed only when one of them is no longer what it was.
 */
interface KeyMemo {
  apiVersion: unknown;
  kind: unknown;
  name: unknown;
  namespace: unknown;
  key: string;
}
const keyMemos = new WeakMap<KRes, KeyMemo>();

function keyOf(r: KRes): string {
  const obj = r.obj;
  const apiVersion = obj['apiVersion'];
  const kind = obj['kind'];
  const meta = obj['metadata'];
  const m = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta : undefined;
  const name = m?.['name'];
  const namespace = m?.['namespace'];
  const memo = keyMemos.get(r);
  if (memo && memo.apiVersion === apiVersion && memo.kind === kind && memo.name === name && memo.namespace === namespace) return memo.key;
  const key = idEqualsKey(r.curId());
  keyMemos.set(r, { apiVersion, kind, name, namespace, key });
  return key;
}

export class ResMap {
  list: KRes[] = [];

  get size(): number {
    return this.list.length;
  }

  append(r: KRes): void {
    const key = keyOf(r);
    for (const x of this.list) {
      if (keyOf(x) === key) throw new KustomizeError(`may not add resource with an already registered id: ${idString(r.curId())}`);
    }
    this.list.push(r);
  }

  appendAll(other: ResMap | KRes[]): void {
    const incoming = other instanceof ResMap ? other.list : other;
    if (incoming.length < 2) {
      for (const r of incoming) this.append(r);
      return;
    }
    const seen = new Set(this.list.map(keyOf));
    for (const r of incoming) {
      const key = keyOf(r);
      if (seen.has(key)) throw new KustomizeError(`may not add resource with an already registered id: ${idString(r.curId())}`);
      seen.add(key);
      this.list.push(r);
    }
  }

  remove(r: KRes): void {
    this.list = this.list.filter((x) => x !== r);
  }

  /** Resources any of whose ids (current or previous) satisfies `match`. */
  matchingAnyId(match: (id: ResId) => boolean): KRes[] {
    return this.list.filter((r) => match(r.curId()) || r.prevIds().some(match));
  }

  /** The one resource whose current or previous id equals `id`. */
  getById(id: ResId): KRes {
    const found = this.matchingAnyId((x) => idEquals(id, x));
    if (found.length === 1) return found[0] as KRes;
    const what = found.length > 1 ? `multiple matches for Id ${idString(id)}` : `no matches for Id ${idString(id)}`;
    throw new KustomizeError(`${what}; failed to find unique target for patch ${idString(id)}`);
  }

  /** Resources picked by a patch or replacement target (regexes anchored, labels/annotations by selector). */
  select(s: Selector): KRes[] {
    const re = (p: string) => (p === '' ? null : goRegExp(p, true));
    const [g, v, k, n, ns] = [re(s.group), re(s.version), re(s.kind), re(s.name), re(s.namespace)];
    const out: KRes[] = [];
    for (const r of this.list) {
      const cur = r.curId();
      const org = r.orgId();
      if (ns && !ns.test(effectiveNamespace(org)) && !ns.test(effectiveNamespace(cur))) continue;
      if (n && !n.test(org.name) && !n.test(cur.name)) continue;
      const gvk = r.gvk;
      if ((g && !g.test(gvk.group)) || (v && !v.test(gvk.version)) || (k && !k.test(gvk.kind))) continue;
      if (s.labelSelector && !matchesLabelSelector(s.labelSelector, r.labels())) continue;
      if (s.annotationSelector && !matchesLabelSelector(s.annotationSelector, r.annotations())) continue;
      out.push(r);
    }
    return out;
  }

  /** Generated resources merge into or replace earlier ones by id (kustomize's AbsorbAll). */
  absorb(res: KRes): void {
    const id = res.curId();
    const matches = this.matchingAnyId((x) => idEquals(id, x));
    if (matches.length === 0) {
      if (res.behavior === 'merge' || res.behavior === 'replace') {
        throw new KustomizeError(`id ${idString(id)} does not exist; cannot merge or replace`);
      }
      this.append(res);
      return;
    }
    if (matches.length > 1) throw new KustomizeError(`found multiple objects that could accept merge of ${idString(id)}`);
    const old = matches[0] as KRes;
    if (res.behavior === 'replace') {
      copyMergeMetaData(res, old);
    } else if (res.behavior === 'merge') {
      const origin = old.annotations()[ORIGIN_KEY];
      copyMergeMetaData(res, old);
      mergeStringField(res, old, 'data');
      mergeStringField(res, old, 'binaryData');
      if (origin !== undefined) (res.meta()['annotations'] as Record<string, string>)[ORIGIN_KEY] = origin;
    } else {
      throw new KustomizeError(`id ${idString(id)} exists; behavior must be merge or replace`);
    }
    // kustomize takes the build annotations from the old object; the name hash only if both asked for it
    const needsHash = res.needsHash && old.needsHash;
    res.copyStateFrom(old);
    res.needsHash = needsHash;
    const i = this.list.indexOf(old);
    this.list[i] = res;
  }

  /** Resources a referrer may point at: same namespace, cluster-scoped, or a RoleBinding's subject namespaces. */
  referenceableBy(referrer: KRes): KRes[] {
    const rid = referrer.curId();
    if (isClusterScoped(rid)) return this.list;
    const rbNamespaces = roleBindingNamespaces(referrer);
    return this.list.filter((t) => {
      const id = t.curId();
      return isClusterScoped(id) || nsEquals(id, rid) || rbNamespaces.has(t.namespace);
    });
  }
}

function roleBindingNamespaces(r: KRes): Set<string> {
  const out = new Set<string>();
  if (r.kind !== 'RoleBinding') return out;
  const subjects = r.obj['subjects'];
  if (!Array.isArray(subjects)) return out;
  for (const s of subjects) {
    if (isMap(s) && s['kind'] === 'ServiceAccount' && typeof s['namespace'] === 'string') out.add(s['namespace']);
  }
  return out;
}

/** Labels and annotations of `old` under those of `res`; name and namespace from `old` (CopyMergeMetaDataFieldsFrom). */
export function copyMergeMetaData(res: KRes, old: KRes): void {
  const labels = { ...old.labels(), ...res.labels() };
  setStringMap(res, 'labels', labels);
  const annotations = { ...old.annotations(), ...res.annotations() };
  setStringMap(res, 'annotations', annotations);
  res.name = old.name;
  res.namespace = old.namespace;
}

function setStringMap(res: KRes, field: 'labels' | 'annotations', m: Record<string, string>): void {
  const meta = res.meta();
  delete meta[field];
  const keys = Object.keys(m).sort();
  if (!keys.length) return;
  const out: Record<string, string> = {};
  for (const k of keys) setKey(out, k, m[k] as string);
  meta[field] = out;
}

function mergeStringField(res: KRes, old: KRes, field: 'data' | 'binaryData'): void {
  const merged: Record<string, string> = { ...stringMap(old.obj[field]), ...stringMap(res.obj[field]) };
  delete res.obj[field];
  const keys = Object.keys(merged).sort();
  if (!keys.length) return;
  const out: Record<string, string> = {};
  for (const k of keys) setKey(out, k, merged[k] as string);
  res.obj[field] = out;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(v as never)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = x === null || x === undefined ? '' : String(x);
  }
  return out;
}

export { metaStringMap };
