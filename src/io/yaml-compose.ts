// Parsed nodes → plain values, the way kustomize's reading decodes them (see yaml-read.ts for the value model):
// go-yaml v3 scalar resolution and tags, alias expansion, `<<` merges, duplicate-key errors, and the effects of
// kyaml re-encoding each resource (folded scalars, timestamps inside flow collections).
import { Kind } from './yaml-parser.js';
import type { MappingNode, ScalarNode, YNode } from './yaml-parser.js';
import { Style } from './yaml-scanner.js';
import { isIntText, isNonStringV3, resolvePlain, resolvePlainV2 } from './scalar-rules.js';
import { formatFloat32G } from './go-format.js';
import { parseTimestamp } from './timestamp.js';
import { refoldV3 } from './kyaml-refold.js';

export type PathElement = string | number;

/** A decoding problem at an offset of the text. */
export class ComposeError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
    /** For duplicate keys: where the first one is ("already defined at line …"). */
    readonly firstOffset?: number,
  ) {
    super(reason);
  }
}

/** A nested mapping key that is not a string (kustomize cannot print it). */
export interface KeyNote {
  path: PathElement[];
  key: string;
  offset: number;
}

const YAML_TAG = 'tag:yaml.org,2002:';
const MAX_NODES = 5_000_000; // alias expansion bound ("billion laughs")

export function isMergeKey(k: YNode): boolean {
  return k.kind === Kind.Scalar && k.style === Style.Plain && k.value === '<<' &&
    (k.tag === null || k.tag === '!' || k.tag === YAML_TAG + 'merge');
}

export function deref(node: YNode): YNode {
  return node.kind === Kind.Alias ? node.target : node;
}

/**
 * Key and value nodes for `key`, looking into `<<` merge sources when the mapping lacks it. A repeated key (read
 * with duplicates collected) gives its last entry, the one whose value the document holds.
 */
