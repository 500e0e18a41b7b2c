// Helm charts on this machine, by name and version — the one lookup `hops diff hr` (to render) and `hops validate`
// (values.schema.json) share. Folders are searched in order: the caller's, `$HOPS_CHART_DIR` (`:`-separated),
// `$XDG_CACHE_HOME/hops/charts` (default ~/.cache/hops/charts) and helm's own download cache
// `$XDG_CACHE_HOME/helm/repository`. A folder may hold, for chart `name`:
//   <name>-<version>.tgz                    `helm pull` (and helm's cache)
//   <name>-<version>/                       whose Chart.yaml has that version
//   <name>/                                 `helm pull --untar`; the version is its Chart.yaml's
//   <name>/<version>/, <name>/<version>/<name>/   `helm pull --untar -d <folder>/<name>/<version>`
// A version range or `*` takes the highest version found; the first folder with a match wins. Nothing is fetched.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ChartWant {
  name: string;
  /** Exact version, a range, '*' or '' (any). */
  version: string;
}

/** `$XDG_CACHE_HOME`, else `~/.cache` (`$HOME`, else the account's home), as the schema cache reads it. */
const cacheBase = (env: Record<string, string | undefined>): string => env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');

/** `$XDG_CACHE_HOME/hops/charts`, else `~/.cache/hops/charts`. */
export function defaultChartCacheDir(env: Record<string, string | undefined>): string {
  return join(cacheBase(env), 'hops', 'charts');
}

/** Chart folders to search, in order: `extra` first, then `$HOPS_CHART_DIR` and the cache folders. */
export function chartDirs(env: Record<string, string | undefined>, extra: readonly string[] = []): string[] {
  const fromEnv = env['HOPS_CHART_DIR'] ? env['HOPS_CHART_DIR'].split(':') : [];
  return [...extra, ...fromEnv, defaultChartCacheDir(env), join(cacheBase(env), 'helm', 'repository')].filter(Boolean);
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

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

/** Charts under `<name>/<version>/` (the chart itself, or the `<name>/` folder `helm pull --untar` makes in it). */
function versionFolders(top: string, name: string, schemaOnly: boolean): Array<{ path: string; version: string }> {
  const out: Array<{ path: string; version: string }> = [];
  for (const v of list(top)) {
    for (const p of [join(top, v), join(top, v, name)]) {
      if (!isDir(p)) continue;
      // a folder with only values.schema.json (all validate reads) counts for validate, its version being the
      // folder's name; helm cannot render it
      const version = chartYamlVersion(p) ?? (schemaOnly && existsSync(join(p, 'values.schema.json')) ? v : undefined);
      if (version !== undefined) out.push({ path: p, version });
    }
  }
  return out;
}

/**
 * The best matching chart (a .tgz or a chart folder) in the search folders, or undefined. `schemaOnly`: a
 * `<name>/<version>/` folder holding only values.schema.json counts too (validate reads nothing else; diff must not
 * hand such a folder to helm, nor let it hide a whole chart in a later folder).
 */
export function findLocalChart(want: ChartWant, dirs: readonly string[], opts: { schemaOnly?: boolean } = {}): string | undefined {
  const found: Array<{ path: string; version: number[] }> = [];
  const add = (path: string, version: string | undefined): void => {
    // `app-template-extra-1.0.0.tgz` is another chart, not a version of app-template
    const parsed = version === undefined ? null : parseVersion(version);
    if (parsed !== null && versionMatches(want.version, version!)) found.push({ path, version: parsed });
  };
  for (const dir of dirs) {
    for (const n of list(dir)) {
      const p = join(dir, n);
      if (n.endsWith('.tgz') && n.startsWith(want.name + '-')) add(p, n.slice(want.name.length + 1, -4));
      else if (n === want.name && isDir(p)) {
        const own = chartYamlVersion(p);
        if (own !== undefined) add(p, own);
        else for (const c of versionFolders(p, want.name, opts.schemaOnly === true)) add(c.path, c.version);
      } else if (n.startsWith(want.name + '-') && isDir(p)) {
        const version = chartYamlVersion(p);
        if (version === n.slice(want.name.length + 1)) add(p, version);
      }
    }
    if (found.length > 0) break; // earlier folders win
  }
  found.sort((a, b) => cmp(b.version, a.version));
  return found[0]?.path;
}
