// The façades behind `hops schemas import` and `hops schemas list`: fill the local cache from CRD files, and list
// what the cache and the shipped bundle provide.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BundleSource, defaultBundleDir } from './bundle.js';
import { CacheSource, importCrds } from './cache.js';
import type { ImportResult } from './cache.js';
import { manifestFiles } from './manifest-inputs.js';

/** Reads CRD files (folders walked for .yaml/.yml/.json) and imports every schema they define into `cacheDir`. */
export function importSchemas(paths: readonly string[], opts: { cacheDir: string; cwd: string }): ImportResult {
  const inputs = manifestFiles(paths, opts.cwd).map((f) => {
    const rel = relative(opts.cwd, f);
    return { file: rel && !rel.startsWith('..') ? rel.split('\\').join('/') : f, text: readFileSync(f, 'utf8') };
  });
  return importCrds(opts.cacheDir, inputs);
}

export interface SchemaListEntry {
  /** `apps/v1/Deployment`. */
  gvk: string;
  origin: 'cache' | 'bundle';
  /** Upstream source (bundle) or the imported file (cache). */
  source: string;
  notes: string[];
}

/** Every GVK the cache and the bundle know (a cached GVK shadows the bundled one), optionally filtered by substring. */
export function listSchemas(opts: { cacheDir?: string | null; bundleDir?: string | null; filter?: string }): SchemaListEntry[] {
  const out = new Map<string, SchemaListEntry>();
  const bundleDir = opts.bundleDir === undefined ? defaultBundleDir() : opts.bundleDir;
  if (bundleDir) {
    const bundle = new BundleSource(bundleDir);
    for (const [gvk, e] of bundle.list()) {
      const notes: string[] = [];
      if (e.served === false) notes.push('not served');
      if (e.deprecated) notes.push('deprecated');
      if (e.legacy) notes.push('removed upstream');
      out.set(gvk, { gvk, origin: 'bundle', source: e.source ?? `Kubernetes ${bundle.kubernetesVersion}`, notes });
    }
  }
  if (opts.cacheDir) {
    for (const { key, source } of new CacheSource(opts.cacheDir).list()) out.set(key, { gvk: key, origin: 'cache', source, notes: [] });
  }
  const needle = opts.filter?.toLowerCase();
  return [...out.values()]
    .filter((e) => !needle || e.gvk.toLowerCase().includes(needle))
    .sort((a, b) => (a.gvk < b.gvk ? -1 : a.gvk > b.gvk ? 1 : 0));
}
