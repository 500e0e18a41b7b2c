// YAML data files read the way makejinja reads them: PyYAML `safe_load_all` (YAML 1.1 typing, `<<` merge keys,
// every document a mapping, documents merged shallowly). The `yaml` package parses; typing is ours (yaml11-scalars).
// Plain scalars that a YAML 1.2 reader would type differently are reported as warnings.
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Finding } from '../../core/finding.js';
import { tuple, type Value } from '../../template/runtime/values.js';
import { construct11, resolvePlain11, versionDifference } from './yaml11-scalars.js';
import { joinPath, LineIndex, type PositionIndex } from './positions.js';
import { setKey } from './py-dict.js';

export interface LoadedData {
  data: Map<Value, Value>;
  positions: PositionIndex;
  findings: Finding[];
}

const TAG = 'tag:yaml.org,2002:';
/** PyYAML's Reader.NON_PRINTABLE. */
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

class YamlDataError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

/** Parse a YAML data file. `file` is the repo-relative name used in findings. Never throws for bad input. */
export function loadYaml(text: string, file: string): LoadedData {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const positions: PositionIndex = new Map();
  const data = new Map<Value, Value>();
  const at = (offset: number | undefined) => (offset === undefined ? {} : lines.at(offset));

  // PyYAML's reader refuses control characters before parsing anything: a binary file is not a data file
  const bad = NON_PRINTABLE.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).padStart(4, '0');
    findings.push({
      code: 'data-parse-error',
      severity: 'error',
      message: `invalid YAML: unacceptable character #x${code} (control characters are not allowed; is this a binary file?)`,
      file,
      ...at(bad.index),
      hint: 'a YAML data file is text: remove the character, or take the file out of "data"',
    });
    return { data, positions, findings };
  }
  const docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        findings.push({ code: 'data-parse-error', severity: 'error', message: `invalid YAML: ${firstLine(e.message)}`, file, ...at(e.pos[0]) });
      }
      continue;
    }
    const builder = new Builder(doc, lines, positions, findings, file);
    try {
      const value = builder.build(doc.contents, '');
      if (!(value instanceof Map)) {
        findings.push({
          code: 'data-not-mapping',
          severity: 'error',
          message: `every YAML document of a data file must be a mapping, but this one is ${pyTypeWord(value)}`,
          file,
          ...at(offsetOf(doc.contents) ?? doc.range[0]),
          hint: 'write the document as `key: value` lines (templates read its keys as variables)',
        });
        continue;
      }
      for (const [k, v] of value) setKey(data, k, v);
    } catch (e) {
      if (!(e instanceof YamlDataError)) throw e;
      findings.push({ code: 'data-parse-error', severity: 'error', message: e.message, file, ...at(e.offset) });
    }
  }
  return { data, positions, findings };
}

