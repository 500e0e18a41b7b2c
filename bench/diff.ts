// `hops diff` speed on gavinmcfall/home-ops (a git repository made from the corpus copy, in a temp folder):
// a one-file change (a HelmRelease value) in changed-only mode, a cluster-wide change (a cluster-settings variable
// every app reads), and a full diff (every Kustomization built on both sides), each against HEAD. In-process runs
// (the first one cold) and a fresh `hops diff` process for the one-file case, since that is what a user waits for.
// Targets: one-file < 1 s, full < 3 s.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot, sharedDir } from '../test/support/env.js';
import { diff } from '../src/diff/diff.js';
import type { DiffOptions } from '../src/diff/diff.js';

export const title = 'diff: hops diff on gavinmcfall/home-ops against HEAD (targets: one file < 1 s, full < 3 s)';

const REPO = 'gavinmcfall__home-ops';
const HR = 'kubernetes/apps/home/paperless/app/helmrelease.yaml';
const SETTINGS = 'kubernetes/components/common/cluster-vars/cluster-settings.yaml';

type Row = Record<string, string | number>;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
}

const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** CPU milliseconds of waited-for children so far (Linux: cutime + cstime of /proc/self/stat); null elsewhere. */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 16 and 17 (1-based) are cutime and cstime in clock ticks; the list here starts at field 3
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

export async function run(): Promise<Row[]> {
  const shared = sharedDir();
  const src = shared ? join(shared, 'corpus/repos', REPO) : '';
  if (!shared || !existsSync(src)) return [{ case: `skipped: ${REPO} not in the shared corpus` }];
  const parent = mkdtempSync(join(tmpdir(), 'hops-bench-diff-'));
  const root = join(parent, REPO);
  try {
    cpSync(src, root, { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    const original = { hr: readFileSync(join(root, HR), 'utf8'), settings: readFileSync(join(root, SETTINGS), 'utf8') };
    const opts: DiffOptions = { root, base: { ref: 'HEAD' }, env: { HOME: '/nonexistent' } };
    const rows: Row[] = [];
    const measure = async (name: string, extra: Partial<DiffOptions>, times: number): Promise<void> => {
      const ms: number[] = [];
      const cpu: number[] = [];
      let last;
      for (let i = 0; i < times; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        last = await diff({ mode: 'all' }, { ...opts, ...extra });
        ms.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const median = (xs: number[]): number => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
      rows.push({
        case: name,
        'first ms': Math.round(ms[0]!),
        'median ms': median(ms),
        'first cpu ms': Math.round(cpu[0]!),
        'median cpu ms': median(cpu),
        objects: last!.objects.length,
        'built (before+after)': `${last!.stats.builtBefore}+${last!.stats.builtAfter}`,
        'peak RSS MB': rssMb(),
      });
    };

    writeFileSync(join(root, HR), original.hr.replace('tag: 8.30.1', 'tag: 8.31.0'));
    await measure('one file (HelmRelease value), changed-only', {}, 5);
    const cli = join(projectRoot, 'bin/hops.js');
    if (existsSync(join(projectRoot, 'dist/src/cli/index.js'))) {
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 3; i++) {
        const c0 = childCpuMs();
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [cli, 'diff', '--exit-zero'], { cwd: root, env: { ...process.env, HOME: '/nonexistent' } });
        ms.push(performance.now() - t0);
        const c1 = childCpuMs();
        if (c0 !== null && c1 !== null) cpu.push(c1 - c0); // includes the git processes hops runs
        if (r.status !== 0) throw new Error(`hops diff failed: ${r.stderr.toString()}`);
      }
      const mid = (xs: number[]): number => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
      rows.push({
        case: 'one file, fresh `hops diff` process',
        'first ms': Math.round(ms[0]!),
        'median ms': mid(ms),
        ...(cpu.length ? { 'first cpu ms': Math.round(cpu[0]!), 'median cpu ms': mid(cpu) } : {}),
        objects: 1,
      });
    }
    await measure('one file, full (everything built on both sides)', { full: true }, 3);
    writeFileSync(join(root, HR), original.hr);
    writeFileSync(join(root, SETTINGS), original.settings.replace('TIMEZONE: Pacific/Auckland', 'TIMEZONE: Europe/Berlin'));
    await measure('cluster-settings variable, changed-only', {}, 3);
    // wall times on a busy machine are not the tool's: say how busy it was
    rows.push({ case: `load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores` });
    return rows;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
