// Where a HelmRelease's chart can be found without the network. In order:
// 1. a chart in this repository (spec.chart.spec.chart is a path and the source is this GitRepository): a chart
//    folder or a .tgz, read from the side being rendered (so a git ref renders its own copy of the chart);
// 2. chart folders given by the caller (`--chart-dir`), then `$HOPS_CHART_DIR`, `$XDG_CACHE_HOME/hops/charts`
//    (default ~/.cache/hops/charts) and helm's own download cache `$XDG_CACHE_HOME/helm/repository`, holding
//    `<name>-<version>.tgz` or a `<name>-<version>/` or `<name>/` folder whose Chart.yaml has that version.
// A version range or `*` takes the highest version found. Nothing is fetched.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';

export interface ChartWant {
  name: string;
  /** Exact version, a range, '*' or '' (any). */
  version: string;
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const m = (v: unknown): YMap => (isMap(v) ? v : {});

/** Chart folders to search, in order. */
export function chartDirs(env: Record<string, string | undefined>, extra: readonly string[] = []): string[] {
  const cache = env['XDG_CACHE_HOME'] || (env['HOME'] ? join(env['HOME'], '.cache') : '');
  return [...extra, ...(env['HOPS_CHART_DIR'] ? env['HOPS_CHART_DIR'].split(':') : []), ...(cache ? [join(cache, 'hops', 'charts'), join(cache, 'helm', 'repository')] : [])].filter(Boolean);
}

function parseVersion(v: string): number[] | null {
  const mm = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
  return mm ? [Number(mm[1]), Number(mm[2]), Number(mm[3]), mm[4] ? 0 : 1] : null;
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Whether `version` satisfies `want` (exact, `*`/empty, or a simple range like `>=1.2.0 <2.0.0`, `1.x`). */
export function versionMatches(want: string, version: string): boolean {
  const w = want.trim();
  if (w === '' || w === '*' || w === 'x') return true;
  if (w === version || 'v' + w === version || w === 'v' + version) return true;
  const have = parseVersion(version);
  if (!have) return false;
  return w.split('||').some((alt) =>
    alt.trim().split(/[\s,]+/).filter(Boolean).every((c) => {
      const x = /^(>=|<=|>|<|=|~|\^)?\s*v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(-[0-9A-Za-z.-]+)?$/.exec(c);
      if (!x) return false;
      const op = x[1] ?? '';
      const parts = [x[2], x[3], x[4]];
      const wild = parts.findIndex((p) => p === undefined || p === 'x' || p === '*');
      const nums = parts.map((p) => (p === undefined || p === 'x' || p === '*' ? 0 : Number(p)));
      const base = [...nums, x[5] ? 0 : 1];
      if (op === '' || op === '=') {
        if (wild < 0) return cmp(have, base) === 0;
        return parts.slice(0, wild).every((p, i) => Number(p) === have[i]);
      }
      if (op === '~' || op === '^') {
        const fixed = op === '~' ? (wild < 0 || wild > 1 ? 2 : wild) : nums[0] === 0 ? 2 : 1;
        return cmp(have, base) >= 0 && nums.slice(0, fixed).every((n, i) => n === have[i]);
      }
      const c0 = cmp(have, base);
      return op === '>=' ? c0 >= 0 : op === '>' ? c0 > 0 : op === '<=' ? c0 <= 0 : c0 < 0;
    }),
  );
}

function chartYamlVersion(dir: string): string | undefined {
  const f = join(dir, 'Chart.yaml');
  if (!existsSync(f)) return undefined;
  return /^version:\s*["']?([^"'\s]+)/m.exec(readFileSync(f, 'utf8'))?.[1];
}

/** The best matching chart in the search folders, or undefined. */
export function findCachedChart(want: ChartWant, dirs: readonly string[]): string | undefined {
  const found: Array<{ path: string; version: number[] }> = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const p = join(dir, n);
      let version: string | undefined;
      if (n.endsWith('.tgz') && n.startsWith(want.name + '-')) version = n.slice(want.name.length + 1, -4);
      else if (n === want.name || n.startsWith(want.name + '-')) {
        if (!statSync(p).isDirectory()) continue;
        version = chartYamlVersion(p);
        if (n !== want.name && version !== n.slice(want.name.length + 1)) continue;
      }
      // `app-template-extra-1.0.0.tgz` is another chart, not a version of app-template
      const parsed = version === undefined ? null : parseVersion(version);
      if (parsed === null || !versionMatches(want.version, version!)) continue;
      found.push({ path: p, version: parsed });
    }
    if (found.length > 0) break; // earlier folders win
  }
  found.sort((a, b) => cmp(b.version, a.version));
  return found[0]?.path;
}

export interface ChartRefInfo {
  want?: ChartWant;
  /** A path inside this repository (GitRepository/Bucket source that is this repository). */
  repoPath?: string;
  /** Why the chart cannot be located, when it cannot. */
  problem?: string;
}

/**
 * What chart a HelmRelease asks for. `objects` are the built objects of the same side (to read an OCIRepository
 * named by chartRef); `isRepoSource` tells whether a GitRepository name is this repository.
 */
export function chartOf(hr: YMap, objects: readonly YMap[], isRepoSource: (name: string) => boolean): ChartRefInfo {
  const spec = m(hr['spec']);
  const ns = s(m(hr['metadata'])['namespace']);
  if (isMap(spec['chartRef'])) {
    const ref = m(spec['chartRef']);
    const refNs = s(ref['namespace']) || ns;
    const src = objects.find((o) => o['kind'] === s(ref['kind']) && s(m(o['metadata'])['name']) === s(ref['name']) && (s(m(o['metadata'])['namespace']) || ns) === refNs);
    if (!src) return { problem: `its chartRef ${s(ref['kind'])}/${refNs}/${s(ref['name'])} is not in the build` };
    if (s(ref['kind']) === 'HelmChart') {
      const hc = m(src['spec']);
      return { want: { name: s(hc['chart']), version: s(hc['version']) } };
    }
    const url = s(m(src['spec'])['url']).replace(/\/+$/, '');
    const oref = m(m(src['spec'])['ref']);
    return { want: { name: url.slice(url.lastIndexOf('/') + 1), version: s(oref['tag']) || s(oref['semver']) } };
  }
  const cs = m(m(spec['chart'])['spec']);
  const chart = s(cs['chart']);
  if (!chart) return { problem: 'it names no chart' };
  const srcRef = m(cs['sourceRef']);
  const kind = s(srcRef['kind']);
  if ((kind === 'GitRepository' || kind === 'Bucket') && isRepoSource(s(srcRef['name']))) return { repoPath: posix.normalize(chart.replace(/^\.?\//, '')) };
  if (kind === 'GitRepository' || kind === 'Bucket') return { problem: `its chart comes from ${kind}/${s(srcRef['name'])}, another repository` };
  return { want: { name: chart.slice(chart.lastIndexOf('/') + 1), version: s(cs['version']) } };
}
