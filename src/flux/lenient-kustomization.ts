// kustomize-controller reads the kustomization file at spec.path leniently (fluxcd/pkg's generator: sigs.k8s.io/yaml
// Unmarshal into kustomize's types, then Marshal): a field kustomize does not know is dropped without a word, while
// `kustomize build` fails on it. A typo such as `resourcez:` therefore makes Flux build nothing of the app and prune
// it. Here the dropped fields are removed as Flux removes them, and each becomes an error finding; only this file is
// read this way (the kustomizations it references are read by kustomize itself, strictly).
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import type { PathElement } from '../io/yaml-read.js';
import { decodeKustomizationFieldsLeniently } from '../kustomize/index.js';
import type { SkippedField } from '../kustomize/index.js';
import { closestName } from '../schema/did-you-mean.js';

export const UNKNOWN_FIELD = 'kustomization-unknown-field';

/** A field Flux drops: its path as kustomize names it (`resourcez`, `patches[0].target.nam`), where it is written. */
export interface DroppedField {
  field: string;
  line?: number;
  col?: number;
  /** The known field name it is probably a typo of. */
  suggestion?: string;
}

/**
 * The kustomization value as Flux reads it (unknown fields removed, a copy when any is) and the fields dropped.
 * A value of the wrong type throws the InputError kustomize's strict read gives.
 */
export function dropUnknownFields(value: YValue, file: string, text: string): { value: YValue; dropped: DroppedField[] } {
  const skipped = decodeKustomizationFieldsLeniently(value, file, text);
  if (skipped.length === 0) return { value, dropped: [] };
  let doc: ReturnType<typeof parseYamlDocuments>[number] | undefined;
  try {
    doc = parseYamlDocuments(text, file)[0];
  } catch {
    doc = undefined; // read before; positions are a bonus
  }
  const dropped = skipped.map((s): DroppedField => {
    const path = pathTo(value, s.container);
    const pos = path && doc ? doc.posOf([...path, s.key]) : undefined;
    const suggestion = closestName(s.key, s.known);
    return { field: `${s.path ? s.path + '.' : ''}${s.key}`, ...(pos ? { line: pos.line, col: pos.col } : {}), ...(suggestion ? { suggestion } : {}) };
  });
  // in the order they are written
  dropped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return { value: without(value, skipped), dropped };
}

/** The error finding for a dropped field, located in the kustomization file. */
export function droppedFieldFinding(ks: string, file: string, d: DroppedField): Finding {
  return {
    code: UNKNOWN_FIELD,
    severity: 'error',
    message: `${ks}: unknown field "${d.field}" in ${file}; Flux ignores it (kustomize-controller drops the fields it does not know from the kustomization at spec.path) and builds the rest`,
    file,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.col !== undefined ? { col: d.col } : {}),
    hint: `${d.suggestion ? `did you mean "${d.suggestion}"? ` : ''}fix the field name (kustomize v5 reference); \`kustomize build\` and kubeconform checks fail on this file`,
    data: { field: d.field, ...(d.suggestion ? { suggestion: d.suggestion } : {}) },
  };
}

/**
 * Whether a build's findings say Flux cannot apply it. A field Flux drops is an error of the repository, but Flux
 * builds and applies the rest: the build stands.
 */
export function stopsBuild(findings: readonly Finding[]): boolean {
  return buildStopper(findings) !== undefined;
}

/** The first finding that makes a build fail for Flux (see stopsBuild), if any. */
export function buildStopper(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === 'error' && f.code !== UNKNOWN_FIELD);
}

/** The path of `target` (a mapping of `root`, by identity), or undefined. */
function pathTo(root: YValue, target: YMap): PathElement[] | undefined {
  if (root === target) return [];
  const entries: Array<[PathElement, YValue]> = Array.isArray(root) ? root.map((v, i) => [i, v]) : isMap(root) ? Object.entries(root) : [];
  for (const [k, v] of entries) {
    const p = pathTo(v, target);
    if (p) return [k, ...p];
  }
  return undefined;
}

/** A copy of `v` without the skipped fields. */
function without(v: YValue, skipped: readonly SkippedField[]): YValue {
  const drop = new Map<YMap, Set<string>>();
  for (const s of skipped) drop.set(s.container, (drop.get(s.container) ?? new Set()).add(s.key));
  const copy = (x: YValue): YValue => {
    if (Array.isArray(x)) return x.map(copy);
    if (!isMap(x)) return x;
    const gone = drop.get(x);
    const out: YMap = {};
    for (const [k, val] of Object.entries(x)) if (!gone?.has(k)) out[k] = copy(val as YValue);
    return out;
  };
  return copy(v);
}
