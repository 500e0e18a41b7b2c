// The local schema cache (`$XDG_CACHE_HOME/hops/schemas`, else `~/.cache/hops/schemas`), filled by
// `hops schemas import <crd files|dir>`: one converted JSON Schema per GVK, at <group|core>/<version>/<Kind>.json.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { EXIT, HopsError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { crdVersions, isCrd } from './crd-to-jsonschema.js';
import { gvkKey } from './gvk.js';
import type { Gvk } from './gvk.js';
import { isObject } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import type { FoundSchema, SchemaSource } from './source.js';
import { SchemaLoadError } from './source.js';
import { readYamlDocuments } from './yaml-docs.js';

const CACHE_FORMAT = 1;

interface CacheEntry {
  format: number;
  group: string;
  version: string;
  kind: string;
  /** The file the CRD was imported from. */
  source: string;
  served?: false;
  deprecated?: true;
  schema: JsonSchema;
}

/** Where the schema cache is by default, in words (for help texts): what defaultCacheDir() does. */
export const DEFAULT_CACHE_DIR_TEXT = '$HOPS_SCHEMA_CACHE, else $XDG_CACHE_HOME/hops/schemas, else ~/.cache/hops/schemas';

/** `$HOPS_SCHEMA_CACHE`, else `$XDG_CACHE_HOME/hops/schemas`, else `~/.cache/hops/schemas`. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env['HOPS_SCHEMA_CACHE']) return env['HOPS_SCHEMA_CACHE'];
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return join(base, 'hops', 'schemas');
}

function entryPath(dir: string, gvk: Gvk): string {
  return join(dir, gvk.group || 'core', gvk.version, `${gvk.kind}.json`);
}

export class CacheSource implements SchemaSource {
  readonly name = 'cache';
  constructor(readonly dir: string) {}

  lookup(gvk: Gvk): FoundSchema | null {
    const path = entryPath(this.dir, gvk);
    if (!existsSync(path)) return null;
    let e: CacheEntry;
    try {
      e = JSON.parse(readFileSync(path, 'utf8')) as CacheEntry;
    } catch (err) {
      throw new SchemaLoadError(path, `unreadable cache entry (${(err as Error).message}); run \`hops schemas import\` again`);
    }
    if (e.format !== CACHE_FORMAT || !isObject(e.schema)) throw new SchemaLoadError(path, 'cache entry of another format; run `hops schemas import` again');
    return {
      schema: e.schema,
      origin: `${e.source} (cache)`,
      ...(e.served === false ? { served: false as const } : {}),
      ...(e.deprecated ? { deprecated: true as const } : {}),
    };
  }

  /** Every cached GVK with the file it was imported from. */
  list(): { key: string; source: string }[] {
    const out: { key: string; source: string }[] = [];
    for (const file of walk(this.dir, (n) => n.endsWith('.json'))) {
      try {
        const e = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
        out.push({ key: gvkKey(e), source: e.source });
      } catch {
        // an unreadable entry is reported when it is used
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : 1));
  }
}

export interface ImportResult {
  /** GVK keys written. */
  imported: { key: string; file: string }[];
  /** Files read that held no CustomResourceDefinition with a schema, and YAML errors. */
  findings: Finding[];
}

/**
 * Converts every CRD version in the given texts and writes it to the cache (each entry written whole, then renamed
 * into place). `inputs` are already read: the caller owns the disk access to user files.
 */
export function importCrds(cacheDir: string, inputs: readonly { file: string; text: string }[]): ImportResult {
  const result: ImportResult = { imported: [], findings: [] };
  for (const { file, text } of inputs) {
    const { docs, findings } = readYamlDocuments(text, file);
    result.findings.push(...findings);
    let found = 0;
    for (const doc of docs) {
      const objects = isObject(doc.value) && doc.value['kind'] === 'List' && Array.isArray(doc.value['items']) ? doc.value['items'] : [doc.value];
      for (const obj of objects) {
        if (!isCrd(obj)) continue;
        for (const v of crdVersions(obj)) {
          const entry: CacheEntry = { format: CACHE_FORMAT, group: v.group, version: v.version, kind: v.kind, source: file, schema: v.schema };
          if (!v.served) entry.served = false;
          if (v.deprecated) entry.deprecated = true;
          const path = entryPath(cacheDir, v);
          try {
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(`${path}.tmp`, JSON.stringify(entry) + '\n');
            renameSync(`${path}.tmp`, path);
          } catch (e) {
            const err = e as NodeJS.ErrnoException;
            const done = result.imported.length ? `; ${result.imported.length} schemas were imported before` : '; nothing imported';
            throw new HopsError(`cannot write the schema cache ${cacheDir} (${err.code ?? err.message} at ${err.path ?? path})${done}`, {
              exitCode: EXIT.usage,
              hint: 'give --cache-dir a folder hops can create and write',
            });
          }
          result.imported.push({ key: gvkKey(v), file: relative(cacheDir, path) });
          found++;
        }
      }
    }
    if (found === 0 && findings.length === 0) {
      result.findings.push({
        code: 'no-crd',
        severity: 'warning',
        message: 'no CustomResourceDefinition with an openAPIV3Schema in this file',
        file,
      });
    }
  }
  return result;
}

function walk(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, accept));
    else if (accept(name)) out.push(p);
  }
  return out;
}
