// The shipped bundle as a schema source: reads schemas/index.json once, then each bundle file on first use (parsed
// files are shared by every registry in the process).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gvkKey } from './gvk.js';
import type { Gvk } from './gvk.js';
import type { JsonSchema } from './keywords.js';
import type { BundleIndex, BundleKindEntry, Scope } from './bundle-format.js';
import { BUNDLE_FORMAT } from './bundle-format.js';
import type { FoundSchema, SchemaSource } from './source.js';
import { SchemaLoadError } from './source.js';

let located: string | null | undefined;

/** `schemas/` at the project root (found upward from this module, so it works from src/ and dist/src/). */
export function defaultBundleDir(): string | null {
  if (located !== undefined) return located;
  let dir = dirname(fileURLToPath(import.meta.url));
  located = null;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'schemas', 'index.json')) && existsSync(join(dir, 'package.json'))) {
      located = join(dir, 'schemas');
      break;
    }
    dir = resolve(dir, '..');
  }
  return located;
}

const parsed = new Map<string, unknown>();

function readJson(path: string): unknown {
  let v = parsed.get(path);
  if (v === undefined) {
    try {
      v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (e) {
      throw new SchemaLoadError(path, `cannot read the schema bundle (${(e as Error).message}); reinstall hops`);
    }
    parsed.set(path, v);
  }
  return v;
}

export class BundleSource implements SchemaSource {
  readonly name = 'bundle';
  private indexCache: BundleIndex | undefined;

  constructor(readonly dir: string) {}

  get index(): BundleIndex {
    if (!this.indexCache) {
      const idx = readJson(join(this.dir, 'index.json')) as BundleIndex;
      if (idx.format !== BUNDLE_FORMAT) throw new SchemaLoadError(this.dir, `bundle format ${idx.format} is not ${BUNDLE_FORMAT}`);
      this.indexCache = idx;
    }
    return this.indexCache;
  }

  get kubernetesVersion(): string {
    return this.index.kubernetesVersion;
  }

  entry(gvk: Gvk): BundleKindEntry | undefined {
    return this.index.kinds[gvkKey(gvk)];
  }

  lookup(gvk: Gvk): FoundSchema | null {
    const e = this.entry(gvk);
    if (!e) return null;
    const flags = { ...(e.served === false ? { served: false as const } : {}), ...(e.deprecated ? { deprecated: true as const } : {}), ...(e.legacy ? { legacy: true as const } : {}) };
    const file = join(this.dir, e.file);
    const id = `https://hops.invalid/schemas/${e.file}`;
    const shared = [{ id, load: () => readJson(file) as JsonSchema }];
    if (e.def !== undefined) {
      return { schema: { $ref: `${id}#/definitions/${e.def}` }, shared, origin: `Kubernetes ${this.kubernetesVersion} (bundled)`, ...flags };
    }
    const name = `${gvk.version}/${gvk.kind}`;
    const doc = readJson(file) as { kinds?: Record<string, unknown> };
    if (!doc.kinds?.[name]) throw new SchemaLoadError(file, `bundle index lists ${gvkKey(gvk)} but the file lacks it; reinstall hops`);
    return { schema: { $ref: `${id}#/kinds/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` }, shared, origin: `${e.source ?? e.file} (bundled)`, ...flags };
  }

  /** Namespaced or Cluster, for a kind the bundle has. */
  scopeOf(gvk: Gvk): Scope | undefined {
    return this.entry(gvk)?.scope;
  }

  /** Every GVK key in the bundle with its entry, sorted. */
  list(): [string, BundleKindEntry][] {
    return Object.entries(this.index.kinds);
  }
}
