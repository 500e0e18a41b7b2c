// The charts validate reads values.schema.json and values.yaml from: the local chart folders `hops diff hr` renders
// from too (io/local-charts.ts: `--chart-cache-dir`, `$HOPS_CHART_DIR`, ~/.cache/hops/charts, helm's cache), as a
// `.tgz` (read in-process) or an unpacked folder. Users fill them with `helm pull`; hops itself never downloads charts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findLocalChart } from '../io/local-charts.js';
import { readTarGz } from '../io/tar-gz.js';

export { chartDirs } from '../io/local-charts.js';

export interface CachedChart {
  /** The chart folder or archive. */
  dir: string;
  /** Where values.schema.json is, for messages (`<archive>:<chart>/values.schema.json` in an archive). */
  schemaFile: string;
  /** values.schema.json text, when the chart has one. */
  schema?: string;
  /** values.yaml text (the chart's defaults). */
  values?: string;
  /** Why the chart could not be read (a corrupt archive). */
  problem?: string;
}

/** The chart's own files (not its subcharts'): `<top>/<file>` in the archive, the top folder being the chart's. */
function fromArchive(path: string): CachedChart {
  const chart: CachedChart = { dir: path, schemaFile: `${path}:values.schema.json` };
  let files: Map<string, Buffer>;
  try {
    files = readTarGz(readFileSync(path), (p) => /^[^/]+\/(?:values\.schema\.json|values\.yaml)$/.test(p.replace(/^\.\//, '')));
  } catch (e) {
    return { ...chart, problem: e instanceof Error ? e.message : String(e) };
  }
  for (const [p, data] of files) {
    const rel = p.replace(/^\.\//, '');
    if (rel.endsWith('/values.schema.json')) {
      chart.schema = data.toString('utf8');
      chart.schemaFile = `${path}:${rel}`;
    } else chart.values = data.toString('utf8');
  }
  return chart;
}

function fromFolder(dir: string): CachedChart {
  const read = (f: string): string | undefined => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
  const chart: CachedChart = { dir, schemaFile: join(dir, 'values.schema.json') };
  const schema = read('values.schema.json');
  const values = read('values.yaml');
  if (schema !== undefined) chart.schema = schema;
  if (values !== undefined) chart.values = values;
  return chart;
}

/** The values.schema.json and values.yaml of chart `name` at `version` (a range takes the highest match) in the first of `dirs` that has it, read; undefined when none has it. */
export function readCachedChart(dirs: readonly string[], name: string, version: string): CachedChart | undefined {
  const path = findLocalChart({ name, version }, dirs, { schemaOnly: true });
  if (path === undefined) return undefined;
  return path.endsWith('.tgz') ? archiveOnce(path) : fromFolder(path);
}

/**
 * Many HelmReleases use one chart (app-template): its archive is unzipped once per process and version of the file
 * (path, size and mtime), not once per release; a chart replaced in place is read again.
 */
const archives = new Map<string, CachedChart>();
function archiveOnce(path: string): CachedChart {
  let key = path;
  try {
    const st = statSync(path);
    key = `${path}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return fromArchive(path); // gone meanwhile: let the read say why
  }
  let chart = archives.get(key);
  if (!chart) archives.set(key, (chart = fromArchive(path)));
  return chart;
}
