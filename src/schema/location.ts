// `--schema-location`: kubeconform-compatible templates, read from local paths, or over http(s) only when the location
// itself is an http(s) URL. Variables: {{.Group}} {{.ResourceKind}} {{.ResourceAPIVersion}}
// {{.NormalizedKubernetesVersion}} {{.StrictSuffix}} {{.KindSuffix}}. A location not ending in `json` gets kubeconform's
// default layout appended; the keyword `default` means the shipped bundle (see registry.ts).
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.js';
import { apiVersionOf } from './gvk.js';
import type { Gvk } from './gvk.js';
import { isObject, rewriteExclusiveBounds } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import type { FoundSchema, SchemaSource, SharedDoc } from './source.js';
import { SchemaLoadError } from './source.js';

const DEFAULT_LAYOUT = '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';
const VARIABLES = ['Group', 'ResourceKind', 'ResourceAPIVersion', 'NormalizedKubernetesVersion', 'StrictSuffix', 'KindSuffix'] as const;
type Variable = (typeof VARIABLES)[number];

/** Checks a template once, up front, so a typo is a usage error rather than a missing schema per resource. */
export function checkTemplate(template: string): void {
  for (const m of template.matchAll(/\{\{(.*?)\}\}/g)) {
    const name = /^\s*\.([A-Za-z]+)\s*$/.exec(m[1] ?? '')?.[1];
    if (!name || !(VARIABLES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--schema-location: unsupported template expression "${m[0]}"`,
        `use one of ${VARIABLES.map((v) => `{{.${v}}}`).join(', ')}`,
      );
    }
  }
}

/** kubeconform's values: kind lowercased, `apps/v1` → Group `apps` + `v1`, core `v1` → Group `v1`. */
export function templateVariables(gvk: Gvk, kubernetesVersion: string): Record<Variable, string> {
  const parts = apiVersionOf(gvk).split('/');
  const first = parts[0] ?? '';
  const v = kubernetesVersion.replace(/^v/, '');
  let kindSuffix = '-' + (first.split('.')[0] ?? '').toLowerCase();
  if (parts.length > 1) kindSuffix += '-' + (parts[1] ?? '').toLowerCase();
  return {
    Group: first,
    ResourceKind: gvk.kind.toLowerCase(),
    ResourceAPIVersion: parts[parts.length - 1] ?? '',
    NormalizedKubernetesVersion: v === 'master' ? 'master' : `v${v}`,
    StrictSuffix: '-strict',
    KindSuffix: kindSuffix,
  };
}

export function renderTemplate(template: string, gvk: Gvk, kubernetesVersion: string): string {
  const vars = templateVariables(gvk, kubernetesVersion);
  return template.replace(/\{\{\s*\.([A-Za-z]+)\s*\}\}/g, (_m, name: string) => vars[name as Variable] ?? '');
}

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

export class LocationSource implements SchemaSource {
  readonly name: string;
  /** The location after kubeconform's default layout was appended (when it did not end in `json`). */
  readonly template: string;
  private readonly remote = new Map<string, FoundSchema | SchemaLoadError | null>();

  constructor(
    location: string,
    private readonly opts: { kubernetesVersion: string; cwd: string; fetch?: typeof fetch },
  ) {
    this.template = location.endsWith('json') ? location : location.replace(/\/+$/, '') + DEFAULT_LAYOUT;
    checkTemplate(this.template);
    this.name = `schema location ${location}`;
  }

  private target(gvk: Gvk): string {
    const t = renderTemplate(this.template, gvk, this.opts.kubernetesVersion);
    if (isHttpLocation(t) || t.startsWith('file:')) return t;
    return pathToFileURL(isAbsolute(t) ? t : resolve(this.opts.cwd, t)).href;
  }

  lookup(gvk: Gvk): FoundSchema | null {
    const url = this.target(gvk);
    if (isHttpLocation(url)) {
      const r = this.remote.get(url);
      if (r instanceof SchemaLoadError) throw r;
      return r ?? null;
    }
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

  async prefetch(gvks: readonly Gvk[]): Promise<void> {
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    for (const gvk of gvks) {
      const url = this.target(gvk);
      if (!isHttpLocation(url) || this.remote.has(url)) continue;
      try {
        this.remote.set(url, await fetchWithRefs(doFetch, url));
      } catch (e) {
        this.remote.set(url, e instanceof SchemaLoadError ? e : new SchemaLoadError(url, (e as Error).message));
      }
    }
  }
}

async function fetchWithRefs(doFetch: typeof fetch, url: string): Promise<FoundSchema | null> {
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
