// `hops diff hr <name>`: the HelmRelease object on both sides and, when a `helm` binary is at hand and the chart is
// available locally (helm-chart.ts), the manifests its chart renders with its values (`helm template`, no network,
// a throw-away helm home), post-rendered as helm-controller does (post-render.ts). Otherwise the HelmRelease object
// alone is compared and the result says so.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { HELM_GROUP } from '../flux/model.js';
import type { Item } from './compare.js';
import { chartDirs, chartOf, findChartPath } from './helm-chart.js';
import { isTestHook, splitHelmOutput } from './helm-output.js';
import { mergedValues } from './helm-values.js';
import { hasPostRender, ignoredFields, postRender, PostRenderError } from './post-render.js';
import type { RenderedObject } from './post-render.js';
import { postRenderFindings } from './hr-findings.js';
import type { PostRenderFailure } from './hr-findings.js';
import type { DiffRequest } from './result.js';
import type { Side } from './sides.js';
import { toJson } from './shared-builds.js';

export interface HelmOptions {
  /** The helm binary (default: `helm` on the PATH of `env`). */
  binary?: string;
  /** Folders holding charts (`<name>-<version>.tgz` or folders), searched before the default cache folders. */
  chartDirs?: string[];
  env?: Record<string, string | undefined>;
}

export interface HrContext {
  root: string;
  before: Side;
  after: Side;
  helm?: HelmOptions;
}

export interface HrResult {
  before: Item[];
  after: Item[];
  /** HelmReleases found (both sides together). */
  found: number;
  notes: string[];
  findings: Finding[];
}

const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});
const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');

/** `helm` on the PATH, or undefined. */
export function findHelm(env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'helm');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Copies a chart (folder or .tgz) from a side's filesystem to `dest`; returns the path to hand to helm. */
function copyOut(fs: FileSystem, abs: string, dest: string): string | undefined {
  if (fs.isFile(abs)) {
    const out = join(dest, posix.basename(abs));
    writeFileSync(out, fs.readFile(abs));
    return out;
  }
  if (!fs.isDirectory(abs)) return undefined;
  const top = join(dest, posix.basename(abs));
  const walk = (from: string, to: string): void => {
    mkdirSync(to, { recursive: true });
    for (const n of fs.readDir(from)) {
      const p = posix.join(from, n);
      if (fs.isDirectory(p)) walk(p, join(to, n));
      else if (fs.isFile(p)) writeFileSync(join(to, n), fs.readFile(p));
    }
  };
  walk(abs, top);
  return top;
}

interface Rendered {
  items: Item[];
  /** Why the chart was not rendered (helm missing, chart missing, helm failed). */
  problem?: string;
  /** A post-renderer failed, as helm-controller would fail the release: the message names the entry. */
  postRenderFailed?: string;
}