export function findValue(map: MappingNode, key: string): { keyNode: YNode; value: YNode } | undefined {
  const pairs = map.pairs;
  let merge: YNode | undefined;
  let own: { keyNode: YNode; value: YNode } | undefined;
  for (let i = 0; i < pairs.length; i += 2) {
    const k = deref(pairs[i]!);
    if (isMergeKey(k)) merge = pairs[i + 1];
    else if (k.kind === Kind.Scalar && k.value === key) own = { keyNode: pairs[i]!, value: pairs[i + 1]! };
  }
  if (own) return own;
  if (!merge) return undefined;
  const src = deref(merge);
  for (const s of src.kind === Kind.Sequence ? src.items : [src]) {
    const m = deref(s);
    if (m.kind === Kind.Mapping) {
      const found = findValue(m, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** A repeated mapping key, when the composer collects them instead of failing: offsets of the repeat and the first. */
export interface DuplicateNote {
  key: string;
  offset: number;
  firstOffset: number;
}

export class Composer {
  readonly keyNotes: KeyNote[] = [];
  /** Repeated keys (collecting mode only), each once, in the order found. */
  readonly duplicates: DuplicateNote[] = [];
  private readonly path: PathElement[] = [];
  private nodes = 0;
  /** Depth of flow collections around the node being read (after alias expansion, as kyaml sees it). */
  private flow = 0;

  /**
   * `collectDuplicates`: a repeated key is noted in `duplicates` instead of failing, and the later value wins (what a
   * validator needs to go on checking a document with one); kustomize's reading fails, the default.
   */
  constructor(
    private readonly yaml11: boolean,
    private readonly collectDuplicates = false,
  ) {}

  private fail(reason: string, node: YNode): never {
    throw new ComposeError(node.start, reason);
  }

  toValue(node: YNode, top: boolean): unknown {
    if (++this.nodes > MAX_NODES) this.fail('document contains excessive aliasing', node);
    switch (node.kind) {
      case Kind.Scalar:
        return this.scalar(node);
      case Kind.Alias:
        return this.toValue(node.target, top);
      case Kind.Mapping: {
        const out: Record<string, unknown> = {};
        if (node.flow) this.flow++;
        this.fillMap(node, out, false, top);
        if (node.flow) this.flow--;
        return out;
      }
      case Kind.Sequence: {
        const items = node.items;
        const out = new Array<unknown>(items.length);
        if (node.flow) this.flow++;
        for (let i = 0; i < items.length; i++) {
          this.path.push(i);
          out[i] = this.toValue(items[i]!, false);
          this.path.pop();
        }
        if (node.flow) this.flow--;
        return out;
      }
    }
  }

  private scalar(node: ScalarNode): unknown {
    const text = node.value;
    const tag = node.tag;
    if (tag === null || tag === '!') {
      if (node.style !== Style.Plain) return this.string(node, text);
      if (this.yaml11) return resolvePlainV2(text);
      // go-yaml v3 cannot write an empty plain scalar inside a flow collection: kyaml's re-encoding quotes it, so
      // `{a: }` or `{a}` comes back with the empty string, not null.
      if (this.flow > 0 && text === '') return '';
      const v = resolvePlain(text);
      // kyaml re-encodes each resource before decoding it; in a flow collection go-yaml v3 cannot write a scalar
      // holding ':' plain, so it quotes it and a timestamp with a time part comes back as its original text.
      if (this.flow > 0 && typeof v === 'string' && v !== text && text.includes(':')) return text;
      return v;
    }
    if (!tag.startsWith(YAML_TAG)) return this.string(node, text); // custom tags keep the text, as go-yaml does
    const short = tag.slice(YAML_TAG.length);
    if (short === 'str') return this.string(node, text);
    if (short === 'binary') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    const v = resolvePlain(text);
    const kind = v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v === 'string'
      ? (parseTimestamp(text) !== null ? 'timestamp' : 'str') : Number.isInteger(v) || typeof v === 'bigint' ? 'int' : 'float';
    if (kind === short || (short === 'float' && kind === 'int')) return typeof v === 'bigint' && short === 'float' ? Number(v) : v;
    if (short === 'timestamp' || short === 'int' || short === 'float' || short === 'bool' || short === 'null') {
      this.fail(`cannot decode a !!${kind} scalar as a !!${short}`, node); // go-yaml quotes the text; never here
    }
    return this.string(node, text); // !!map, !!seq or an unknown yaml.org tag on a scalar
  }

  /** A string scalar's value; folded blocks as kyaml's go-yaml v3 round trip leaves them. */
  private string(node: ScalarNode, text: string): string {
    return node.style === Style.Folded && this.flow === 0 && !this.yaml11 ? refoldV3(text) : text;
  }

  /**
   * Copy a mapping's entries into `out`. For merge sources (`merged`), a key already present is not overridden:
   * go-yaml sets a mapping's own keys first, then each merge source in order, earlier sources winning.
   */
  private fillMap(node: MappingNode, out: Record<string, unknown>, merged: boolean, top: boolean): void {
    const pairs = node.pairs;
    this.checkDuplicates(pairs);
    let merge: YNode | null = null;
    for (let i = 0; i < pairs.length; i += 2) {
      const k = pairs[i]!;
      if (isMergeKey(k)) {
        merge = pairs[i + 1]!;
        continue;
      }
      const key = this.keyText(k, top);
      if (key === undefined) continue;
      if (merged && Object.prototype.hasOwnProperty.call(out, key)) continue;
      this.path.push(key);
      setKey(out, key, this.toValue(pairs[i + 1]!, false));
      this.path.pop();
    }
    if (merge !== null) this.applyMerge(merge, out, top);
  }

  private applyMerge(merge: YNode, out: Record<string, unknown>, top: boolean): void {
    const src = deref(merge);
    if (src.kind === Kind.Mapping) return this.fillMap(src, out, true, top);
    if (src.kind === Kind.Sequence) {
      for (const item of src.items) {
        const m = deref(item);
        if (m.kind !== Kind.Mapping) this.fail('map merge requires map or sequence of maps as the value', item);
        this.fillMap(m, out, true, top);
      }
      return;
    }
    this.fail('map merge requires map or sequence of maps as the value', merge);
  }

  /** The key as go-yaml gives it: its text. Nested non-string keys are noted (kustomize cannot print them). */
  private keyText(k: YNode, top: boolean): string | undefined {
    const node = deref(k);
    if (node.kind !== Kind.Scalar) this.fail('invalid map key: a mapping or sequence cannot be a key', k);
    const text = node.value;
    const plain = node.style === Style.Plain && (node.tag === null || node.tag === '!');
    if (this.yaml11) return plain ? this.jsonKey(text, node) : text;
    if (plain && isNonStringV3(text)) {
      if (top) return resolvePlain(text) === null ? undefined : text; // decoded into map[string]any: text, null dropped
      this.noteKey(text, node);
    } else if (node.tag !== null && node.tag !== '!' && node.tag !== YAML_TAG + 'str' && !top) {
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

  private noteKey(key: string, node: YNode): void {
    this.keyNotes.push({ path: [...this.path, key], key, offset: node.start });
  }

  /** go-yaml v3: two keys with the same kind and text are an error, reported at the second. */
  private checkDuplicates(pairs: YNode[]): void {
    if (pairs.length < 4) return;
    if (pairs.length <= 16) {
      for (let i = 2; i < pairs.length; i += 2) {
        const a = pairs[i]!;
        for (let j = 0; j < i; j += 2) {
          if (sameKey(pairs[j]!, a)) {
            this.duplicate(pairs[j]!, a);
            break;
          }
        }
      }
      return;
    }
    const seen = new Map<string, YNode>();
    for (let i = 0; i < pairs.length; i += 2) {
      const k = pairs[i]!;
      const id = keyId(k);
      const prev = seen.get(id);
      if (prev) this.duplicate(prev, k);
      else seen.set(id, k);
    }
  }

  private duplicate(first: YNode, second: YNode): void {
    if (this.collectDuplicates) {
      // a mapping read again (an alias, a merge source) repeats its duplicates: note each once
      if (this.duplicates.some((d) => d.offset === second.start)) return;
      const k = deref(second);
      this.duplicates.push({ key: k.kind === Kind.Scalar ? k.value : '', offset: second.start, firstOffset: first.start });
      return;
    }
    // go-yaml names the key; a key may hold a value, so the position of the first one says which
    throw new ComposeError(second.start, 'mapping key already defined', first.start);
  }
}

function keyId(k: YNode): string {
  return k.kind === Kind.Scalar ? 's' + k.value : k.kind === Kind.Alias ? 'a' + k.name : 'c';
}

function sameKey(a: YNode, b: YNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === Kind.Scalar) return a.value === (b as ScalarNode).value;
  if (a.kind === Kind.Alias) return a.name === (b as typeof a).name;
  return true;
}

/** Assign without tripping over `__proto__`. */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
