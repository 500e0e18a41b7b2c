// Kustomize engine speed: every kustomization dir of each corpus repository built in one process (one load session
// per repository, so shared bases and components are read and parsed once), like a loop of `kubectl kustomize`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sharedDir } from '../test/support/env.js';
import { DiskFS } from '../src/io/fs.js';
import { buildKustomization, newSession, renderYaml } from '../src/kustomize/index.js';

export const title = 'kustomize: build every kustomization dir of each corpus repo in one process';

export interface KustomizeBenchRow {
  repo: string;
  dirs: number;
  built: number;
  failed: number;
  /** Wall time for building (and printing) every dir of the repo. */
  ms: number;
  /** CPU time (user + system) of this process for the same work: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** kubectl kustomize's summed wall time for the same dirs (one process each), from index.tsv. */
  referenceMs: number;
}

export interface KustomizeBenchResult {
  rows: KustomizeBenchRow[];
  /** Peak resident set size of this process, MB. */
  peakRssMb: number;
}

function dirsOf(indexFile: string): { dirs: string[]; referenceMs: number } {
  const lines = readFileSync(indexFile, 'utf8').split('\n').slice(1).filter((l) => l.trim());
  let referenceMs = 0;
  const dirs = lines.map((l) => {
    const cols = l.split('\t');
    referenceMs += Number(cols[3] ?? 0);
    return cols[0] as string;
  });
  return { dirs, referenceMs };
}

/** Builds every dir of the given repos (default: all corpus repos); null when ../shared is absent. */
export function benchKustomize(repos?: string[], root = sharedDir()): KustomizeBenchResult | null {
  if (!root) return null;
  const expected = join(root, 'corpus', 'expected');
  const names = repos ?? readdirSync(expected).sort();
  const rows: KustomizeBenchRow[] = [];
  for (const repo of names) {
    const index = join(expected, repo, 'index.tsv');
    if (!existsSync(index)) continue;
    const { dirs, referenceMs } = dirsOf(index);
    const repoRoot = join(root, 'corpus', 'repos', repo);
    const fs = new DiskFS();
    const session = newSession(fs, 'rootOnly', repoRoot);
    let built = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const dir of dirs) {
      try {
        renderYaml(buildKustomization(fs, dir, { loadRestrictor: 'rootOnly', repoRoot, session }).resources);
        built++;
      } catch {
        // failures are part of the workload (kustomize fails on the same dirs)
      }
    }
    const ms = Math.round(performance.now() - t0);
    const c = process.cpuUsage(c0);
    rows.push({ repo, dirs: dirs.length, built, failed: dirs.length - built, ms, cpuMs: Math.round((c.user + c.system) / 1000), referenceMs: Math.round(referenceMs) });
  }
  return { rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

const sum = (rows: KustomizeBenchRow[], k: 'dirs' | 'built' | 'ms' | 'cpuMs' | 'referenceMs'): number => rows.reduce((n, x) => n + x[k], 0);

/** `npm run bench` entry: one row per repo, the totals, and the peak RSS. */
export async function run(): Promise<Record<string, string | number>[]> {
  const r = benchKustomize();
  if (!r) return [{ note: 'skipped: ../shared is absent' }];
  return [
    ...r.rows.map((x) => ({ repo: x.repo, dirs: x.dirs, built: x.built, ms: x.ms, 'cpu ms': x.cpuMs, 'kubectl loop ms': x.referenceMs })),
    { repo: 'total', dirs: sum(r.rows, 'dirs'), built: sum(r.rows, 'built'), ms: sum(r.rows, 'ms'), 'cpu ms': sum(r.rows, 'cpuMs'), 'kubectl loop ms': sum(r.rows, 'referenceMs') },
    { repo: 'peak RSS (MB)', ms: r.peakRssMb },
  ];
}
