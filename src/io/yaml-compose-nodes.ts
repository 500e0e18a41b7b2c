// The node-level pieces of composing YAML (yaml-compose.ts): the error with its offset, `<<` merge keys, alias
// targets, key lookups through merges, and go-yaml v3's repeated-key test.
import { Kind } from './yaml-parser.js';
import type { MappingNode, ScalarNode, YNode } from './yaml-parser.js';
import { Style } from './yaml-scanner.js';

export type PathElement = string | number;

export const YAML_TAG = 'tag:yaml.org,2002:';

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

/**
 * go-yaml v3: two keys with the same kind and text are an error, reported at the second. Calls `found` with the first
 * and the repeated key node, for each repeat.
 */
export function forEachDuplicateKey(pairs: readonly YNode[], found: (first: YNode, repeat: YNode) => void): void {
  if (pairs.length < 4) return;
  if (pairs.length <= 16) {
    for (let i = 2; i < pairs.length; i += 2) {
      const a = pairs[i]!;
      for (let j = 0; j < i; j += 2) {
        if (sameKey(pairs[j]!, a)) {
          found(pairs[j]!, a);
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
    if (prev) found(prev, k);
    else seen.set(id, k);
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
