// The constructor half of reading a YAML data file as PyYAML does: nodes the `yaml` package parsed become template
// values with YAML 1.1 typing (yaml11-scalars.ts), `<<` merges flattened as PyYAML's flatten_mapping does, tags
// checked; positions recorded for messages, and warnings for what PyYAML accepts silently (a repeated key, a plain
// scalar YAML 1.2 types differently). What PyYAML refuses is a YamlDataError at its offset.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Finding } from '../../core/finding.js';
import { tuple, type Value } from '../../template/runtime/values.js';
import { construct11, resolvePlain11, versionDifference } from './yaml11-scalars.js';
import { joinPath, type LineIndex, type PositionIndex } from './positions.js';
import { setKey } from './py-dict.js';

const TAG = 'tag:yaml.org,2002:';

export class YamlDataError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

/** Builds one document's values (`build`), recording key positions and pushing warnings; throws YamlDataError. */
export class Builder {
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

export function offsetOf(n: unknown): number | undefined {
  const r = (n as Node | null)?.range;
  return r ? r[0] : undefined;
}

