// Reading YAML the two ways kustomize does. Resources go through go-yaml v3 (kyaml); kustomization files, JSON
// patches in YAML form and transformer configs go through sigs.k8s.io/yaml, i.e. go-yaml v2 with YAML 1.1 booleans.
// Resources are read by src/io; the YAML 1.1 reading of kustomization-side files is here.
import YAML from 'yaml';
import type { ScalarTag } from 'yaml';
import { InputError } from '../core/errors.js';
import type { YMap, YValue } from '../core/resource.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import { resolvePlain } from '../io/scalar-rules.js';
import { parseTimestamp } from '../io/timestamp.js';
import { fastParse } from './fast-yaml.js';
import type { YamlDoc } from '../io/yaml-read.js';
import { isMap, markNullText, scalarText } from './value.js';

const V3_BOOL: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const V2_BOOL: Record<string, boolean> = {
  ...V3_BOOL,
  y: true, Y: true, yes: true, Yes: true, YES: true, on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false, off: false, Off: false, OFF: false,
};
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const SPECIAL: Record<string, number> = {
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity, '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
};
const TS_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[-+]\d{2}:\d{2})?)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) then ParseUint: returns undefined when s is not an integer. */
function parseGoInt(s: string): number | bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const neg = m[1] === '-';
  let body = m[2] as string;
  let big: bigint;
  if (/^0[oO]/.test(body)) big = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) big = BigInt('0o' + body.slice(1));
  else {
    if (/^0[xXbB]/.test(body)) body = body.slice(0, 2).toLowerCase() + body.slice(2);
    big = BigInt(body);
  }
  if (neg) big = -big;
  if (big > UINT64_MAX || big < -(INT64_MAX + 1n) || (neg && big > 0n)) return undefined;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function timestamp(s: string): string | undefined {
  const m = TS_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, t, hh, mi, ss, frac, zone] = m;
  if (t && !zone) return undefined; // go-yaml's T layouts need a zone
  if (!t && hh !== undefined && zone) return undefined; // the space layout has none
  const pad = (x: string | undefined, n = 2) => (x ?? '0').padStart(n, '0');
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (hh === undefined) return `${date}T00:00:00Z`;
  const f = frac ? '.' + frac.replace(/0+$/, '') : '';
  const z = !zone || zone === 'Z' || zone === '+00:00' ? 'Z' : zone;
  return `${date}T${pad(hh)}:${pad(mi)}:${pad(ss)}${f === '.' ? '' : f}${z}`;
}

function resolveNumberish(src: string, v3: boolean): YValue {
  if (src in SPECIAL) return SPECIAL[src] as number;
  if (v3 && /^[0-9]/.test(src)) {
    const ts = timestamp(src);
    if (ts !== undefined) return ts;
  }
  const plain = src.replace(/_/g, '');
  const i = parseGoInt(plain);
  if (i !== undefined) return i;
  if (FLOAT_RE.test(plain)) return Number(plain);
  return src;
}

function tags(v3: boolean): ScalarTag[] {
  const bools = v3 ? V3_BOOL : V2_BOOL;
  return [
    {
      identify: (v) => v === null,
      default: true,
      tag: 'tag:yaml.org,2002:null',
      test: /^(?:~|null|Null|NULL)?$/,
      resolve: () => null,
    },
    {
      identify: (v) => typeof v === 'boolean',
      default: true,
      tag: 'tag:yaml.org,2002:bool',
      test: new RegExp(`^(?:${Object.keys(bools).join('|')})$`),
      resolve: (s: string) => bools[s] as boolean,
    },
    {
      identify: (v) => typeof v === 'number' || typeof v === 'bigint',
      default: true,
      tag: 'tag:yaml.org,2002:int',
      test: /^[-+.0-9]/,
      resolve: (s: string) => resolveNumberish(s, v3) as unknown as number,
    },
  ];
}

const V2_OPTS = { schema: 'failsafe', customTags: tags(false), merge: true, uniqueKeys: true } as const;

export interface ParsedDoc {
  value: YValue;
  /** 1-based line where the document starts. */
  line: number;
}

/** go-yaml v2 (sigs.k8s.io/yaml) typing of a plain scalar: YAML 1.1 booleans, timestamps stay strings. */
export function resolvePlainV2(s: string): YValue {
  const b = V2_BOOL[s];
  if (b !== undefined) return b;
  if (parseTimestamp(s) !== null) return s;
  return resolvePlain(s);
}

type DocView = Pick<YamlDoc, 'value' | 'startLine' | 'scalarText' | 'keyProblems'>;

/** The fast reader's result seen through the few YamlDoc methods used here. */
function fastDocs(text: string): DocView[] | null {
  const docs = fastParse(text, resolvePlain);
  if (!docs) return null;
  return docs.map((d) => ({
    value: d.value,
    startLine: d.startLine,
    keyProblems: [],
    scalarText(path: readonly (string | number)[]): string | undefined {
      let parent: unknown = undefined;
      let cur: unknown = d.value;
      for (const p of path) {
        if (cur === null || typeof cur !== 'object') return undefined;
        parent = cur;
        cur = (cur as Record<string | number, unknown>)[p];
        if (cur === undefined) return undefined;
      }
      const noted = parent ? d.texts.get(parent as object)?.get(path[path.length - 1] as string | number) : undefined;
      if (noted !== undefined && noted !== '') return noted;
      if (noted === '') return '';
      return typeof cur === 'string' ? cur : cur === null || typeof cur === 'object' ? undefined : String(cur);
    },
  }));
}

/** All documents of a resource file, read like kyaml (go-yaml v3, via src/io). Empty and null documents are skipped. */
export function parseResourceText(text: string, file: string): ParsedDoc[] {
  const out: ParsedDoc[] = [];
  for (const doc of fastDocs(text) ?? parseYamlDocuments(text, file)) {
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

function fail(file: string, err: { message: string; linePos?: [{ line: number }, ...unknown[]] }): never {
  const line = err.linePos?.[0]?.line;
  const msg = err.message.split('\n')[0] ?? err.message;
  throw new InputError(file, `invalid YAML: ${msg}`, line === undefined ? {} : { line });
}

/** The first document as sigs.k8s.io/yaml reads it (go-yaml v2, YAML 1.1 booleans); null when empty. */
export function parseYaml11(text: string, file: string): YValue {
  const fast = fastParse(text, resolvePlainV2);
  if (fast) return fast[0]?.value ?? null;
  const docs = YAML.parseAllDocuments(text.replace(/\r\n/g, '\n'), V2_OPTS);
  const first = docs[0];
  if (!first) return null;
  const err = first.errors[0];
  if (err) fail(file, err as never);
  return (first.toJS({ maxAliasCount: -1 }) ?? null) as YValue;
}
