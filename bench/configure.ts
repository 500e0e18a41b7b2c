// `npm run bench configure`: `configure()` rendering in memory (dry run: plan, data, plugins, every template, compare
// with disk; nothing written) on the example repo and on cluster-template. Each repo is skipped when absent.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configure, type ConfigureOptions } from '../src/render/configure.js';
import { checkoutRoot, clusterTemplatePlugin, sharedRoot } from '../test/e2e/configure-support.js';

export const title = 'configure (makejinja render, in memory)';

interface Case {
  name: string;
  options: ConfigureOptions;
}

function cases(tmp: string): Case[] {
  const out: Case[] = [];
  const example = resolve(checkoutRoot(), 'examples/homelab');
  if (existsSync(join(example, 'makejinja.toml'))) {
    out.push({ name: 'examples/homelab', options: { root: example, cwd: example, env: {}, dryRun: true } });
  }
  const shared = sharedRoot();
  if (shared) {
    const repo = join(shared, 'corpus/repos/onedr0p__cluster-template');
    const pluginDir = join(tmp, 'ct-plugin');
    mkdirSync(pluginDir, { recursive: true });
    writeFileSync(join(pluginDir, 'plugin.mjs'), clusterTemplatePlugin(join(shared, 'fixtures/cluster-template')));
    out.push({
      name: 'cluster-template',
      options: {
        root: repo,
        cwd: tmp,
        env: {},
        dryRun: true,
        overrides: { output: join(tmp, 'ct-out'), data: [join(repo, '.github/template-tests/valid/public.toml')], import_paths: [pluginDir] },
      },
    });
  }
  return out;
}

/** Timings per repo: the first run and the median of the next `repeat` runs (each run builds a fresh environment). */
export async function run(repeat = 5): Promise<Array<Record<string, string | number>>> {
  const tmp = mkdtempSync(join(tmpdir(), 'hops-bench-configure-'));
  try {
    const rows: Array<Record<string, string | number>> = [];
    for (const c of cases(tmp)) {
      const times: number[] = [];
      let files = 0;
      let errors = 0;
      for (let i = 0; i <= repeat; i++) {
        const t0 = performance.now();
        const r = await configure(c.options);
        times.push(performance.now() - t0);
        files = r.outputs.size;
        errors = r.findings.filter((f) => f.severity === 'error').length;
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      rows.push({
        repo: c.name,
        files,
        errors,
        'first ms': times[0]!.toFixed(1),
        'median ms': (warm[Math.floor(warm.length / 2)] ?? times[0]!).toFixed(1),
        'ms/file': ((warm[Math.floor(warm.length / 2)] ?? times[0]!) / Math.max(files, 1)).toFixed(2),
      });
    }
    if (rows.length === 0) rows.push({ repo: '(none: examples/homelab and ../shared are absent)' });
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
