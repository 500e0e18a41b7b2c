// The name suffix kustomize appends to generated ConfigMaps and Secrets: sha256 over a JSON digest of the data,
// first ten hex digits, with 0/1/3/a/e swapped for letters so the suffix never looks like a number or word.
import { createHash } from 'node:crypto';
import type { YMap, YValue } from '../../core/resource.js';
import { isMap, scalarText } from '../value.js';
import { goJson } from './go-json.js';

export function encodeHash(hex: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/** A field as kustomize's hasher reads it: "" when missing, the text for scalars, the JSON value otherwise. */
function field(obj: YMap, key: string): YValue {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) return '';
  const v = obj[key] as YValue;
  if (v === null) return '';
  if (typeof v === 'object') return v;
  return scalarText(v);
}

export function resourceHash(obj: YMap): string {
  const kind = obj['kind'];
  // kustomize looks up "metadata/name" as a single key, which never exists: the name is always "".
  let doc: YMap;
  if (kind === 'ConfigMap') {
    doc = { kind: 'ConfigMap', name: '', data: field(obj, 'data') };
    const bin = field(obj, 'binaryData');
    if (isMap(bin)) doc['binaryData'] = bin;
  } else if (kind === 'Secret') {
    doc = { kind: 'Secret', type: field(obj, 'type'), name: '', data: field(obj, 'data') };
    const sd = field(obj, 'stringData');
    if (isMap(sd)) doc['stringData'] = sd;
  } else {
    doc = obj;
  }
  return encodeHash(createHash('sha256').update(goJson(doc)).digest('hex'));
}
