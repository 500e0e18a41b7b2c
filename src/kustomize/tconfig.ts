// Transformer configuration: the default field specs merged with a kustomization's `configurations:` files (and
// with those of its bases and components). Merging keeps the first of two equivalent specs and refuses a conflict.
import { defaultConfigRaw, FS_FIELDS } from './builtin-config.js';
import type { NameBackRef, TransformerConfig } from './builtin-config.js';
import { DecodeError, list, str, struct } from './decode.js';
import { KustomizeError } from './errors.js';
import { gvkCompare, gvkEquals, gvkSelected } from './resid.js';
import { fieldSpec } from './types.js';
import type { FieldSpec } from './types.js';
import type { YValue } from '../core/resource.js';

export type { TransformerConfig };

function fsMergeOne(s: FieldSpec[], x: FieldSpec): FieldSpec[] {
  const found = s.find((f) => gvkSelected(f, x) && f.path === x.path);
  if (found) {
    if (found.create !== x.create) throw new KustomizeError(`conflicting fieldspecs for path '${x.path}'`);
    return s;
  }
  return [...s, x];
}

export function fsMergeAll(s: FieldSpec[], xs: FieldSpec[]): FieldSpec[] {
  let out = s;
  for (const x of xs) out = fsMergeOne(out, x);
  return out;
}

function nbrMergeOne(s: NameBackRef[], x: NameBackRef): NameBackRef[] {
  let found = false;
  const out = s.map((c) => {
    if (!gvkEquals(c.target, x.target)) return c;
    found = true;
    return { target: c.target, referrers: fsMergeAll(c.referrers, x.referrers) };
  });
  if (!found) out.push(x);
  return out;
}

function sortFs(s: FieldSpec[]): FieldSpec[] {
  return [...s].sort(gvkCompare);
}

export function sortConfig(t: TransformerConfig): TransformerConfig {
  const out = { ...t };
  for (const f of FS_FIELDS) out[f] = sortFs(t[f]);
  out.nameReference = [...t.nameReference].sort((a, b) => gvkCompare(a.target, b.target));
  return out;
}

const merged = new WeakMap<TransformerConfig, WeakMap<TransformerConfig, TransformerConfig>>();

function isEmpty(t: TransformerConfig): boolean {
  return FS_FIELDS.every((f) => t[f].length === 0) && t.nameReference.length === 0;
}

/** a merged with b; configs are immutable, so results are shared (most merges are defaults into defaults). */
export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  let perA = merged.get(a);
  if (!perA) merged.set(a, (perA = new WeakMap()));
  let out = perA.get(b);
  if (!out) perA.set(b, (out = mergeUncached(a, b)));
  return out;
}

function mergeUncached(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const out = { ...a };
  for (const f of FS_FIELDS) out[f] = fsMergeAll(a[f], b[f]);
  let nr = a.nameReference;
  for (const x of b.nameReference) nr = nbrMergeOne(nr, x);
  out.nameReference = nr;
  return sortConfig(out);
}

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [], nameSuffix: [], namespace: [], commonLabels: [], labels: [], templateLabels: [],
    commonAnnotations: [], nameReference: [], varReference: [], images: [], replicas: [],
  };
}

let defaults: TransformerConfig | undefined;
export function defaultConfig(): TransformerConfig {
  return (defaults ??= sortConfig(defaultConfigRaw()));
}

const fsList = list(fieldSpec);
const backRefDecoder = struct<{ group: string; version: string; kind: string; fieldSpecs: FieldSpec[] }>({
  group: str,
  version: str,
  kind: str,
  fieldSpecs: fsList,
});
const configDecoder = struct<Record<(typeof FS_FIELDS)[number] | 'nameReference', unknown>>({
  namePrefix: fsList,
  nameSuffix: fsList,
  namespace: fsList,
  commonLabels: fsList,
  labels: fsList,
  templateLabels: fsList,
  commonAnnotations: fsList,
  nameReference: list(backRefDecoder),
  varReference: fsList,
  images: fsList,
  replicas: fsList,
});

/** A `configurations:` file's content as a transformer config (strict: unknown fields are errors). */
export function decodeConfig(v: YValue): TransformerConfig {
  try {
    const d = configDecoder(v, '') as Record<string, unknown>;
    const out = emptyConfig();
    for (const f of FS_FIELDS) out[f] = d[f] as FieldSpec[];
    out.nameReference = (d['nameReference'] as { group: string; version: string; kind: string; fieldSpecs: FieldSpec[] }[]).map(
      (b) => ({ target: { group: b.group, version: b.version, kind: b.kind }, referrers: b.fieldSpecs }),
    );
    return sortConfig(out);
  } catch (e) {
    if (e instanceof DecodeError) throw new KustomizeError(`invalid transformer configuration: ${e.message}`);
    throw e;
  }
}
