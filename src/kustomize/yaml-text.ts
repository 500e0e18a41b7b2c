// Reading YAML the two ways kustomize does. Resources go through go-yaml v3 (kyaml); kustomization files, JSON
// patches in YAML form and transformer configs go through sigs.k8s.io/yaml, i.e. go-yaml v2 with YAML 1.1 booleans.
// Both use src/io's readers: the fast one for plain block YAML, else the full one.
import { InputError } from '../core/errors.js';
import type { YMap, YValue } from '../core/resource.js';
import { parseYamlFast } from '../io/yaml-fast.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import type { YamlDoc } from '../io/yaml-read.js';
import { isMap, markNullText, scalarText } from './value.js';

export interface ParsedDoc {
  value: YValue;
  /** 1-based line where the document starts. */
  line: number;
}

type DocView = Pick<YamlDoc, 'value' | 'startLine' | 'scalarText' | 'keyProblems'>;

/** All documents of a resource file, read like kyaml (go-yaml v3, via src/io). Empty and null documents are skipped. */
export function parseResourceText(text: string, file: string): ParsedDoc[] {
  const out: ParsedDoc[] = [];
  for (const doc of parseYamlFast(text) ?? parseYamlDocuments(text, file)) {
    const value = doc.value as YValue;
    if (value === null || value === undefined) continue;
    const kp = doc.keyProblems[0];
    if (kp) {
      throw new InputError(file, `map key ${JSON.stringify(kp.key)} at ${kp.path.join('.')} is not a string; kustomize cannot print it`, {
        line: kp.line,
        hint: 'quote the key',
      });
    }
    if (isMap(value)) {
      keepAnnotationTexts(value, doc);
      markNullTexts(value, [], doc);
    }
    out.push({ value, line: doc.startLine });
  }
  return out;
}

/**
 * parseResourceText with a process-wide cache keyed by the text, so builds that do not share a session (Flux builds
 * each Kustomization on its own filesystem view) still parse a shared base once. Callers must not mutate the result.
 */
export function parseResourceTextShared(text: string, file: string): ParsedDoc[] {
  const hit = shared.get(text);
  if (hit) return hit;
  const docs = parseResourceText(text, file);
  shared.set(text, docs);
  sharedBytes += text.length;
  for (const k of shared.keys()) {
    if (sharedBytes <= SHARED_MAX_BYTES) break;
    shared.delete(k);
    sharedBytes -= k.length;
  }
  return docs;
}

const SHARED_MAX_BYTES = 8 * 1024 * 1024; // of text; the parsed values take several times that
const shared = new Map<string, ParsedDoc[]>();
let sharedBytes = 0;

/** Annotation values are strings to kustomize: the scalar's text as written (`1.50`, `~`, `yes`). */
function keepAnnotationTexts(obj: YMap, doc: DocView): void {
  const meta = obj['metadata'];
  const ann = isMap(meta) ? meta['annotations'] : undefined;
  if (!isMap(ann)) return;
  for (const k of Object.keys(ann)) {
    const v = ann[k];
    if (typeof v === 'string' || v === null || typeof v === 'object') continue;
    ann[k] = doc.scalarText(['metadata', 'annotations', k]) ?? scalarText(v);
  }
}

/** Records each null's source text (`key:` vs `key: null`): strategic merge drops only empty ones. */
function markNullTexts(v: YValue, path: (string | number)[], doc: DocView): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as YValue;
      if (x === null || typeof x !== 'object') continue;
      path.push(i);
      markNullTexts(x, path, doc);
      path.pop();
    }
    return;
  }
  if (!isMap(v)) return;
  for (const k of Object.keys(v)) {
    const x = v[k] as YValue;
    if (x !== null && typeof x !== 'object') continue;
    path.push(k);
    if (x === null) {
      markNullText(v, k, doc.scalarText(path) ?? 'null');
    } else markNullTexts(x, path, doc);
    path.pop();
  }
}

export function parseYaml11(text: string, file: string): YValue {
  const fast = parseYamlFast(text, { rules: 'sigs-yaml' });
  if (fast) return fast[0]?.value ?? null;
  const docs = parseYamlDocuments(text, file, { rules: 'sigs-yaml' });
  return (docs[0]?.value ?? null) as YValue;
}
