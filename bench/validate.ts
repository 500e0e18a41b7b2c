// Whole-repository `validate` (build of every Flux Kustomization included) per corpus repository, each in a fresh
// process as the CLI runs it: first run (modules loaded, schemas compiled on demand), a second run in the same process
// with the compiled schemas kept, and the process's peak RSS. Beside it, kubectl kustomize's summed time for the repo's kustomization dirs (one process
// each, from corpus/expected/<repo>/index.tsv); kubeconform is not available offline here. Goal: gavinmcfall under 2 s.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../test/support/env.js';

export const title = 'validate: whole repository (build + schemas + rules), one fresh process per corpus repo';

export interface ValidateBenchRow {
  repo: string;
  kustomizations: number;
  resources: number;
  errors: number;
  warnings: number;
  /** First validate() in a fresh process (modules already loaded). */
  firstMs: number;
  /** A second validate() in the same process, reusing the compiled schemas. */
  againMs: number;
  peakRssMb: number;
  /** The first run's time by phase. */
  buildMs: number;
  schemaMs: number;
  rulesMs: number;
  /** kubectl kustomize, summed over the repo's kustomization dirs (one process each). */
  kubectlKustomizeMs: number | null;
}

const validateModule = fileURLToPath(new URL('../src/validate/index.js', import.meta.url));
const schemaModule = fileURLToPath(new URL('../src/schema/index.js', import.meta.url));

// the second run reuses the first one's schema registry (compiled validators), as a long-lived dashboard would
const CHILD = `
const { validate } = await import(process.argv[1]);
const { SchemaRegistry } = await import(process.argv[3]);
const root = process.argv[2];
const opts = { root, env: {}, chartCacheDir: null, cacheDir: null, registry: new SchemaRegistry({ cacheDir: null }) };
let t = performance.now();
const r = await validate(opts);
const firstMs = performance.now() - t;
t = performance.now();
await validate(opts);
const againMs = performance.now() - t;
process.stdout.write(JSON.stringify({ firstMs, againMs, summary: r.summary, rss: process.resourceUsage().maxRSS }));
`;

function referenceMs(root: string, repo: string): number | null {
  const index = join(root, 'corpus', 'expected', repo, 'index.tsv');
  if (!existsSync(index)) return null;
  const rows = readFileSync(index, 'utf8').split('\n').slice(1).filter((l) => l.trim());
  return Math.round(rows.reduce((s, l) => s + Number(l.split('\t')[3] ?? 0), 0));
}

/** Validates each repo (default: every corpus repo) in its own process; null when ../shared is absent. */
export function benchValidate(repos?: string[], root = sharedDir()): ValidateBenchRow[] | null {
  if (!root) return null;
  const base = join(root, 'corpus', 'repos');
  const rows: ValidateBenchRow[] = [];
  for (const repo of repos ?? readdirSync(base).sort()) {
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, validateModule, join(base, repo), schemaModule], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (p.status !== 0) throw new Error(`validate ${repo} failed: ${p.stderr}`);
    const out = JSON.parse(p.stdout) as { firstMs: number; againMs: number; rss: number; summary: { kustomizations: number; resources: number; errors: number; warnings: number; phases: { buildMs: number; schemaMs: number; rulesMs: number } } };
    rows.push({
      repo,
      kustomizations: out.summary.kustomizations,
      resources: out.summary.resources,
      errors: out.summary.errors,
      warnings: out.summary.warnings,
      firstMs: Math.round(out.firstMs),
      againMs: Math.round(out.againMs),
      peakRssMb: Math.round(out.rss / 1024),
      ...out.summary.phases,
      kubectlKustomizeMs: referenceMs(root, repo),
    });
  }
  return rows;
}

export async function run(): Promise<Record<string, string | number>[]> {
  const rows = benchValidate();
  if (!rows) return [{ note: 'skipped: ../shared is absent' }];
  return rows.map((r) => ({
    repo: r.repo,
    ks: r.kustomizations,
    resources: r.resources,
    errors: r.errors,
    warnings: r.warnings,
    'first ms': r.firstMs,
    'build/schema/rules ms': `${r.buildMs}/${r.schemaMs}/${r.rulesMs}`,
    'again ms': r.againMs,
    'peak RSS MB': r.peakRssMb,
    'kubectl kustomize Σ ms': r.kubectlKustomizeMs ?? '-',
    goal: r.repo === 'gavinmcfall__home-ops' ? (r.firstMs < 2000 ? 'ok (< 2 s)' : 'MISSED (< 2 s)') : '',
  }));
}
