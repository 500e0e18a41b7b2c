// Small helpers over plain YAML values (maps, lists, scalars) shared by the kustomize transforms.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';

export { isMap };

export function deepClone<T extends YValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
  const out: YMap = {};
  for (const k of Object.keys(v)) setKey(out, k, deepClone((v as YMap)[k] as YValue));
  const marks = nullTexts.get(v);
  if (marks) nullTexts.set(out, new Map(marks));
  return out as T;
}

/** Assigns even the key `__proto__` as an own property. */
export function setKey(m: YMap, k: string, v: YValue): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

export function deepEqual(a: YValue | undefined, b: YValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a as YMap);
  const kb = Object.keys(b as YMap);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as YMap)[k], (b as YMap)[k])) return false;
  }
  return true;
}

/** The text a YAML scalar node would hold (go-yaml's `Node.Value`); "" for maps, lists and null. */
export function scalarText(v: YValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return '';
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return String(n);
}

export function isScalar(v: YValue | undefined): boolean {
  return v !== undefined && (v === null || typeof v !== 'object');
}

/** `metadata` of an object, or undefined. */
export function metaOf(obj: YMap): YMap | undefined {
  const m = obj['metadata'];
  return isMap(m) ? m : undefined;
}

/** Reads a string-valued map under metadata (labels/annotations) the way kyaml does: values as their text. */
export function metaStringMap(obj: YMap, field: 'labels' | 'annotations'): Record<string, string> {
  const out: Record<string, string> = {};
  const m = metaOf(obj)?.[field];
  if (isMap(m)) for (const k of Object.keys(m)) out[k] = fieldText(m, k);
  return out;
}

/** Replaces metadata.labels/annotations with string values, dropping the field when empty (kyaml setMapInMetadata). */
export function setMetaStringMap(obj: YMap, field: 'labels' | 'annotations', m: Record<string, string>): void {
  let meta = metaOf(obj);
  if (!meta) {
    meta = {};
    obj['metadata'] = meta;
  }
  delete meta[field];
  const keys = Object.keys(m);
  if (keys.length === 0) return;
  const out: YMap = {};
  for (const k of keys.sort()) setKey(out, k, m[k] as string);
  meta[field] = out;
}

export function typeName(v: YValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}

/**
 * Source text of null map values (`''` for `key:`, `~`, `null`...), per containing map. kyaml keeps a null
 * scalar's text: strategic merge drops only the empty ones, and annotations print the text.
 */
const nullTexts = new WeakMap<object, Map<string, string>>();

export function markNullText(m: YMap, key: string, text: string): void {
  let s = nullTexts.get(m);
  if (!s) nullTexts.set(m, (s = new Map()));
  s.set(key, text);
}

export function isEmptyNull(m: YMap | undefined, key: string): boolean {
  return !!m && nullTexts.get(m)?.get(key) === '';
}

/** The text kyaml would hold for `m[key]` (`Node.Value`): the source text of a null, else scalarText. */
export function fieldText(m: YMap, key: string): string {
  const v = m[key];
  if (v === null) return nullTexts.get(m)?.get(key) ?? '';
  return scalarText(v);
}

/** Forgets the texts below `v` (after a JSON round trip every null reads as `null`). */
export function clearNullTexts(v: YValue): void {
  if (Array.isArray(v)) v.forEach(clearNullTexts);
  else if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) markNullText(v, k, 'null');
      else clearNullTexts(v[k] as YValue);
    }
  }
}
