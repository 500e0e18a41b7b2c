// `--strip-attrs`: labels and annotations that change on every chart bump without changing behaviour, removed from
// both sides before comparing (flux-local's and flate's defaults). They go from every `metadata` map of an object,
// pod templates and volume claim templates included.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';

export const DEFAULT_STRIP_ATTRS = ['helm.sh/chart', 'checksum/config', 'app.kubernetes.io/version', 'chart'] as const;

function stripMeta(meta: YMap, attrs: ReadonlySet<string>): YMap {
  const out: YMap = { ...meta };
  for (const field of ['labels', 'annotations']) {
    const m = meta[field];
    if (!isMap(m) || !Object.keys(m).some((k) => attrs.has(k))) continue;
    const kept = Object.entries(m).filter(([k]) => !attrs.has(k));
    if (kept.length > 0) out[field] = Object.fromEntries(kept);
    else delete out[field];
  }
  return out;
}

function walk(v: YValue, attrs: ReadonlySet<string>): YValue {
  if (Array.isArray(v)) return v.map((x) => walk(x, attrs));
  if (!isMap(v)) return v;
  const out: YMap = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'metadata' && isMap(x) ? walk(stripMeta(x, attrs), attrs) : walk(x, attrs);
  return out;
}

/** The object without the given label/annotation keys (a copy; the input is not changed). */
export function stripAttrs(obj: YMap, attrs: readonly string[]): YMap {
  if (attrs.length === 0) return obj;
  return walk(obj, new Set(attrs)) as YMap;
}