function render(hr: Item, side: Side, objects: readonly YMap[], helm: string, opts: HelmOptions, env: Record<string, string | undefined>): Rendered {
  const spec = m(hr.object['spec']);
  const meta = m(hr.object['metadata']);
  const chart = chartOf(hr.object, objects, (name) => name === 'flux-system' || objects.some((o) => o['kind'] === 'GitRepository' && s(m(o['metadata'])['name']) === name));
  if (chart.problem) return { items: [], problem: chart.problem };
  const values = mergedValues(hr.object, objects);
  if ('problem' in values) return { items: [], problem: values.problem };
  const tmp = mkdtempSync(join(tmpdir(), 'hops-helm-'));
  try {
    let chartPath: string | undefined;
    if (chart.repoPath !== undefined) {
      chartPath = copyOut(side.fs, posix.join(side.root, chart.repoPath), tmp);
      if (!chartPath) return { items: [], problem: `its chart ${chart.repoPath} is not in the repository` };
    } else {
      chartPath = findChartPath(chart.want!, chartDirs(env, opts.chartDirs ?? []));
      if (!chartPath) return { items: [], problem: `chart ${chart.want!.name} ${chart.want!.version || '(any version)'} is not available locally` };
    }
    const valuesFile = join(tmp, 'values.json');
    writeFileSync(valuesFile, toJson(values.values), { mode: 0o600 });
    const ns = s(spec['targetNamespace']) || s(meta['namespace']) || 'default';
    const release = s(spec['releaseName']) || (s(spec['targetNamespace']) ? `${s(spec['targetNamespace'])}-${s(meta['name'])}` : s(meta['name']));
    const args = ['template', release, chartPath, '--namespace', ns, '--values', valuesFile];
    if (s(m(spec['install'])['crds']) !== 'Skip') args.push('--include-crds');
    const tests = m(spec['test'])['enable'] === true;
    // helm-controller post-renders test hooks with the rest (a patch may need them); they are dropped afterwards
    const postRendering = hasPostRender(spec);
    if (!tests && !postRendering) args.push('--skip-tests');
    const home = join(tmp, 'home');
    const r = spawnSync(helm, args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
      env: { PATH: env['PATH'] ?? '', HOME: home, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') },
    });
    if (r.status !== 0) {
      // helm's first line names the problem; later lines may quote values
      const first = (r.stderr || r.error?.message || 'failed').split('\n')[0]!.replace(/^Error: /, '');
      return { items: [], problem: `helm template failed: ${first}` };
    }
    const file = `helm:${chart.repoPath ?? posix.basename(chartPath)}`;
    const docs = splitHelmOutput(r.stdout, file);
    let rendered: RenderedObject[];
    try {
      rendered = postRendering ? postRender(docs, spec).filter((o) => tests || !isTestHook(o.object)) : docs.flatMap((d) => d.objects);
    } catch (e) {
      if (e instanceof PostRenderError) return { items: [], postRenderFailed: e.message };
      throw e;
    }
    return { items: rendered.map((o) => ({ object: o.object, owner: hr.owner, origin: { file, line: o.line } })) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function renderHelmReleases(req: Extract<DiffRequest, { mode: 'hr' }>, before: readonly Item[], after: readonly Item[], ctx: HrContext): Promise<HrResult> {
  const env = ctx.helm?.env ?? process.env;
  const helm = ctx.helm?.binary ?? findHelm(env);
  const notes: string[] = [];
  const findings: Finding[] = [];
  const isHr = (it: Item): boolean => {
    const meta = m(it.object['metadata']);
    return it.object['kind'] === 'HelmRelease' && s(it.object['apiVersion']).startsWith(HELM_GROUP + '/') && meta['name'] === req.name && (req.namespace === undefined || meta['namespace'] === req.namespace);
  };
  const out: HrResult = { before: [], after: [], found: 0, notes, findings };
  const ids = new Set<string>();
  const failed: PostRenderFailure[] = [];
  // rendered manifests per HelmRelease and side; undefined: the HelmRelease is there, its chart was not rendered
  const rendered = new Map<string, { before?: Item[] | undefined; after?: Item[] | undefined }>();
  for (const [which, items, side] of [['before', before, ctx.before], ['after', after, ctx.after]] as const) {
    const objects = items.map((i) => i.object);
    for (const hr of items.filter(isHr)) {
      out.found++;
      const id = `${s(m(hr.object['metadata'])['namespace'])}/${req.name}`;
      ids.add(id);
      out[which].push(hr);
      if (!helm) continue;
      const r = render(hr, side, objects, helm, ctx.helm ?? {}, env);
      if (r.problem) notes.push(`HelmRelease ${id} (${side.label}): chart not rendered, ${r.problem}; compared as an object`);
      if (r.postRenderFailed) failed.push({ which, id, label: side.label, message: r.postRenderFailed, hr });
      for (const n of ignoredFields(m(hr.object['spec']))) notes.push(`HelmRelease ${id} (${side.label}): ${n}`);
      const mine = rendered.get(id) ?? {};
      mine[which] = r.problem || r.postRenderFailed ? undefined : r.items;
      rendered.set(id, mine);
    }
  }
  for (const [id, r] of rendered) {
    // what one side could not render is not known there: helm-controller does not upgrade a release whose chart
    // fails to render or post-render (the cluster keeps the last release), and a chart not found here says nothing
    const unknown = ('before' in r && r.before === undefined) || ('after' in r && r.after === undefined);
    if (unknown) {
      if (r.before?.length || r.after?.length) notes.push(`HelmRelease ${id}: its rendered manifests are not compared, as one side did not render them`);
      continue;
    }
    out.before.push(...(r.before ?? []));
    out.after.push(...(r.after ?? []));
  }
  findings.push(...postRenderFindings(failed));
  if (!helm && out.found > 0) notes.push(`helm is not on PATH: HelmRelease ${[...ids].join(', ')} compared as an object, its chart not rendered`);
  if (ids.size > 1 && req.namespace === undefined) {
    findings.push({ code: 'ambiguous-helmrelease', severity: 'info', message: `${ids.size} HelmReleases are named ${req.name} (${[...ids].join(', ')}); all are shown`, hint: 'pick one with -n NAMESPACE' });
  }
  return { ...out, notes: [...new Set(notes)] };
}

