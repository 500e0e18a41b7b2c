// Before anything is written: the namespace kustomization (with the new entry) must list the app, the app's Flux
// Kustomization must build as Flux would build it, what it makes must pass the schema check, and the objects the
// new app relies on (release, chart source, claims, secret) must be in the build — a claim nobody creates is the
// kind of mistake that otherwise shows up only after merge.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { HopsError } from '../core/errors.js';
import type { Resource } from '../core/resource.js';
import { build } from '../flux/build.js';
import type { BuildUnit } from '../flux/build.js';
import type { FileSystem } from '../io/fs.js';
import { SchemaRegistry, defaultCacheDir, validateManifestText, validateResources } from '../schema/index.js';
import { validate } from '../validate/index.js';
import { hasErrors } from '../core/finding.js';
import { metaName } from './repo-scan.js';

export interface Expectation {
  kind: string;
  name: string;
}

export interface CheckRequest {
  root: string;
  fs: FileSystem;
  env: Record<string, string | undefined>;
  /** The kustomization file that lists the app, and what it must now produce. */
  wiring: { file: string; kind: string; name: string };
  /** The app's own Flux Kustomization, or, without one, the one whose path covers the app folder. */
  ks: { name: string; namespace: string; own: boolean };
  appDir: string;
  /** The repository without the new files, to tell the app's problems from ones it already had. */
  baseFs: FileSystem;
  /** Files the app adds (repository-relative), whose validate findings are the app's. */
  newFiles: readonly string[];
  /** New files (repository-relative path → text). */
  files: ReadonlyMap<string, string>;
  expect: readonly Expectation[];
}

export interface CheckResult {
  findings: Finding[];
  /** Kinds/names the build produced for the app. */
  built: string[];
}

export async function checkApp(req: CheckRequest): Promise<CheckResult> {
  const findings: Finding[] = [];
  const opts = { root: req.root, fs: req.fs, env: { ...req.env, HOME: req.env['HOME'] ?? '/nonexistent' } };

  // 1. wired in: a plain kustomize build of the namespace folder lists the app
  const wiringDir = posix.dirname(req.wiring.file);
  const wired = await build({ mode: 'path', dirs: [posix.join(req.root, wiringDir)], loadRestrictor: 'none' }, opts);
  const wu = wired.units[0]!;
  findings.push(...wu.findings);
  if (wu.ok && !wu.resources.some((r) => r.object['kind'] === req.wiring.kind && metaName(r.object) === req.wiring.name)) {
    findings.push({ code: 'scaffold-not-wired', severity: 'error', message: `${req.wiring.file} does not produce ${req.wiring.kind} ${req.wiring.name}`, file: req.wiring.file });
  }

  // 2. built as Flux builds it
  let resources: Resource[] = [];
  const unit = await buildKs(req, opts, findings);
  if (unit) resources = req.ks.own ? unit : unit.filter((r) => r.origin.file.startsWith(req.appDir + '/'));

  // 3. schemas: the Flux Kustomization as written, everything it builds
  const registry = new SchemaRegistry({ cacheDir: defaultCacheDir(opts.env) });
  const vopts = { registry, missingSchema: 'warn' as const, allowPlaceholders: true, ignoreSopsMetadata: true };
  for (const [file, text] of req.files) {
    // the Flux Kustomization and namespace files; kustomization files are kustomize's input, not manifests
    if (!/\.ya?ml$/.test(file) || file.startsWith(req.appDir + '/') || /(^|\/)kustomization\.ya?ml$/.test(file)) continue;
    findings.push(...validateManifestText({ file, text }, vopts));
  }
  findings.push(...(await validateResources(resources.map((r) => ({ object: r.object, file: r.origin.file, line: r.origin.line })), vopts)));

  // 4. what the app relies on is there
  const built = resources.map((r) => `${String(r.object['kind'])}/${metaName(r.object)}`);
  if (unit) {
    for (const e of req.expect) {
      if (!built.includes(`${e.kind}/${e.name}`)) {
        findings.push({ code: 'scaffold-missing-object', severity: 'error', message: `the build of ${req.ks.name} has no ${e.kind} ${e.name}, which the new app needs`, file: req.appDir });
      }
    }
  }
  // 5. the repository's validation rules (hops validate), on what the new app adds
  if (!hasErrors(findings)) findings.push(...(await repositoryFindings(req, opts)));
  return { findings, built };
}

/**
 * `validate()` over the repository with the new files, keeping what is found in them (other files' findings were
 * there before and are `hops validate`'s to report).
 */
async function repositoryFindings(req: CheckRequest, opts: BuildOpts): Promise<Finding[]> {
  const mine = new Set(req.newFiles);
  const result = await validate({ root: req.root, fs: req.fs, env: opts.env, cacheDir: defaultCacheDir(opts.env), missingSchema: 'ignore' });
  return result.findings.filter((f) => f.file !== undefined && mine.has(f.file) && f.code !== 'schema-missing');
}

type BuildOpts = { root: string; fs: FileSystem; env: Record<string, string | undefined> };

async function buildNamed(req: CheckRequest, opts: BuildOpts): Promise<BuildUnit | string> {
  try {
    return (await build({ mode: 'ks', name: req.ks.name, namespace: req.ks.namespace }, opts)).units[0] ?? 'no build';
  } catch (e) {
    if (!(e instanceof HopsError)) throw e;
    try {
      return (await build({ mode: 'ks', name: req.ks.name }, opts)).units[0] ?? 'no build';
    } catch (e2) {
      if (!(e2 instanceof HopsError)) throw e2;
      return e2.message;
    }
  }
}

const notBuilt = (u: BuildUnit): boolean => u.resources.length === 0 && u.findings.some((f) => f.code === 'external-source');

async function buildKs(req: CheckRequest, opts: BuildOpts, findings: Finding[]): Promise<Resource[] | undefined> {
  const unit = await buildNamed(req, opts);
  if (typeof unit === 'string') {
    findings.push({ code: 'scaffold-ks-not-found', severity: 'error', message: unit, file: req.appDir });
    return undefined;
  }
  if (unit.ok && !notBuilt(unit)) {
    findings.push(...(req.ks.own ? unit.findings : unit.findings.filter((f) => f.severity === 'error')));
    return unit.resources;
  }
  // failing (or not buildable here) without the new app as well: not the app's doing; build its folder alone
  const before = await buildNamed(req, { ...opts, fs: req.baseFs });
  if (!req.ks.own && typeof before !== 'string' && (!before.ok || notBuilt(before))) {
    const why = before.findings.find((f) => f.severity === 'error' || f.code === 'external-source');
    findings.push({ code: 'scaffold-shared-build-skipped', severity: 'warning', message: `${req.ks.name} does not build here even without the new app (${why?.message ?? 'no output'}); the app folder was built on its own`, file: req.appDir });
    const alone = (await build({ mode: 'path', dirs: [posix.join(req.root, req.appDir)], loadRestrictor: 'none' }, opts)).units[0]!;
    findings.push(...alone.findings);
    return alone.resources;
  }
  findings.push(...unit.findings);
  if (notBuilt(unit)) findings.push({ code: 'scaffold-not-built', severity: 'error', message: `${req.ks.name} was not built: its source is not this repository`, file: req.appDir });
  return unit.ok ? unit.resources : undefined;
}
