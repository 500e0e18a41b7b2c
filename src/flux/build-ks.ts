// Build one Flux Kustomization offline, in kustomize-controller's order: spec.path (never outside the repository)
// → kustomization with the Flux spec merged in → kustomize build (load restrictor none) → post-build substitution
// per resource → commonMetadata → owner labels. Problems come back as findings; nothing is thrown for bad input.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { stringifyYaml } from '../io/yaml-write.js';
import { engineFailure } from './build-failure.js';
import { finishMetadata } from './common-metadata.js';
import type { KustomizeEngine } from './engine.js';
import { applyFluxSpec, GenerateError, KustomizationFieldError, loadKustomization } from './generate.js';
import { droppedFieldFinding } from './lenient-kustomization.js';
import type { FluxKustomization } from './model.js';
import { OverlayFS } from './overlay-fs.js';
import { substitutePostBuild } from './post-build.js';
import { hiddenPathHint } from './sourceignore-fs.js';
import { repoRelative, specPathDir } from './spec-path.js';
import type { Vars } from './substitute-from.js';

export { engineFailure } from './build-failure.js';

export interface KsBuildContext {
  fs: FileSystem;
  /** Absolute repository root. */
  root: string;
  engine: KustomizeEngine;
  /** Whether the source reference is this repository. */
  isRepoSource(ks: FluxKustomization): boolean;
  vars(ks: FluxKustomization): Promise<Vars>;
  strict: boolean;
}

export interface KsBuild {
  ks: FluxKustomization;
  /** spec.path relative to the repository root. */
  dir: string;
  resources: Resource[];
  findings: Finding[];
  ok: boolean;
}

export async function buildFluxKustomization(ks: FluxKustomization, ctx: KsBuildContext): Promise<KsBuild> {
  const findings: Finding[] = [];
  const name = `Kustomization ${ks.namespace}/${ks.name}`;
  const at = { file: ks.origin.file, line: ks.origin.line };
  const fail = (code: string, message: string, extra: Partial<Finding> = {}): KsBuild => {
    findings.push({ code, severity: 'error', message: `${name}: ${message}`, ...at, ...extra });
    return { ks, dir: ks.path, resources: [], findings, ok: false };
  };
  if (!ctx.isRepoSource(ks)) {
    findings.push({
      code: 'external-source',
      severity: 'info',
      message: `${name}: source ${ks.sourceRef.kind}/${ks.sourceRef.name} is not this repository; not built`,
      ...at,
    });
    return { ks, dir: ks.path, resources: [], findings, ok: true };
  }
  // the API server refuses any other type (the CRD says string); read as '' it would build the whole repository
  const rawPath = isMap(ks.object['spec']) ? ks.object['spec']['path'] : undefined;
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    const what = Array.isArray(rawPath) ? 'a list' : isMap(rawPath) ? 'a mapping' : `the ${typeof rawPath} ${JSON.stringify(rawPath)}`;
    return fail('path-invalid', `spec.path must be a string, not ${what}`, { hint: 'write spec.path as a folder relative to the repository root, e.g. ./kubernetes/apps/<namespace>/<app>/app' });
  }
  const dir = specPathDir(ctx.root, ks.path);
  if (dir === null) return fail('path-outside-repository', `spec.path ${JSON.stringify(ks.path)} leaves the repository`);
  const abs = dir === '.' ? ctx.root : posix.join(ctx.root, dir);
  if (!ctx.fs.isDirectory(abs)) {
    return fail('path-not-found', `spec.path ${JSON.stringify(ks.path)} does not exist`, { hint: hiddenPathHint(ctx.fs, ctx.root, [dir]) ?? 'fix spec.path; it is relative to the repository root' });
  }

  let kfile: string;
  let merged: YMap;
  try {
    const { file, kus, generated, dropped } = loadKustomization(ctx.fs, abs, (p) => repoRelative(ctx.root, p));
    for (const d of dropped) findings.push(droppedFieldFinding(name, repoRelative(ctx.root, file), d));
    const spec = isMap(ks.object['spec']) ? ks.object['spec'] : {};
    merged = applyFluxSpec(kus, spec, generated, (c) => ctx.fs.exists(posix.join(abs, c)));
    kfile = file;
  } catch (e) {
    if (e instanceof KustomizationFieldError) {
      // reported as the kustomize build reports the same file when no spec field hides the problem
      const f = engineFailure(e);
      findings.push({ ...f, message: `${name}: ${f.message}`, ...at });
      return { ks, dir: ks.path, resources: [], findings, ok: false };
    }
    const file = e instanceof GenerateError ? e.file : undefined;
    return fail('kustomization-invalid', e instanceof Error ? e.message : String(e), file ? { file } : {});
  }

  let built: Resource[];
  try {
    const opts = { loadRestrictor: 'none' as const, repoRoot: ctx.root };
    built = ctx.engine.buildFrom
      ? await ctx.engine.buildFrom(ctx.fs, abs, merged, { ...opts, file: repoRelative(ctx.root, kfile) })
      : await ctx.engine.build(new OverlayFS(ctx.fs, { [kfile]: stringifyYaml(merged) }), abs, opts);
  } catch (e) {
    const f = engineFailure(e);
    // a path the kustomization names that the source ignore rules leave out: say which rule
    const hidden = hiddenPathHint(ctx.fs, ctx.root, [...f.message.matchAll(/'([^']+)' does not exist|in directory '([^']+)'/g)].map((m) => (m[1] ?? m[2])!));
    findings.push({ ...f, message: `${name}: ${f.message}`, ...at, ...(hidden ? { hint: hidden } : {}) });
    return { ks, dir: ks.path, resources: [], findings, ok: false };
  }
  for (const r of built) {
    const m = isMap(r.object['metadata']) ? r.object['metadata'] : {};
    if (!r.object['apiVersion'] || !r.object['kind'] || !m['name']) {
      return fail('invalid-resource', `failed to decode Kubernetes apiVersion, kind and name from ${r.origin.file}:${r.origin.line}`, { file: r.origin.file, line: r.origin.line });
    }
  }

  let resources = built;
  if (ks.postBuild) {
    const done = await substitutePostBuild(ks, ks.postBuild, resources, ctx, findings, name);
    if (!Array.isArray(done)) return fail('substitution-failed', done.message, { hint: done.hint });
    resources = done;
  }

  const cm = isMap(ks.object['spec']) && isMap(ks.object['spec']['commonMetadata']) ? ks.object['spec']['commonMetadata'] : undefined;
  resources = resources.map((r) => ({ object: finishMetadata(r.object, ks, cm), origin: r.origin }));
  return { ks, dir, resources, findings, ok: true };
}
