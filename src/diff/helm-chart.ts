// Where a HelmRelease's chart can be found without the network. In order:
// 1. a chart in this repository (spec.chart.spec.chart is a path and the source is this GitRepository): a chart
//    folder or a .tgz, read from the side being rendered (so a git ref renders its own copy of the chart);
// 2. chart folders given by the caller (`--chart-dir`), then the local chart folders `hops validate` reads too
//    (io/local-charts.ts: `$HOPS_CHART_DIR`, ~/.cache/hops/charts, helm's cache; archives and folders).
// Nothing is fetched.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import type { ChartWant } from '../io/local-charts.js';

export { chartDirs, findLocalChart as findChartPath, versionMatches } from '../io/local-charts.js';
export type { ChartWant } from '../io/local-charts.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const m = (v: unknown): YMap => (isMap(v) ? v : {});

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
