// `newApp()`: the `hops new app` job for the CLI and the dashboard. Parse the request, learn the repository, plan
// the files (templates too, where kubernetes/ is rendered), build and validate the result in memory, then write
// every file or none. Re-running without `force` changes nothing.
import { posix } from 'node:path';
import { HopsError, UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { hasErrors } from '../core/finding.js';
import { DiskFS } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { checkChartVersion, checkRoute, parseAppRef, parseDependsOn, parseExternalSecret, parseImage, parsePersistence, parsePort } from './app-spec.js';
import { checkApp } from './check.js';
import type { PlannedWrite, WriteAction } from './context.js';
import type { Fetch } from './online.js';
import { PlannedFS } from './overlay.js';
import { planApp } from './plan-app.js';
import { metaName, scanRepo } from './repo-scan.js';
import { ksNamespace, nextSteps, ownerKs } from './targets.js';
import { renderTemplates } from './render-templates.js';
import { detectTemplates, templateOf } from './template-mode.js';
import { wireIn } from './wire-in.js';
import { writeAll } from './write.js';

export interface NewAppOptions {
  /** Repository root (absolute). */
  root: string;
  /** `<namespace>/<name>`. */
  app: string;
  chart?: string;
  version?: string;
  image?: string;
  port?: number | string;
  route?: string;
  /** `<name>=<size>[,<storageClass>]` each. */
  persistence?: readonly string[];
  /** `<store>/<key>` or `<key>`. */
  externalSecret?: string;
  /** `<namespace>/<kustomization>` each. */
  dependsOn?: readonly string[];
  dryRun?: boolean;
  force?: boolean;
  allowFloating?: boolean;
  online?: boolean;
  env?: Record<string, string | undefined>;
  fetch?: Fetch;
  fs?: FileSystem;
}


export type { PlannedWrite, WriteAction } from './context.js';

export interface NewAppResult {
  status: 'created' | 'updated' | 'unchanged' | 'dry-run';
  namespace: string;
  name: string;
  /** True when the app was written into makejinja templates and rendered. */
  templated: boolean;
  writes: PlannedWrite[];
  /** What was learned from the repository, one line each. */
  notes: string[];
  findings: Finding[];
  nextSteps: string[];
}

export async function newApp(opts: NewAppOptions): Promise<NewAppResult> {
  const { namespace, name } = parseAppRef(opts.app);
  const allowFloating = opts.allowFloating === true;
  const image = opts.image !== undefined ? parseImage(opts.image, allowFloating) : undefined;
  const port = opts.port !== undefined ? parsePort(String(opts.port)) : undefined;
  if (opts.route !== undefined) checkRoute(opts.route);
  if (opts.version !== undefined) checkChartVersion(opts.version, allowFloating);
  const persistence = (opts.persistence ?? []).map(parsePersistence);
  if (new Set(persistence.map((p) => p.name)).size !== persistence.length) throw new UsageError('--persistence names a volume twice');
  const externalSecret = opts.externalSecret !== undefined ? parseExternalSecret(opts.externalSecret) : undefined;
  const dependsOn = (opts.dependsOn ?? []).map(parseDependsOn);
  const env = opts.env ?? {};
  const root = posix.resolve(opts.root);
  const fs = opts.fs ?? new DiskFS();
  if (!fs.isDirectory(root)) throw new UsageError(`${root} is not a folder`);

  const tmpl = detectTemplates(root, env);
  const idx = scanRepo(fs, root, tmpl?.inputDirs ?? []);
  const plan = await planApp(idx, {
    namespace,
    name,
    chart: { ...(opts.chart ? { chart: opts.chart } : {}), ...(opts.version ? { version: opts.version } : {}), allowFloating, online: opts.online === true, ...(opts.fetch ? { fetch: opts.fetch } : {}) },
    ...(image ? { image } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(opts.route !== undefined ? { route: opts.route } : {}),
    persistence,
    ...(externalSecret ? { externalSecret } : {}),
    dependsOn,
  });
  const { ctx } = plan;
  const hr = plan.files.find((f) => f.role === 'helmrelease')!;
  const existing = idx.docs.find((d) => d.object['kind'] === 'HelmRelease' && metaName(d.object) === name && posix.dirname(d.file) === ctx.appDir && d.file !== hr.path);
  if (existing) throw new UsageError(`${ctx.appDir} already holds a HelmRelease ${name} in ${existing.file}`, 'remove it first, or pick another name');

  const templated = tmpl !== undefined && (templateOf(tmpl, root, ctx.wiring) ?? templateOf(tmpl, root, ctx.sibling.wiredBy!.kust.file)) !== undefined;
  let outputs: Map<string, string>;
  let writes: PlannedWrite[];
  if (templated) {
    const r = await renderTemplates(tmpl!, root, env, idx, plan);
    outputs = r.outputs;
    writes = [...r.writes];
  } else {
    outputs = new Map(plan.files.map((f) => [f.path, f.text]));
    const wiringEdits = wireIn(idx, plan, (p) => (fs.isFile(posix.join(root, p)) ? fs.readText(posix.join(root, p)) : undefined));
    for (const f of wiringEdits.files) outputs.set(f.path, f.text);
    writes = [...plan.files.map((f) => ({ path: f.path, text: f.text, kind: 'app' as const })), ...wiringEdits.files.map((f) => ({ path: f.path, text: f.text, kind: (f.role === 'app-kustomization' ? 'app' : 'wiring') as 'app' | 'wiring' }))].map((w) => ({ ...w, action: 'create' as WriteAction }));
  }
  for (const w of writes) {
    const abs = posix.join(root, w.path);
    const before = fs.isFile(abs) ? fs.readText(abs) : undefined;
    w.action = before === undefined ? 'create' : before === w.text ? 'unchanged' : 'update';
    if (w.action === 'update') w.before = before!;
  }
  const result: NewAppResult = { status: 'created', namespace, name, templated, writes, notes: plan.notes, findings: [], nextSteps: nextSteps(plan, templated, writes) };
  if (writes.every((w) => w.action === 'unchanged')) return { ...result, status: 'unchanged' };
  const clobbered = writes.filter((w) => w.kind === 'app' && w.action === 'update');
  if (clobbered.length && !opts.force) {
    throw new HopsError(`${namespace}/${name} already exists and differs from what hops would write: ${clobbered.map((w) => w.path).join(', ')}; nothing changed`, {
      hint: 'pass --force to overwrite those files',
    });
  }

  const check = await checkApp({
    root,
    fs: new PlannedFS(fs, new Map([...outputs].map(([p, t]) => [posix.join(root, p), t]))),
    env,
    baseFs: fs,
    wiring: { file: ctx.wiring, kind: ctx.ksFile ? 'Kustomization' : 'HelmRelease', name: ctx.ksFile ? ctx.ksName : name },
    ks: ctx.ksFile ? { name: ctx.ksName, namespace: ksNamespace(plan.files, namespace), own: true } : ownerKs(idx, ctx.appDir),
    appDir: ctx.appDir,
    files: outputs,
    newFiles: writes.filter((w) => w.action === 'create' || w.kind === 'app').map((w) => w.path),
    expect: plan.expect,
  });
  result.findings = check.findings;
  if (hasErrors(check.findings)) {
    throw new HopsError(`the new app does not build or validate; nothing written`, { findings: check.findings.filter((f) => f.severity === 'error') });
  }
  if (opts.dryRun) return { ...result, status: 'dry-run' };
  writeAll(root, new Map(writes.filter((w) => w.action !== 'unchanged').map((w) => [w.path, w.text])));
  return { ...result, status: clobbered.length ? 'updated' : 'created' };
}
