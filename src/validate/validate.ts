// The `validate` façade, shared by the CLI and the dashboard: build every Flux Kustomization of a repository offline
// (or read plain manifests), check every resource against its schema, run the rules over the whole, and return the
// findings with a summary. Nothing is printed, and problems of the repository are findings; only a root that is not a
// folder is a UsageError (as for diff and new app).
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource } from '../core/resource.js';
import { DiskFS } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { manifestResources } from '../schema/index.js';
import type { ManifestText, ResourceInput, SchemaRegistry } from '../schema/index.js';
import { SourceLocator } from './locate.js';
import { manifestModel, refOf } from './model.js';
import type { ValidationModel } from './model.js';
import { validateRepository } from './repository-mode.js';
import { disabledCodes, enabledRules, runRules } from './run-rules.js';
import { checkInputs, schemaRegistry } from './schema-check.js';
import type { SchemaCheckOptions } from './schema-check.js';
import { summarize, timed } from './summary.js';
import type { CheckedResource, Phases, ValidateSummary } from './summary.js';

export interface ValidateOptions extends SchemaCheckOptions {
  /** Absolute repository root (repository mode), also the base of finding paths. */
  root: string;
  /** Cluster directory to start from (like `hops build all --entry`); default: every Flux Kustomization. */
  entry?: string;
  /** Plain manifests (files, folders' files, stdin) instead of the repository: schemas and per-resource rules only. */
  manifests?: ManifestText[];
  fs?: FileSystem;
  /** For SOPS age keys (SOPS_AGE_KEY_FILE, ...). */
  env?: Record<string, string | undefined>;
  /**
   * Folders of local charts for values.schema.json checks (`.tgz` or unpacked, the layouts `hops diff hr` reads),
   * searched in order; `chartDirs(env, [dir])` gives the usual list. Null or absent: none.
   */
  chartCacheDir?: string | readonly string[] | null;
  /** Rule codes not to run. */
  disable?: readonly string[];
  /** Skip schema validation (rules only). */
  noSchemas?: boolean;
  /**
   * A registry to reuse across runs (the dashboard validating one repository again and again keeps its compiled
   * validators); by default each run makes its own from the schema options.
   */
  registry?: SchemaRegistry;
}

export interface ValidateResult {
  findings: Finding[];
  summary: ValidateSummary;
  /** Every resource checked, for reports that list passing ones too (junit, tap). */
  resources: CheckedResource[];
}

/** Finding order: by file, line, column, then code and message. */
function compareFindings(a: Finding, b: Finding): number {
  const fa = a.file ?? '\uffff';
  const fb = b.file ?? '\uffff';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.code, f.severity, f.file, f.line, f.col, f.message, f.resource]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checked(model: ValidationModel): CheckedResource[] {
  return model.resources.map((r) => ({ resource: refOf(r), file: r.origin.file, ...(r.origin.line > 0 ? { line: r.origin.line } : {}) }));
}

function dedupeChecked(list: CheckedResource[]): CheckedResource[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = JSON.stringify([c.file, c.line, c.resource]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function validateManifests(opts: ValidateOptions & { manifests: ManifestText[] }): { findings: Finding[]; model: ValidationModel; inputs: ResourceInput[] } {
  const texts = new Map(opts.manifests.map((m) => [m.file, m.text]));
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  const inputs: ResourceInput[] = [];
  for (const m of opts.manifests) {
    const read = manifestResources(m);
    findings.push(...read.findings);
    for (const r of read.resources) {
      inputs.push(r);
      if (isMap(r.object)) resources.push({ object: r.object as Resource['object'], origin: { file: r.file ?? m.file, line: r.line ?? 0 } });
    }
  }
  return { findings, inputs, model: manifestModel(resources, new SourceLocator((f) => texts.get(f))) };
}

export async function validate(opts: ValidateOptions): Promise<ValidateResult> {
  const t0 = performance.now();
  const fs = opts.fs ?? new DiskFS();
  const root = posix.resolve(opts.root);
  let made: SchemaRegistry | undefined;
  const registry = (): SchemaRegistry => (made ??= opts.registry ?? schemaRegistry(opts));
  const findings: Finding[] = [];
  const models: ValidationModel[] = [];
  const phases: Phases = { buildMs: 0, schemaMs: 0, rulesMs: 0 };

  if (opts.manifests) {
    const m = validateManifests({ ...opts, manifests: opts.manifests });
    findings.push(...m.findings);
    if (!opts.noSchemas) findings.push(...(await timed(phases, 'schemaMs', () => checkInputs(m.inputs, opts, registry()))));
    findings.push(...(await timed(phases, 'rulesMs', () => runRules(m.model, enabledRules(opts, m.model.mode), opts))));
    models.push(m.model);
  } else {
    if (!fs.isDirectory(root)) throw new UsageError(`${root} is not a folder`);
    const r = await validateRepository(opts, fs, root, registry, phases);
    findings.push(...r.findings);
    models.push(...r.models);
  }

  const off = disabledCodes(opts);
  const list = dedupe(findings.filter((f) => !off.has(f.code))).sort(compareFindings);
  const resources = dedupeChecked(models.flatMap(checked));
  return { findings: list, resources, summary: summarize(list, resources, models, performance.now() - t0, phases) };
}
