// Flux substitutes variables in text, not in values: kustomize-controller writes each resource as YAML the way
// kustomize prints it (go-yaml v2 via JSON; src/io's writer), runs envsubst on that text and reads it back with
// go-yaml v2 into JSON. So `${PORT}` may come back an int, `yes` a boolean, and a value with `: ` a parse error.
// This is the reading half: YAML 1.1 typing of plain scalars, keys turned back into strings, JSON's limits.
import { isAlias, isMap as isYamlMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { YMap, YValue } from '../core/resource.js';
import { resolvePlainV2 } from '../io/scalar-rules.js';

/** The text could not be read back; Flux fails the Kustomization with this. */
export class YamlV2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlV2Error';
  }
}

function toValue(n: YamlNode | null | undefined, doc: Document, depth: number): YValue {
  if (depth > 512) throw new YamlV2Error('yaml: exceeded max depth');
  if (n === null || n === undefined) return null;
  if (isAlias(n)) return toValue(n.resolve(doc) as YamlNode | undefined, doc, depth + 1);
  if (isScalar(n)) return scalarValue(n);
  if (isSeq(n)) return n.items.map((i) => toValue(i as YamlNode, doc, depth + 1));
  if (isYamlMap(n)) {
    const m: YMap = {};
    for (const pair of n.items) {
      const k = toKey(pair.key as YamlNode | null, doc, depth);
      // later keys win, as go-yaml v2 decoding into a map does
      m[k] = toValue(pair.value as YamlNode | null, doc, depth + 1);
    }
    return m;
  }
  throw new YamlV2Error('yaml: unsupported node');
}

function scalarValue(n: Scalar): YValue {
  const s = String(n.value ?? '');
  if (n.tag === 'tag:yaml.org,2002:str' || n.type !== Scalar.PLAIN) return s;
  const v = resolvePlainV2(s);
  // Flux converts to JSON next; encoding/json refuses these
  if (typeof v === 'number' && !Number.isFinite(v)) throw new YamlV2Error(`json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}`);
  return v;
}

/** JSON object keys: go-yaml v2 may type a key, sigs.k8s.io/yaml turns it back into a string. */
function toKey(n: YamlNode | null, doc: Document, depth: number): string {
  const v = toValue(n, doc, depth + 1);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  throw new YamlV2Error(`unsupported map key: ${JSON.stringify(v)}`);
}

/** Reads one document with go-yaml v2 typing; throws YamlV2Error when Flux's read would fail. */
export function readV2(text: string): YValue {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, strict: false });
  const err = doc.errors[0];
  if (err) throw new YamlV2Error(`yaml: ${err.message.split('\n')[0]}`);
  return toValue(doc.contents as YamlNode | null, doc, 0);
}
