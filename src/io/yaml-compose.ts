// Parsed nodes → plain values, the way kustomize's reading decodes them (see yaml-read.ts for the value model):
// alias expansion, `<<` merges, keys as go-yaml (or sigs.k8s.io/yaml) gives them, duplicate-key errors. Scalars are
// decoded by yaml-compose-scalar.ts (tags, kyaml's re-encoding effects); node helpers are in yaml-compose-nodes.ts.
import { Kind } from './yaml-parser.js';
import type { MappingNode, YNode } from './yaml-parser.js';
import { Style } from './yaml-scanner.js';
import { isIntText, isNonStringV3, resolvePlain, resolvePlainV2 } from './scalar-rules.js';
import { formatFloat32G } from './go-format.js';
import { ComposeError, deref, forEachDuplicateKey, isMergeKey, YAML_TAG } from './yaml-compose-nodes.js';
import type { PathElement } from './yaml-compose-nodes.js';
import { decodeScalar } from './yaml-compose-scalar.js';

/** A nested mapping key that is not a string (kustomize cannot print it). */
export interface KeyNote {
  path: PathElement[];
  key: string;
  offset: number;
}

const MAX_NODES = 5_000_000; // alias expansion bound ("billion laughs")

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
        return decodeScalar(node, this.yaml11, this.flow > 0);
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

  /**
   * Copy a mapping's entries into `out`. For merge sources (`merged`), a key already present is not overridden:
   * go-yaml sets a mapping's own keys first, then each merge source in order, earlier sources winning.
   */
  private fillMap(node: MappingNode, out: Record<string, unknown>, merged: boolean, top: boolean): void {
    const pairs = node.pairs;
    forEachDuplicateKey(pairs, (first, repeat) => this.duplicate(first, repeat));
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

/** Assign without tripping over `__proto__`. */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