class Builder {
  /** Positions already warned about: an anchored node is built again at each alias, its text is warned about once. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineIndex,
    private readonly positions: PositionIndex,
    private readonly findings: Finding[],
    private readonly file: string,
  ) {}

  build(node: unknown, path: string): Value {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.build(node.resolve(this.doc), path);
    if (isScalar(node)) return this.scalar(node as ScalarNode, path);
    if (isSeq(node)) {
      const tag = node.tag;
      const items = node.items.map((item, i) => this.build(item, joinPath(path, i)));
      if (tag === TAG + 'omap' || tag === TAG + 'pairs') {
        return items.map((m) => (m instanceof Map ? tuple([...m.entries()][0] ?? []) : m));
      }
      this.checkTag(tag, 'seq', node);
      return items;
    }
    if (isMap(node)) {
      this.checkTag(node.tag, node.tag === TAG + 'set' ? 'set' : 'map', node);
      this.warnDuplicates(node as MapNode);
      const out = new Map<Value, Value>();
      for (const [keyNode, valueNode] of this.flatten(node as MapNode)) {
        const key = isScalar(keyNode) ? this.scalar(keyNode as ScalarNode, path, true) : this.build(keyNode, path);
        if (key instanceof Map || (Array.isArray(key) && !Object.isFrozen(key))) {
          throw new YamlDataError('found unhashable key (a mapping or list used as a key)', offsetOf(keyNode));
        }
        const childPath = typeof key === 'string' || typeof key === 'bigint' ? joinPath(path, key) : joinPath(path, String(key));
        const off = offsetOf(keyNode);
        if (off !== undefined && !this.positions.has(childPath)) this.positions.set(childPath, this.lines.at(off));
        setKey(out, key, this.build(valueNode, childPath));
      }
      return node.tag === TAG + 'set' ? [...out.keys()] : out;
    }
    throw new YamlDataError('unsupported YAML node', offsetOf(node));
  }

  /**
   * PyYAML keeps the later of two equal keys without a word (so does makejinja, and so do we); a repeated key is
   * almost always an editing mistake, so it is a warning at the second one. Keys merged in by `<<` are meant to be
   * overridden and are not counted.
   */
  private warnDuplicates(node: MapNode): void {
    const seen = new Map<string, number | undefined>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = pair.key as ScalarNode;
      if (k.type === 'PLAIN' && !k.tag && k.value === '<<') continue;
      const name = String(k.value);
      const off = offsetOf(k);
      if (!seen.has(name)) {
        seen.set(name, off);
        continue;
      }
      const first = seen.get(name);
      this.warn({
        code: 'data-duplicate-key',
        severity: 'warning',
        message: `key "${name}" appears twice in this mapping${first === undefined ? '' : ` (first at line ${this.lines.at(first).line})`}; the later value is used`,
        file: this.file,
        ...(off === undefined ? {} : this.lines.at(off)),
        hint: 'remove one of the two entries',
      });
    }
  }

  /** PyYAML's flatten_mapping: `<<` entries first (later sequence items first), then the mapping's own pairs. */
  private flatten(node: MapNode): Array<[unknown, unknown]> {
    const merge: Array<[unknown, unknown]> = [];
    const own: Array<[unknown, unknown]> = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as unknown;
      if (isScalar(k) && (k as ScalarNode).type === 'PLAIN' && !(k as ScalarNode).tag && (k as ScalarNode).value === '<<') {
        const target = this.deref(pair.value);
        if (isMap(target)) merge.push(...this.flatten(target as MapNode));
        else if (isSeq(target)) {
          const sub: Array<Array<[unknown, unknown]>> = [];
          for (const item of target.items) {
            const m = this.deref(item);
            if (!isMap(m)) throw new YamlDataError('expected a mapping for merging, but found another node', offsetOf(item));
            sub.push(this.flatten(m as MapNode));
          }
          for (const pairs of sub.reverse()) merge.push(...pairs);
        } else {
          throw new YamlDataError('expected a mapping or list of mappings for merging', offsetOf(pair.value));
        }
      } else own.push([pair.key, pair.value]);
    }
    return [...merge, ...own];
  }

  private deref(n: unknown): unknown {
    return isAlias(n) ? n.resolve(this.doc) : n;
  }

  private scalar(node: ScalarNode, path: string, isKey = false): Value {
    const s = String(node.value ?? '');
    const tag = node.tag;
    if (tag) {
      const short = tag.startsWith(TAG) ? tag.slice(TAG.length) : null;
      switch (short) {
        case 'str':
          return s;
        case 'null':
          return null;
        case 'bool':
        case 'int':
        case 'float':
        case 'timestamp': {
          // PyYAML runs the constructor without checking the implicit pattern (`!!float "1"` is 1.0)
          if (!explicitOk(short, s)) throw new YamlDataError(`cannot read ${JSON.stringify(s)} as !!${short}`, offsetOf(node));
          return construct11(short, s);
        }
        case 'binary':
          return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('latin1');
        default:
          throw new YamlDataError(`could not determine a constructor for the tag '${tag}'`, offsetOf(node));
      }
    }
    if (node.type !== 'PLAIN') return s;
    const kind = resolvePlain11(s);
    if (kind === 'value') throw new YamlDataError(`could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote the "=")`, offsetOf(node));
    const diff = versionDifference(s);
    const off = offsetOf(node);
    if (diff) {
      this.warn({
        code: 'yaml-1.1-scalar',
        severity: 'warning',
        message: `${isKey ? `the key ${s}${path ? ` in ${path}` : ''}` : `${path ? path + ': ' : ''}${s}`} is ${diff.as11} in YAML 1.1 (makejinja, PyYAML) but ${diff.as12} in YAML 1.2`,
        file: this.file,
        ...(off !== undefined ? this.lines.at(off) : {}),
        hint: diff.hint,
      });
    }
    return construct11(kind, s);
  }

  private warn(f: Finding): void {
    const at = `${f.code}:${f.line ?? ''}:${f.col ?? ''}`;
    if (this.warned.has(at)) return;
    this.warned.add(at);
    this.findings.push(f);
  }

  private checkTag(tag: string | undefined, kind: string, node: unknown): void {
    if (!tag || tag === TAG + kind || tag === TAG + 'map' || tag === TAG + 'seq') return;
    throw new YamlDataError(`could not determine a constructor for the tag '${tag}'`, offsetOf(node));
  }
}

interface ScalarNode {
  value: unknown;
  type?: string;
  tag?: string;
  range?: [number, number, number];
}
interface MapNode {
  items: unknown[];
  tag?: string;
  range?: [number, number, number];
}

function explicitOk(kind: 'bool' | 'int' | 'float' | 'timestamp', s: string): boolean {
  switch (kind) {
    case 'bool':
      return /^(?:yes|no|true|false|on|off)$/i.test(s);
    case 'int':
      return /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9_]+(?::[0-9_]+)*)$/.test(s);
    case 'float':
      return /^[-+]?(?:\.inf|\.nan|[0-9_]*\.?[0-9_]*(?:e[-+]?[0-9]+)?(?::[0-9_.]+)*)$/i.test(s) && /[0-9]|inf|nan/i.test(s);
    case 'timestamp':
      return resolvePlain11(s) === 'timestamp';
  }
}

function offsetOf(n: unknown): number | undefined {
  const r = (n as Node | null)?.range;
  return r ? r[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** Python's type name for messages like makejinja's ("found NoneType"). */
export function pyTypeWord(v: Value): string {
  if (v === null) return 'empty (NoneType)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'bigint') return 'an int';
  if (typeof v === 'number') return 'a float';
  if (typeof v === 'boolean') return 'a bool';
  return typeof v;
}
