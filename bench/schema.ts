// Schema validation speed: every YAML document of one large corpus repository, read and validated as plain manifests
// (kubeconform -strict style), first with a cold registry (schemas loaded and compiled on demand), then warm.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedDir } from '../test/support/env.js';
import { SchemaRegistry, manifestFiles, manifestResources, validateManifests, validateResources } from '../src/schema/index.js';
import type { ManifestText } from '../src/schema/index.js';

export const title = 'schema: validate every document of one corpus repo (plain manifests, kubeconform -strict)';

export interface SchemaBenchResult {
  repo: string;
  files: number;
  documents: number;
  findings: number;
  errors: number;
  /** Read + parse + validate with a fresh registry (schemas loaded and compiled lazily). */
  coldMs: number;
  /** The same texts again, validators cached. */
  warmMs: number;
  /** Peak resident set size of this process so far, MB. */
  peakRssMb: number;
}

/** Validates every .yaml/.yml file of `repo` (a folder under corpus/repos) and measures it. */
export async function benchSchema(repo = 'gavinmcfall__home-ops', root = sharedDir()): Promise<SchemaBenchResult | null> {
  if (!root) return null;
  const dir = join(root, 'corpus', 'repos', repo);
  const files = manifestFiles([dir]).filter((f) => /\.ya?ml$/i.test(f));
  const t0 = performance.now();
  const texts: ManifestText[] = files.map((f) => ({ file: relative(dir, f), text: readFileSync(f, 'utf8') }));
  const registry = new SchemaRegistry();
  const read = texts.map(manifestResources);
  const findings = read.flatMap((r) => r.findings);
  const resources = read.flatMap((r) => r.resources);
  findings.push(...(await validateResources(resources, { registry, allowPlaceholders: true })));
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await validateManifests(texts, { registry, allowPlaceholders: true });
  const warmMs = performance.now() - t1;
  return {
    repo,
    files: files.length,
    documents: resources.length,
    findings: findings.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    coldMs: Math.round(coldMs),
    warmMs: Math.round(warmMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export async function run(): Promise<Record<string, string | number>[]> {
  const r = await benchSchema();
  if (!r) return [{ note: 'skipped: ../shared is absent' }];
  return [{ repo: r.repo, files: r.files, documents: r.documents, findings: r.findings, errors: r.errors, 'cold ms': r.coldMs, 'warm ms': r.warmMs, 'peak RSS MB': r.peakRssMb }];
}
