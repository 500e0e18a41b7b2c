// YAML input read the way kustomize v5.7.1 reads it (kyaml on go-yaml v3), as plain JS values with positions.
//
// Value model (what `YamlDoc.value` holds) — chosen so yaml-write.ts reproduces kustomize's output:
// - mappings → plain objects in document order (merged `<<` keys after the mapping's own keys); sequences → arrays;
// - plain scalars resolve by go-yaml v3 rules (scalar-rules.ts): only true/false (any case form) are booleans,
//   `yes/on/y` stay strings; `~`/`null`/empty are null; ints take Go base-0 syntax (`0755` = 493, `0x1F`, `0o17`,
//   `0b1`, `1_000`); floats include `.inf`/`.nan`; quoted, block and `!!str` scalars are strings;
// - numbers are JS numbers. go-yaml keeps int and float apart, but kustomize prints via JSON, so an integral float
//   (`1.0`, `1e3`) prints exactly like the int (`1`, `1000`) and only the numeric value matters. Integers beyond
//   ±2^53 are bigint so that int64/uint64 values survive exactly;
// - timestamps (`2024-01-02`, `2001-12-14 21:59:43.10`) become the RFC3339Nano string kustomize prints
//   (`2024-01-02T00:00:00Z`): go-yaml v3 decodes them to time.Time, which JSON renders that way;
// - anchors/aliases are expanded (each alias a fresh copy), `<<` merges applied (own keys win, then earlier sources);
// - duplicate keys are errors, as go-yaml v3 reports them; `!!binary` is decoded; other tags keep the string.
// Comments are dropped. Positions: `lineOf(path)` / `posOf(path)` walk the parsed node tree lazily.
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Alias, Document, Node as YNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '../core/errors.js';
import { isIntText, isNonStringV3, resolvePlain, resolvePlainV2 } from './scalar-rules.js';
import { formatFloat32G } from './go-format.js';
import { parseTimestamp } from './timestamp.js';
import { refoldV3 } from './kyaml-refold.js';
import { badSeparator, positionOf, prepareSource } from './go-yaml-syntax.js';
import type { SourceText } from './go-yaml-syntax.js';

export type PathElement = string | number;

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  col: number;
}

/** A mapping key kustomize cannot print (a nested key that is not a string: JSON has no such keys). */
export interface KeyProblem extends Position {
  path: PathElement[];
  key: string;
}

export interface YamlDoc {
  /** The document as plain data (see the module header); null for an empty document. */
  value: unknown;
  /** 1-based line where the document starts (its `---` marker, or its first content). */
  startLine: number;
  /** Position of the node at `path` (for a mapping entry: its key), or undefined when there is none. */
  posOf(path: readonly PathElement[]): Position | undefined;
  /** `posOf(path)?.line`. */
  lineOf(path: readonly PathElement[]): number | undefined;
  /**
   * go-yaml's text of the scalar at `path` before type resolution (`1.0`, `yes`, `2024-01-02`, `~`), or
   * undefined when there is no scalar there. kustomize rewrites metadata.annotations from these texts.
   */
  scalarText(path: readonly PathElement[]): string | undefined;
  /** Nested keys that resolve to non-strings (ints, bools, …): kustomize fails on these when printing. */
  keyProblems: KeyProblem[];
}

/** A YAML syntax or decoding error, with the position of the cause. */
export class YamlParseError extends InputError {
  readonly col: number | undefined;
  readonly reason: string;
  constructor(file: string, reason: string, pos?: Position) {
    super(file, reason, pos ? { line: pos.line } : {});
    this.name = 'YamlParseError';
    if (pos) this.message = `${file}:${pos.line}:${pos.col}: ${reason}`;
    this.col = pos?.col;
    this.reason = reason;
  }
}

const PARSE_OPTIONS = { schema: 'failsafe', uniqueKeys: false, prettyErrors: false, strict: false } as const;
const MAX_NODES = 5_000_000; // alias expansion bound ("billion laughs")

/** Parse every document of a YAML stream. Throws YamlParseError on the first syntax or decoding error. */
export interface ParseOptions {
  /**
   * `kyaml` (default): how kustomize reads resources and patches (go-yaml v3 through kyaml, see the header).
   * `sigs-yaml`: how kustomize reads kustomization files and Kubernetes clients read manifests (sigs.k8s.io/yaml on
   * go-yaml v2): YAML 1.1 booleans (`yes`, `on`, `y`, `off`, … are true/false), timestamps keep their text, every
   * mapping key becomes a string (`1` → "1", `true` → "true"), and no kyaml re-encoding effects.
   */
  rules?: 'kyaml' | 'sigs-yaml';
}

