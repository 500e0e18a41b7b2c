// Build one Flux Kustomization offline, in kustomize-controller's order: spec.path (never outside the repository)
// → kustomization with the Flux spec merged in → kustomize build (load restrictor none) → post-build substitution
// per resource → commonMetadata → owner labels. Problems come back as findings; nothing is thrown for bad input.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { stringifyYaml } from '../io/yaml-write.js';
import type { KustomizeEngine } from './engine.js';
import { applyFluxSpec, GenerateError, KustomizationFieldError, loadKustomization } from './generate.js';
import { droppedFieldFinding } from './lenient-kustomization.js';
import { KUSTOMIZE_GROUP } from './model.js';
import type { FluxKustomization } from './model.js';
import { OverlayFS } from './overlay-fs.js';
import { hiddenPathHint } from './sourceignore-fs.js';
import type { Vars } from './substitute-from.js';
import { UNKNOWN } from './envsubst.js';
import { sourceLine, substituteResource, VarsubError } from './varsub.js';

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

const rel = (root: string, abs: string): string => posix.relative(root, abs) || '.';

/** spec.path relative to the repository root ('.' for the root), as the build reads it; null when it leaves the repository. */
export function specPathDir(root: string, path: string): string | null {
  const abs = posix.normalize(posix.join(root, path.replace(/^\.?\/?/, '') || '.'));
  if (abs !== root && !abs.startsWith(root + '/')) return null;
  return rel(root, abs);
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
    const { file, kus, generated, dropped } = loadKustomization(ctx.fs, abs, (p) => rel(ctx.root, p));
    for (const d of dropped) findings.push(droppedFieldFinding(name, rel(ctx.root, file), d));
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
      ? await ctx.engine.buildFrom(ctx.fs, abs, merged, { ...opts, file: rel(ctx.root, kfile) })
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
    const vars = await ctx.vars(ks);
    findings.push(...vars.findings);
    // with an unresolved source, a variable without value may well be defined in the cluster: keep it as written
    const values = vars.incomplete ? withUnknownFallback(vars.values) : vars.values;
    // an unresolved source would provide variables in the cluster, so substitution runs there
    const always = ks.postBuild.strategy === 'Always' || vars.incomplete;
    const unset = new Set<string>();
    const out: Resource[] = [];
    for (const r of resources) {
      try {
        const s = substituteResource(r.object, values, { always, strict: ctx.strict, secretVars: vars.secret });
        if (s.status === 'substituted') {
          s.unset.forEach((v) => unset.add(v));
          out.push({ object: s.object, origin: r.origin });
        } else out.push(r);
      } catch (e) {
        if (!(e instanceof VarsubError)) throw e;
        const id = `${String(r.object['kind'])}/${String((r.object['metadata'] as YMap)['name'])}`;
        const where = `${r.origin.file}:${errorLine(ctx, r, e)}`;
        return fail('substitution-failed', `post build failed for '${id}' (${where}): ${e.message}${e.excerpt ? ` near \`${e.excerpt}\`` : ''}`, {
          hint: 'fix the ${...} expression, or label the resource kustomize.toolkit.fluxcd.io/substitute: disabled',
        });
      }
    }
    resources = out;
    if (unset.size > 0) {
      findings.push({
        code: 'undefined-variable',
        severity: 'warning',
        message: `${name}: ${[...unset].map((v) => '${' + v + '}').join(', ')} ha${unset.size === 1 ? 's' : 've'} no value and no default; Flux substitutes the empty string`,
        ...at,
        data: { variables: [...unset] },
        hint: 'define the variable in postBuild.substitute or a substituteFrom source, or give it a default ${VAR:=value}',
      });
    }
  }

  const cm = isMap(ks.object['spec']) && isMap(ks.object['spec']['commonMetadata']) ? ks.object['spec']['commonMetadata'] : undefined;
  resources = resources.map((r) => ({ object: finishMetadata(r.object, ks, cm), origin: r.origin }));
  return { ks, dir, resources, findings, ok: true };
}

/** The line of the resource's file where a failing substitution is written (its document's first line at worst). */
function errorLine(ctx: KsBuildContext, r: Resource, e: VarsubError): number {
  let text: string;
  try {
    text = ctx.fs.readText(posix.join(ctx.root, r.origin.file));
  } catch {
    return Math.max(r.origin.line, 1);
  }
  return sourceLine(text, r.origin.line, e.expression);
}

/**
 * A kustomize build that threw, as a finding without location: `remote-resource` (a warning with the URL as data)
 * when it needs the network, which hops never uses; `kustomize-build-failed` otherwise.
 */
export function engineFailure(e: unknown): Pick<Finding, 'code' | 'severity' | 'message'> & Partial<Finding> {
  const message = e instanceof Error ? e.message : String(e);
  const hint = (e as { hint?: unknown } | null)?.hint;
  // the kustomize loader's words for a URL it will not fetch (src/kustomize/loader.ts)
  const remote = /'([^']+)' is a remote (?:resource|base); hops does not fetch over the network/.exec(message);
  if (remote) {
    return { code: 'remote-resource', severity: 'warning', message: `kustomize build failed: ${message}`, data: { url: remote[1]! }, ...(typeof hint === 'string' ? { hint } : {}) };
  }
  return { code: 'kustomize-build-failed', severity: 'error', message: `kustomize build failed: ${message}`, ...(typeof hint === 'string' ? { hint } : {}) };
}

function withUnknownFallback(values: Map<string, string | typeof UNKNOWN>): Map<string, string | typeof UNKNOWN> {
  const m = new Map(values);
  m.get = (k: string) => (values.has(k) ? values.get(k) : UNKNOWN);
  return m;
}

/** commonMetadata (overrides existing keys) then the owner labels kustomize-controller sets on everything it applies. */
function finishMetadata(obj: YMap, ks: FluxKustomization, common: YMap | undefined): YMap {
  const meta: YMap = isMap(obj['metadata']) ? { ...obj['metadata'] } : {};
  const labels: YMap = isMap(meta['labels']) ? { ...meta['labels'] } : {};
  const annotations: YMap = isMap(meta['annotations']) ? { ...meta['annotations'] } : {};
  if (common) {
    if (isMap(common['labels'])) Object.assign(labels, common['labels']);
    if (isMap(common['annotations'])) Object.assign(annotations, common['annotations']);
  }
  labels[`${KUSTOMIZE_GROUP}/name`] = ks.name;
  labels[`${KUSTOMIZE_GROUP}/namespace`] = ks.namespace;
  meta['labels'] = labels;
  if (Object.keys(annotations).length > 0) meta['annotations'] = annotations;
  return { ...obj, metadata: meta };
}
