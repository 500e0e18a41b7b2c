// A scalar node → its value, the way kustomize's reading decodes it: go-yaml v3 (or v2 for YAML 1.1 reads) plain
// scalar resolution, yaml.org tags, and what kyaml's re-encoding of each resource does to scalars in flow
// collections and to folded blocks.
import type { ScalarNode } from './yaml-parser.js';
import { Style } from './yaml-scanner.js';
import { resolvePlain, resolvePlainV2 } from './scalar-rules.js';
import { parseTimestamp } from './timestamp.js';
import { refoldV3 } from './kyaml-refold.js';
import { ComposeError, YAML_TAG } from './yaml-compose-nodes.js';

/** `inFlow`: inside a flow collection (after alias expansion, as kyaml sees it). */
export function decodeScalar(node: ScalarNode, yaml11: boolean, inFlow: boolean): unknown {
  const text = node.value;
  const tag = node.tag;
  if (tag === null || tag === '!') {
    if (node.style !== Style.Plain) return stringValue(node, text, yaml11, inFlow);
    if (yaml11) return resolvePlainV2(text);
    // go-yaml v3 cannot write an empty plain scalar inside a flow collection: kyaml's re-encoding quotes it, so
    // `{a: }` or `{a}` comes back with the empty string, not null.
    if (inFlow && text === '') return '';
    const v = resolvePlain(text);
    // kyaml re-encodes each resource before decoding it; in a flow collection go-yaml v3 cannot write a scalar
    // holding ':' plain, so it quotes it and a timestamp with a time part comes back as its original text.
    if (inFlow && typeof v === 'string' && v !== text && text.includes(':')) return text;
    return v;
  }
  if (!tag.startsWith(YAML_TAG)) return stringValue(node, text, yaml11, inFlow); // custom tags keep the text, as go-yaml does
  const short = tag.slice(YAML_TAG.length);
  if (short === 'str') return stringValue(node, text, yaml11, inFlow);
  if (short === 'binary') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  const v = resolvePlain(text);
  const kind = v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v === 'string'
    ? (parseTimestamp(text) !== null ? 'timestamp' : 'str') : Number.isInteger(v) || typeof v === 'bigint' ? 'int' : 'float';
  if (kind === short || (short === 'float' && kind === 'int')) return typeof v === 'bigint' && short === 'float' ? Number(v) : v;
  if (short === 'timestamp' || short === 'int' || short === 'float' || short === 'bool' || short === 'null') {
    throw new ComposeError(node.start, `cannot decode a !!${kind} scalar as a !!${short}`); // go-yaml quotes the text; never here
  }
  return stringValue(node, text, yaml11, inFlow); // !!map, !!seq or an unknown yaml.org tag on a scalar
}

/** A string scalar's value; folded blocks as kyaml's go-yaml v3 round trip leaves them. */
function stringValue(node: ScalarNode, text: string, yaml11: boolean, inFlow: boolean): string {
  return node.style === Style.Folded && !inFlow && !yaml11 ? refoldV3(text) : text;
}