export function parseYamlDocuments(text: string, file: string, opts: ParseOptions = {}): YamlDoc[] {
  const src = prepareSource(text);
  const sep = badSeparator(src.text);
  if (sep) throw new YamlParseError(file, `invalid document separator: ${sep.separator}`, positionOf(src, sep.offset));
  const docs = parseAllDocuments(src.text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  const out: YamlDoc[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new YamlParseError(file, err.message, positionOf(src, err.pos[0]));
    const reader = new Reader(doc, src, file, opts.rules === 'sigs-yaml');
    const value = doc.contents === null ? null : reader.toValue(doc.contents as YNode, true);
    out.push(new Doc(value, doc, src, reader));
  }
  return out;
}

/** Parse a stream that must hold exactly one document (or none: null). */
export function parseYaml(text: string, file: string, opts: ParseOptions = {}): unknown {
  const docs = parseYamlDocuments(text, file, opts);
  if (docs.length > 1) throw new YamlParseError(file, 'expected one YAML document, found ' + docs.length);
  return docs[0]?.value ?? null;
}

class Doc implements YamlDoc {
  readonly startLine: number;
  readonly keyProblems: KeyProblem[];
  constructor(
    readonly value: unknown,
    private readonly doc: Document.Parsed,
    private readonly src: SourceText,
    private readonly reader: Reader,
  ) {
    this.keyProblems = reader.keyProblems;
    const start = (doc.contents as YNode | null)?.range?.[0] ?? doc.range[0];
    const marker = doc.directives?.docStart ? doc.range[0] : start;
    this.startLine = positionOf(src, Math.min(marker, start)).line;
  }

  /** The node at `path` and the offset to report for it (a mapping entry's key). */
  private find(path: readonly PathElement[]): { node: unknown; at: number | undefined } | undefined {
    let node: unknown = this.doc.contents;
    let at: number | undefined = (node as YNode | null)?.range?.[0];
    for (const el of path) {
      node = deref(node, this.doc);
      if (isMap(node)) {
        const pair = findPair(node, String(el), this.doc);
        if (!pair) return undefined;
        at = (pair.key as YNode | null)?.range?.[0];
        node = pair.value;
      } else if (isSeq(node) && typeof el === 'number') {
        node = node.items[el];
        at = (node as YNode | undefined)?.range?.[0];
      } else return undefined;
      if (node === undefined) return undefined;
    }
    return { node, at };
  }

  posOf(path: readonly PathElement[]): Position | undefined {
    const at = this.find(path)?.at;
    return at === undefined ? undefined : positionOf(this.src, at);
  }

  scalarText(path: readonly PathElement[]): string | undefined {
    const found = this.find(path);
    if (!found) return undefined;
    const node = deref(found.node, this.doc);
    if (node === null) return '';
    return isScalar(node) ? this.reader.scalarSource(node) : undefined;
  }

  lineOf(path: readonly PathElement[]): number | undefined {
    return this.posOf(path)?.line;
  }
}

function deref(node: unknown, doc: Document.Parsed): unknown {
  for (let i = 0; isAlias(node) && i < 100; i++) node = (node as Alias).resolve(doc);
  return node;
}

/** The entry for `key` in a mapping, looking into `<<` merge sources when the mapping lacks it. */
function findPair(map: YAMLMap, key: string, doc: Document.Parsed): Pair | undefined {
  let merge: unknown;
  for (const p of map.items) {
    const k = p.key;
    if (isScalar(k) && isMergeKey(k)) merge = p.value;
    else if (isScalar(k) && String(k.value) === key) return p;
  }
  const src = deref(merge, doc);
  const sources = isSeq(src) ? src.items : src ? [src] : [];
  for (const s of sources) {
    const m = deref(s, doc);
    if (isMap(m)) {
      const p = findPair(m, key, doc);
      if (p) return p;
    }
  }
  return undefined;
}

function isMergeKey(k: Scalar): boolean {
  return k.type === 'PLAIN' && k.value === '<<' && (k.tag === undefined || k.tag === '!' || k.tag === 'tag:yaml.org,2002:merge');
}

const STR_TAG = 'tag:yaml.org,2002:';

class Reader {
  readonly keyProblems: KeyProblem[] = [];
  /** Path of the node being read (for key problems). */
  private readonly path: PathElement[] = [];
  private nodes = 0;
  /** End offset of a text whose last line has content but no line break, else -1. */
  private readonly unterminatedEnd: number;
  /** Depth of flow collections around the node being read (after alias expansion, as kyaml sees it). */
  private flow = 0;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly src: SourceText,
    private readonly file: string,
    private readonly yaml11: boolean,
  ) {
    const t = src.text;
    this.unterminatedEnd = t.length > 0 && !t.endsWith('\n') && /\S/.test(t.slice(t.lastIndexOf('\n') + 1)) ? t.length : -1;
  }

  private fail(reason: string, node: YNode | null | undefined): never {
    const at = node?.range?.[0];
    throw new YamlParseError(this.file, reason, at === undefined ? undefined : positionOf(this.src, at));
  }

  toValue(node: YNode, top: boolean): unknown {
    if (++this.nodes > MAX_NODES) this.fail('document contains excessive aliasing', node);
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      if (node.flow) this.flow++;
      this.fillMap(node, out, null, top);
      if (node.flow) this.flow--;
      return out;
    }
    if (isSeq(node)) {
      const items = (node as YAMLSeq).items;
      if (node.flow) this.flow++;
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as YNode | null;
        this.path.push(i);
        out[i] = item === null ? null : this.toValue(item, false);
        this.path.pop();
      }
      if (node.flow) this.flow--;
      return out;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) this.fail(`unknown anchor '${node.source}' referenced`, node);
      return this.toValue(target as YNode, top);
    }
    return null;
  }

  /** go-yaml's text of a scalar node (its `Value`), before type resolution. */
  scalarSource(node: Scalar): string {
    const v = node.value;
    // The `yaml` package decodes !!binary itself; go-yaml's node text is the base64 source.
    const text = typeof v === 'string' ? v : v instanceof Uint8Array ? String(node.source ?? '') : String(v);
    if (this.unterminatedEnd >= 0 && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') &&
      node.range?.[1] === this.unterminatedEnd && text.endsWith('\n')) {
      return text.slice(0, -1); // go-yaml: a block scalar's last line without a line break (at EOF) gets none
    }
    return text;
  }

  private scalar(node: Scalar): unknown {
    const text = this.scalarSource(node);
    const tag = node.tag;
    if (tag === undefined || tag === '!') {
      if (node.type !== 'PLAIN') return this.string(node, text);
      if (this.yaml11) return resolvePlainV2(text);
      const v = resolvePlain(text);
      // kyaml re-encodes each resource before decoding it; in a flow collection go-yaml v3 cannot write a scalar
      // holding ':' plain, so it quotes it and a timestamp with a time part comes back as its original text.
      if (this.flow > 0 && typeof v === 'string' && v !== text && text.includes(':')) return text;
      return v;
    }
    if (!tag.startsWith(STR_TAG)) return this.string(node, text); // custom tags keep the text, as go-yaml does
    const short = tag.slice(STR_TAG.length);
    if (short === 'str') return this.string(node, text);
    if (short === 'binary') {
      const bytes = node.value instanceof Uint8Array ? node.value : Buffer.from(text.replace(/\s+/g, ''), 'base64');
      return Buffer.from(bytes).toString('utf8');
    }
    const v = resolvePlain(text);
    const kind = v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v === 'string'
      ? (parseTimestamp(text) !== null ? 'timestamp' : 'str') : Number.isInteger(v) || typeof v === 'bigint' ? 'int' : 'float';
    if (kind === short || (short === 'float' && kind === 'int')) return typeof v === 'bigint' && short === 'float' ? Number(v) : v;
    if (short === 'timestamp' || short === 'int' || short === 'float' || short === 'bool' || short === 'null') {
      this.fail(`cannot decode !!${kind} \`${text}\` as a !!${short}`, node);
    }
    return this.string(node, text); // !!map, !!seq or an unknown yaml.org tag on a scalar
  }

  /** A string scalar's value; folded blocks as kyaml's go-yaml v3 round trip leaves them. */
  private string(node: Scalar, text: string): string {
    return node.type === 'BLOCK_FOLDED' && this.flow === 0 && !this.yaml11 ? refoldV3(text) : text;
  }

  /**
   * Copy a mapping's entries into `out`. `guard` is null for the mapping itself (its own keys always set) and
   * the shared "already set" rule for merge sources: a merged key never overrides one that is present.
   */
  private fillMap(node: YAMLMap, out: Record<string, unknown>, guard: true | null, top: boolean): void {
    const items = node.items as Pair[];
    this.checkDuplicates(items);
    let merge: YNode | null = null;
    for (const pair of items) {
      const k = pair.key as YNode | null;
      if (isScalar(k) && isMergeKey(k)) {
        merge = pair.value as YNode | null;
        continue;
      }
      const key = this.keyText(k, top);
      if (key === undefined) continue;
      if (guard && Object.prototype.hasOwnProperty.call(out, key)) continue;
      const v = pair.value as YNode | null;
      this.path.push(key);
      setKey(out, key, v === null ? null : this.toValue(v, false));
      this.path.pop();
    }
    if (merge !== null) this.applyMerge(merge, out, top);
  }

  private applyMerge(merge: YNode, out: Record<string, unknown>, top: boolean): void {
    const src = isAlias(merge) ? (merge.resolve(this.doc) as YNode | undefined) : merge;
    if (isMap(src)) return this.fillMap(src, out, true, top);
    if (isSeq(src)) {
      for (const item of src.items as YNode[]) {
        const m = isAlias(item) ? (item.resolve(this.doc) as YNode | undefined) : item;
        if (!isMap(m)) this.fail('map merge requires map or sequence of maps as the value', item);
        this.fillMap(m, out, true, top);
      }
      return;
    }
    this.fail('map merge requires map or sequence of maps as the value', merge);
  }

  /** The key as go-yaml gives it: its text. Nested non-string keys are noted (kustomize cannot print them). */
  private keyText(k: YNode | null, top: boolean): string | undefined {
    if (k === null) return top ? undefined : (this.noteKey('', k), '');
    let node = k;
    if (isAlias(node)) node = node.resolve(this.doc) as YNode;
    if (!isScalar(node)) this.fail('invalid map key: a mapping or sequence cannot be a key', k);
    const text = String(node.value);
    const plain = node.type === 'PLAIN' && (node.tag === undefined || node.tag === '!');
    if (this.yaml11) return plain ? this.jsonKey(text, node) : text;
    if (plain && isNonStringV3(text)) {
      if (top) return resolvePlain(text) === null ? undefined : text; // decoded into map[string]any: text, null dropped
      this.noteKey(text, node);
    } else if (node.tag !== undefined && node.tag !== '!' && node.tag !== STR_TAG + 'str' && !top) {
      this.noteKey(text, node);
    }
    return text;
  }

  /** sigs.k8s.io/yaml turns go-yaml v2 keys into JSON keys: numbers and booleans as text, null is an error. */
  private jsonKey(text: string, node: YNode): string {
    const v = resolvePlainV2(text);
    if (typeof v === 'string') return v;
    if (v === null) this.fail('unsupported map key of type: <nil>', node);
    if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return isIntText(text) ? String(v) : formatFloat32G(v);
  }

  private noteKey(key: string, node: YNode | null): void {
    const at = node?.range?.[0];
    const pos = at === undefined ? { line: 0, col: 0 } : positionOf(this.src, at);
    this.keyProblems.push({ path: [...this.path, key], key, line: pos.line, col: pos.col });
  }

  /** go-yaml v3: two keys with the same kind and text are an error, reported at the second. */
  private checkDuplicates(items: Pair[]): void {
    if (items.length < 2) return;
    const seen = new Map<string, YNode>();
    for (const pair of items) {
      const k = pair.key as YNode | null;
      const id = isScalar(k) ? 's' + String(k.value) : isAlias(k) ? 'a' + k.source : null;
      if (id === null) continue;
      const prev = seen.get(id);
      if (prev) {
        const line = prev.range ? positionOf(this.src, prev.range[0]).line : 0;
        this.fail(`mapping key ${JSON.stringify(id.slice(1))} already defined at line ${line}`, k);
      }
      seen.set(id, k!);
    }
  }
}

/** Assign without tripping over `__proto__`. */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
