// The local chart cache: unpacked charts under `<dir>/<chart>/<version>/` (the files of the chart, or the chart folder
// `helm pull --untar` makes inside it). Only values.schema.json and values.yaml are read. Users fill it with `helm
// pull --untar`; hops itself never downloads charts.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultChartCacheDir(env: Record<string, string | undefined>): string {
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return join(base, 'hops', 'charts');
}

export interface CachedChart {
  dir: string;
  /** values.schema.json text, when the chart has one. */
  schema?: string;
  /** values.yaml text (the chart's defaults). */
  values?: string;
}

/** The cached chart `name` at `version`, or undefined. Versions are tried as written and without a leading `v`. */
export function findCachedChart(cacheDir: string, name: string, version: string): CachedChart | undefined {
  for (const v of new Set([version, version.replace(/^v/, '')])) {
    for (const dir of [join(cacheDir, name, v), join(cacheDir, name, v, name)]) {
      if (!existsSync(join(dir, 'Chart.yaml')) && !existsSync(join(dir, 'values.schema.json'))) continue;
      const read = (f: string): string | undefined => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
      const chart: CachedChart = { dir };
      const schema = read('values.schema.json');
      const values = read('values.yaml');
      if (schema !== undefined) chart.schema = schema;
      if (values !== undefined) chart.values = values;
      return chart;
    }
  }
  return undefined;
}
