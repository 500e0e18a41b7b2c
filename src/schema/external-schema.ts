// JSON schemas from a --schema-location (kubeconform's draft-4 files, the datree catalog, user files): read from disk
// or fetched over http(s), with the documents they `$ref` (e.g. `_definitions.json`), made fit for ajv.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isObject, rewriteExclusiveBounds } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import type { FoundSchema, SharedDoc } from './source.js';
import { SchemaLoadError } from './source.js';

export function isHttpLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** A draft-4 style schema from elsewhere, made fit for ajv: no `$schema`, numeric exclusive bounds, `$id` = its URL. */
export function normalizeExternal(node: unknown, id?: string): JsonSchema {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!isObject(n)) return n;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(n)) if (k !== '$schema' && k !== 'id' && k !== '$id') out[k] = walk(v);
    rewriteExclusiveBounds(n, out);
    return out;
  };
  const out = walk(node);
  const schema: JsonSchema = isObject(out) ? out : {};
  return id ? { $id: id, ...schema } : schema;
}

/** URLs (without fragment) of documents a schema `$ref`s, resolved against its own URL. */
export function externalRefs(schema: unknown, base: string): string[] {
  const found = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (isObject(n)) {
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) found.add(new URL(v, base).href.replace(/#.*$/, ''));
        else if (k !== 'enum' && k !== 'const') walk(v);
      }
    }
  };
  walk(schema);
  return [...found];
}

/** A local schema file (file: URL) and the local files it refers to; null when the file does not exist. */
export function loadLocal(url: string): FoundSchema | null {
  const main = readLocal(url);
  if (main === null) return null;
  const shared: SharedDoc[] = [];
  const seen = new Set([url]);
  const queue = externalRefs(main, url);
  while (queue.length) {
    const ref = queue.shift() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (isHttpLocation(ref)) throw new SchemaLoadError(url, `refers to ${ref}; a local schema location may not reach the network`);
    const doc = readLocal(ref);
    if (doc === null) throw new SchemaLoadError(url, `refers to ${fileURLToPath(ref)}, which does not exist`);
    shared.push({ id: ref, load: () => normalizeExternal(doc, ref) });
    queue.push(...externalRefs(doc, ref));
  }
  return { schema: normalizeExternal(main, url), shared, origin: fileURLToPath(url) };
}

/** A schema over http(s) and the documents it refers to; null when absent (404) or not JSON. */
export async function fetchWithRefs(doFetch: typeof fetch, url: string): Promise<FoundSchema | null> {
  const main = await fetchJson(doFetch, url);
  if (main === null) return null;
  const shared: SharedDoc[] = [];
  const seen = new Set([url]);
  const queue = externalRefs(main, url);
  while (queue.length) {
    const ref = queue.shift() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const doc = await fetchJson(doFetch, ref);
    if (doc === null) throw new SchemaLoadError(url, `refers to ${ref}, which could not be fetched`);
    shared.push({ id: ref, load: () => normalizeExternal(doc, ref) });
    queue.push(...externalRefs(doc, ref));
  }
  return { schema: normalizeExternal(main, url), shared, origin: url };
}

/** null when the file does not exist (the next source is tried); an error when it exists but is not JSON. */
function readLocal(url: string): unknown {
  const path = fileURLToPath(url);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new SchemaLoadError(path, `not a JSON schema: ${(e as Error).message}`);
  }
}

/** null for 404 or a non-JSON answer (kubeconform then tries the next location); other failures are errors. */
async function fetchJson(doFetch: typeof fetch, url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await doFetch(url);
  } catch (e) {
    throw new SchemaLoadError(url, `cannot fetch: ${(e as Error).message}`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new SchemaLoadError(url, `HTTP ${res.status}`);
  try {
    return JSON.parse(await res.text()) as unknown;
  } catch {
    return null;
  }
}
