// Which chart the new app installs, from where, at which version: `--chart` (or the chart most apps use), the way
// this repository references that chart (an OCIRepository per app, a shared one, or a HelmRepository), and a pinned
// version (`--version`, else what the repository's apps pin, else the registry's newest with `--online`).
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import { checkChartVersion } from './app-spec.js';
import type { AppInfo, ChartStyle } from './apps.js';
import { SOURCE_GROUP } from '../flux/model.js';
import { newestHelmVersion, newestOciTag } from './online.js';
import type { Fetch } from './online.js';
import { docsOfKind, majority, map, metaName, metaNamespace, str } from './repo-scan.js';
import type { RepoIndex, ScannedDoc } from './repo-scan.js';
import { usualChart } from './sibling.js';

export interface ChartRequest {
  chart?: string;
  version?: string;
  allowFloating?: boolean;
  online?: boolean;
  fetch?: Fetch;
}

export interface ResolvedChart {
  name: string;
  style: ChartStyle;
  version: string;
  /** OCI URL of the chart, or the HelmRepository URL. */
  url: string;
  /** OCIRepository name (per app: filled in later from the sibling), shared OCIRepository or HelmRepository name. */
  sourceName: string;
  sourceNamespace: string;
  /** An OCIRepository document to model the new one on (oci-local). */
  modelSource?: ScannedDoc;
  /** Why this chart/version: said to the user. */
  notes: string[];
}

export async function resolveChart(idx: RepoIndex, apps: readonly AppInfo[], req: ChartRequest): Promise<ResolvedChart> {
  const notes: string[] = [];
  const c = req.chart;
  let name: string;
  let url = '';
  let explicit: ChartStyle | undefined;
  let helmRepo: ScannedDoc | undefined;
  if (!c) {
    const usual = usualChart(apps);
    if (!usual) throw new UsageError('no chart in use in this repository to default to', 'give --chart oci://… or --chart <helmrepository>/<chart>');
    name = usual;
  } else if (c.startsWith('oci://')) {
    url = c.replace(/\/+$/, '');
    name = url.split('/').pop()!;
    explicit = 'oci-local';
  } else if (c.includes('/')) {
    const [repoName, chartName] = c.split('/', 2) as [string, string];
    const repos = docsOfKind(idx, 'HelmRepository', SOURCE_GROUP);
    helmRepo = repos.find((d) => metaName(d.object) === repoName);
    if (!helmRepo) {
      const known = [...new Set(repos.map((d) => metaName(d.object)))].sort();
      throw new UsageError(`no HelmRepository named ${repoName} in this repository`, known.length ? `known: ${known.join(', ')}; or give --chart oci://…` : 'give --chart oci://registry/path/chart');
    }
    name = chartName;
    url = str(map(helmRepo.object['spec'])['url']);
    explicit = 'helmrepo';
  } else {
    name = c;
    if (!apps.some((a) => a.chart?.name === name)) {
      throw new UsageError(`no app in this repository uses a chart named ${name}`, 'give --chart oci://registry/path/chart or --chart <helmrepository>/<chart>');
    }
  }

  // how the repository's apps reference this chart
  const users = apps.filter((a) => a.chart && a.chart.name === name && (!url || explicit === 'helmrepo' || a.chart.url === url || a.chart.style === 'helmrepo'));
  const sameKind = users.filter((a) => !explicit || a.chart!.style === explicit || (explicit === 'oci-local' && a.chart!.style === 'oci-shared'));
  const usual = majority(sameKind.map((a) => a.chart!), (ch) => `${ch.style}|${ch.version}|${ch.sourceName}|${ch.url}`);
  let style: ChartStyle = explicit ?? usual?.style ?? 'oci-local';
  if (explicit === 'oci-local' && usual?.style === 'oci-shared' && usual.url === url) style = 'oci-shared';
  if (!url) url = usual?.url ?? '';

  let version = req.version;
  if (version !== undefined) checkChartVersion(version, req.allowFloating === true);
  else if (usual?.version) {
    version = usual.version;
    const n = sameKind.filter((a) => a.chart!.version === version).length;
    notes.push(`chart ${name} ${version}: the version ${n} app${n === 1 ? '' : 's'} here pin${n === 1 ? 's' : ''}`);
  } else if (req.online) {
    if (!req.fetch) throw new UsageError('--online needs network access, which is not available here');
    version = style === 'helmrepo' ? await newestHelmVersion(url, name, req.fetch) : await newestOciTag(url, req.fetch);
    notes.push(`chart ${name} ${version}: the newest release in ${url}`);
  } else {
    throw new UsageError(`which version of ${name}? none of this repository's apps pins it`, 'give --version x.y.z (or --online to look up the newest release)');
  }

  const out: ResolvedChart = { name, style, version, url, sourceName: '', sourceNamespace: '', notes };
  if (style === 'oci-shared') {
    const shared = usual!;
    if (shared.version === version) {
      out.sourceName = shared.sourceName;
      out.sourceNamespace = shared.sourceNamespace;
    } else {
      // the shared source pins another version: this app gets its own
      out.style = 'oci-local';
      notes.push(`the shared OCIRepository ${shared.sourceName} pins ${shared.version}, so the app gets its own for ${version}`);
    }
  } else if (style === 'helmrepo') {
    const repo = helmRepo ?? usual?.source;
    out.sourceName = repo ? metaName(repo.object) : (usual?.sourceName ?? '');
    out.sourceNamespace = usual?.sourceNamespace || (repo ? metaNamespace(repo.object) : '');
    if (!out.sourceName) throw new UsageError(`cannot tell which HelmRepository serves ${name}`, 'give --chart <helmrepository>/<chart>');
  }
  if (out.style === 'oci-local') {
    if (!out.url) throw new UsageError(`cannot tell where chart ${name} is published`, 'give --chart oci://registry/path/chart');
    const ocis = docsOfKind(idx, 'OCIRepository', SOURCE_GROUP);
    const appDirs = new Set(apps.map((a) => a.appDir));
    const model =
      (usual?.style === 'oci-local' ? usual.source : undefined) ??
      ocis.find((d) => str(map(d.object['spec'])['url']) === out.url && appDirs.has(posix.dirname(d.file))) ??
      ocis.find((d) => appDirs.has(posix.dirname(d.file))) ??
      ocis[0];
    if (model) out.modelSource = model;
  }
  return out;
}
