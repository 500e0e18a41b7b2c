// Flux substitutes variables in text, not in values: kustomize-controller writes each resource as YAML with go-yaml
// v2 (via JSON), runs envsubst on that text and reads it back with go-yaml v2. So whether `${PORT}` ends up an
// int, a string or a parse error depends on how v2 quotes the string around it. This writes the scalar styles v2
// picks (plain, 'single', "double", |literal) and reads text back with v2's typing; layout (line folding, key
// order) differs where it cannot change the values read back.
import { isAlias, isMap as isYamlMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { resolvePlain, v2CanBePlain } from './go-scalars.js';

type Style = 'plain' | 'single' | 'double' | 'literal';

const isPrintable = (c: number): boolean =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
const isBreak = (c: number | undefined): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09;

/** libyaml's scalar analysis: which styles can hold this text. */
function analyze(s: string) {
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  if (cps.length === 0) return { multiline: false, plain: true, single: true, block: false };
  let block = false;
  let breaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) block = true;
  let precededByWs = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    const followedByWs = i + 1 >= cps.length || isBlank(cps[i + 1]);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) block = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) block = true;
    } else if (ch === ':' && followedByWs) block = true;
    else if (ch === '#' && precededByWs) block = true;
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      breaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlank(c) || isBreak(c) || c === 0;
  }
  let plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || breaks || block);
  let single = !breakSpace;
  let blockOk = !trailingSpace;
  if (spaceBreak || special) plain = single = blockOk = false;
  return { multiline: breaks, plain, single, block: blockOk };
}

function styleFor(s: string, key: boolean): Style {
  const a = analyze(s);
  let style: Style = s.includes('\n') ? 'literal' : v2CanBePlain(s) ? 'plain' : 'double';
  if (key && a.multiline) style = 'double';
  if (style === 'plain' && (!a.plain || (key && s === ''))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || key)) style = 'double';
  return style;
}

const ESCAPES: Record<number, string> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r',
  0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0x2028: '\\L', 0x2029: '\\P',
};
function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (isPrintable(c) && c !== 0x0a && c !== 0x22 && c !== 0x5c) out += ch;
    else if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (c <= 0xff) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
  }
  return out + '"';
}

/** A scalar: the text after `key: ` or `- `, plus the content lines of a literal block. */
function scalar(v: YValue, key: boolean): { head: string; body: string[] } {
  if (v === null) return { head: 'null', body: [] };
  if (typeof v === 'boolean' || typeof v === 'bigint') return { head: String(v), body: [] };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { head: '.nan', body: [] };
    if (!Number.isFinite(v)) return { head: v > 0 ? '.inf' : '-.inf', body: [] };
    return { head: String(v), body: [] };
  }
  const s = v as string;
  switch (styleFor(s, key)) {
    case 'plain':
      return { head: s, body: [] };
    case 'single':
      return { head: `'${s.replace(/'/g, "''")}'`, body: [] };
    case 'double':
      return { head: doubleQuoted(s), body: [] };
    case 'literal': {
      const indentHint = s.startsWith(' ') || isBreak(s.codePointAt(0)) ? '2' : '';
      let chomp = '';
      let content = s;
      if (!s.endsWith('\n')) chomp = '-';
      else {
        content = s.slice(0, -1);
        if (s === '\n' || content.endsWith('\n')) chomp = '+';
      }
      return { head: `|${indentHint}${chomp}`, body: content.split('\n') };
    }
  }
}

const isEmptyCollection = (v: YValue): boolean => (Array.isArray(v) ? v.length === 0 : isMap(v) && Object.keys(v).length === 0);

function node(v: YValue, indent: number, out: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v) && v.length > 0) {
    v.forEach((item, i) => node(item, indent + 2, out, (i === 0 ? prefix : pad) + '- '));
    return;
  }
  if (isMap(v) && Object.keys(v).length > 0) {
    Object.entries(v).forEach(([k, item], i) => {
      const lead = (i === 0 ? prefix : pad) + scalar(k, true).head + ':';
      if (!isEmptyCollection(item) && (Array.isArray(item) || isMap(item))) {
        out.push(lead);
        // v2 does not indent a sequence under its key
        node(item, Array.isArray(item) ? indent : indent + 2, out, Array.isArray(item) ? pad : pad + '  ');
      } else node(item, indent + 2, out, lead + ' ');
    });
    return;
  }
  if (isEmptyCollection(v)) {
    out.push(prefix + (Array.isArray(v) ? '[]' : '{}'));
    return;
  }
  const { head, body } = scalar(v, false);
  out.push(prefix + head);
  for (const line of body) out.push(line === '' ? '' : pad + line);
}

/** One resource as go-yaml v2 would style it (ends with a newline). */
export function emitV2(value: YValue): string {
  const out: string[] = [];
  node(value, 0, out, '');
  return out.join('\n') + '\n';
}

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
  const r = resolvePlain(s, 2);
  switch (r.tag) {
    case 'int':
      return r.value >= BigInt(Number.MIN_SAFE_INTEGER) && r.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r.value) : r.value;
    case 'float':
      // Flux converts to JSON next; encoding/json refuses these
      if (!Number.isFinite(r.value)) throw new YamlV2Error(`json: unsupported value: ${r.value > 0 ? '+Inf' : r.value < 0 ? '-Inf' : 'NaN'}`);
      return r.value;
    default:
      return r.value;
  }
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
