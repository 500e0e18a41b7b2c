// Picks the existing app the new one is modelled on: an app of the same chart whose layout, file names and chart
// source are the repository's most common ones, preferring the target namespace and apps that already use what the
// new one needs (a volume component, a route, an ExternalSecret).
import { posix } from 'node:path';
import { HopsError } from '../core/errors.js';
import type { AppInfo } from './apps.js';
import { appFiles } from './apps.js';
import { toPattern } from './patterns.js';
import { majority } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';
import type { VolumeComponent } from './volume-component.js';
import { volumeUse } from './volume-component.js';

export interface SiblingWish {
  namespace: string;
  /** Chart name to prefer (default: the chart most apps use). */
  chartName?: string;
  persistence: boolean;
  route: boolean;
  externalSecret: boolean;
}

export interface Layout {
  /** `{ns}`/`{app}` patterns; ksFile undefined for repositories without a Flux Kustomization per app. */
  ksFile?: string;
  appDir: string;
  /** The kustomization file that lists the app (its ks file, or its folder). */
  wiring: string;
  /** The entry written there, e.g. `./{app}/ks.yaml`, `{app}`, `./{app}.yaml`. */
  entry: string;
}

export function layoutOf(app: AppInfo): Layout | undefined {
  if (!app.wiredBy || !app.chart) return undefined;
  if (app.folder === app.namespace || !app.namespace) return undefined;
  const n = { app: app.folder, ns: app.namespace };
  const appDir = toPattern(app.appDir, n);
  if (!appDir.includes('{app}')) return undefined;
  const wiring = toPattern(app.wiredBy.kust.file, n);
  const entry = toPattern(app.wiredBy.entry.replace(/\/+$/, ''), n);
  if (!entry.includes('{app}')) return undefined;
  if (app.ks) {
    if (app.ksDocsInFile !== 1) return undefined;
    const ksFile = toPattern(app.ks.file, n);
    if (!ksFile.includes('{app}')) return undefined;
    return { ksFile, appDir, wiring, entry };
  }
  return { appDir, wiring, entry };
}

const layoutKey = (l: Layout): string => `${l.ksFile ?? 'flat'}|${l.appDir}|${l.wiring}|${l.entry}`;

/**
 * The chart most apps use (by name). Apps named after their chart (cert-manager, cilium) do not count: the default
 * is the general-purpose chart apps of all kinds share, such as bjw-s app-template.
 */
export function usualChart(apps: readonly AppInfo[]): string | undefined {
  const withChart = apps.filter((a) => a.chart && layoutOf(a));
  const generic = withChart.filter((a) => !a.name.includes(a.chart!.name) && !a.chart!.name.includes(a.name));
  return majority((generic.length ? generic : withChart).map((a) => a.chart!.name));
}

export function chooseSibling(idx: RepoIndex, apps: readonly AppInfo[], wish: SiblingWish, components: Map<string, VolumeComponent>): { app: AppInfo; layout: Layout } {
  const usable = apps.map((app) => ({ app, layout: layoutOf(app) })).filter((x): x is { app: AppInfo; layout: Layout } => x.layout !== undefined);
  if (usable.length === 0) {
    throw new HopsError(`found no app to learn this repository's conventions from in ${idx.root}`, {
      hint: 'hops new app models the new app on an existing HelmRelease that a kustomization file lists; add one by hand first',
    });
  }
  const chartName = wish.chartName ?? usualChart(apps)!;
  let pool = usable.filter((x) => x.app.chart!.name === chartName);
  if (pool.length === 0) pool = usable; // a chart new to the repository: learn the layout from any app

  const usualLayout = majority(pool.map((x) => layoutKey(x.layout)));
  const usualHrFile = majority(pool.map((x) => posix.basename(x.app.hr.file)));
  const usualStyle = majority(pool.map((x) => x.app.chart!.style));
  const nsExists = pool.some((x) => x.app.namespace === wish.namespace);
  const anyVolume = pool.some((x) => volumeUse(idx, x.app, components));

  let best: { app: AppInfo; layout: Layout; score: number } | undefined;
  for (const x of pool) {
    // another namespace's app only serves when its paths name the namespace, so they can name the new one
    if (x.app.namespace !== wish.namespace && !(x.layout.appDir.includes('{ns}') && x.layout.wiring.includes('{ns}'))) continue;
    let score = 0;
    if (layoutKey(x.layout) === usualLayout) score += 2;
    if (posix.basename(x.app.hr.file) === usualHrFile) score += 2;
    if (x.app.chart!.style === usualStyle) score += 2;
    if (nsExists && x.app.namespace === wish.namespace) score += 3;
    if (wish.persistence && anyVolume && volumeUse(idx, x.app, components)) score += 2;
    const values = (x.app.hr.object['spec'] as { values?: Record<string, unknown> } | undefined)?.values ?? {};
    if (wish.route && (values['route'] || values['ingress'])) score += 1;
    const files = appFiles(idx, x.app);
    if (wish.externalSecret && files.some((f) => f.kinds.includes('ExternalSecret'))) score += 1;
    // simpler apps carry fewer one-off details
    score -= files.length * 0.01;
    if (!best || score > best.score) best = { ...x, score };
  }
  if (!best) {
    throw new HopsError(`found no app whose folder layout names its namespace, so ${wish.namespace} cannot be laid out like the others`, {
      hint: `create kubernetes/apps/${wish.namespace}/ by hand (namespace and kustomization), then run hops new app again`,
    });
  }
  return { app: best.app, layout: best.layout };
}
