// configMapGenerator / secretGenerator: build the objects, mark them for the name hash and the merge behavior.
import type { YMap } from '../../core/resource.js';
import { KustomizeError, wrapError } from '../errors.js';
import { KRes } from '../kres.js';
import type { Behavior } from '../kres.js';
import type { Loader } from '../loader.js';
import type { GeneratorArgs, GeneratorOptions } from '../types.js';
import { setKey } from '../value.js';
import { loadPairs } from './kv.js';
import type { Pair } from './kv.js';

/** Base64 broken into 70-character lines (each ending in a newline) once it is longer than one line. */
export function base64Lines(bytes: Buffer): string {
  const enc = bytes.toString('base64');
  const lineLen = 70;
  const lines = Math.floor(enc.length / lineLen) + 1;
  if (lines === 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += lineLen) out += enc.slice(i, i + lineLen) + '\n';
  return out;
}

/** kustomize's MergeGlobalOptionsIntoLocal. */
export function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions | undefined {
  if (!global) return local;
  const out: GeneratorOptions = local
    ? { ...local, labels: { ...local.labels }, annotations: { ...local.annotations } }
    : { labels: {}, annotations: {}, disableNameSuffixHash: false, immutable: false };
  for (const [k, v] of Object.entries(global.labels)) if (!(k in out.labels)) out.labels[k] = v;
  for (const [k, v] of Object.entries(global.annotations)) if (!(k in out.annotations)) out.annotations[k] = v;
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

function sortedMap(entries: [string, string][]): YMap {
  const out: YMap = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) setKey(out, k, v);
  return out;
}

function behaviorOf(s: string): Behavior {
  return s === 'create' || s === 'merge' || s === 'replace' ? s : '';
}

export function generate(
  ldr: Loader,
  args: GeneratorArgs,
  kind: 'ConfigMap' | 'Secret',
  global: GeneratorOptions | undefined,
  origin: { file: string; line: number },
): KRes {
  if (!args.name) throw new KustomizeError(`a ${kind === 'ConfigMap' ? 'configmap' : 'secret'} must have a name`);
  const opts = mergeOptions(args.options, global);
  let pairs: Pair[];
  try {
    pairs = loadPairs(ldr, args);
  } catch (e) {
    throw wrapError('loading KV pairs', e);
  }
  const obj: YMap = { apiVersion: 'v1', kind, metadata: { name: args.name } };
  if (args.namespace) (obj['metadata'] as YMap)['namespace'] = args.namespace;
  if (kind === 'Secret') obj['type'] = args.type || 'Opaque';
  if (kind === 'ConfigMap') {
    const text = pairs.filter((p) => typeof p.value === 'string').map((p) => [p.key, p.value as string] as [string, string]);
    const bin = pairs.filter((p) => typeof p.value !== 'string').map((p) => [p.key, base64Lines(p.value as Buffer)] as [string, string]);
    if (text.length) obj['data'] = sortedMap(text);
    if (bin.length) obj['binaryData'] = sortedMap(bin);
  } else if (pairs.length) {
    obj['data'] = sortedMap(pairs.map((p) => [p.key, base64Lines(typeof p.value === 'string' ? Buffer.from(p.value, 'utf8') : p.value)]));
  }
  if (opts) {
    const meta = obj['metadata'] as YMap;
    if (Object.keys(opts.labels).length) meta['labels'] = sortedMap(Object.entries(opts.labels));
    if (Object.keys(opts.annotations).length) meta['annotations'] = sortedMap(Object.entries(opts.annotations));
    if (opts.immutable) obj['immutable'] = true;
  }
  const r = new KRes(obj, origin);
  r.generated = true;
  r.behavior = behaviorOf(args.behavior);
  r.needsHash = !opts || !opts.disableNameSuffixHash;
  return r;
}
