// Repository mode: build every Flux Kustomization offline (each cluster on its own when the repository holds several),
// then per build: the build's findings, the schema check and the rules over its model.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { build } from '../flux/build.js';
import type { FileSystem } from '../io/fs.js';
import type { SchemaRegistry } from '../schema/index.js';
import { buildFindings, clusterEntries } from './build-findings.js';
import { fileTexts, SourceLocator } from './locate.js';
import { repositoryModel } from './model.js';
import type { ValidationModel } from './model.js';
import { enabledRules, runRules } from './run-rules.js';
import { checkSchemas } from './schema-check.js';
import { timed } from './summary.js';
import type { Phases } from './summary.js';
import { unbuiltSearch } from './unbuilt.js';
import type { ValidateOptions } from './validate.js';

export async function validateRepository(opts: ValidateOptions, fs: FileSystem, root: string, registry: () => SchemaRegistry, phases: Phases): Promise<{ findings: Finding[]; models: ValidationModel[] }> {
  const env = opts.env ?? {};
  // Kustomizations Flux does not apply are not built (result.unapplied lists them); the model reports them. With
  // several clusters, nothing is built until each is built from its directory.
  const all = { mode: 'all', unapplied: 'skip' } as const;
  let first = await timed(phases, 'buildMs', () => build(opts.entry ? { mode: 'all', entry: opts.entry } : { ...all, severalClusters: 'none' }, { root, fs, env }));
  const entries = opts.entry ? [] : clusterEntries(first.findings);
  // duplicates within one directory are no several clusters: build the repository after all
  if (!opts.entry && entries.length <= 1 && first.units.length === 0 && first.findings.some((f) => f.code === 'duplicate-kustomization')) {
    first = await timed(phases, 'buildMs', () => build(all, { root, fs, env }));
  }
  const builds = entries.length > 1 ? await timed(phases, 'buildMs', () => Promise.all(entries.map((entry) => build({ mode: 'all', entry: posix.join(root, entry) }, { root, fs, env })))) : [first];
  const locator = new SourceLocator(fileTexts(fs, root));
  const findings: Finding[] = [];
  const models: ValidationModel[] = [];
  for (const result of builds) {
    const model = repositoryModel(result.units, locator, unbuiltSearch(fs, root, result.units), result.unapplied);
    const rules = enabledRules(opts, model.mode);
    findings.push(...buildFindings(result, model, rules));
    if (!opts.noSchemas) {
      findings.push(...(await timed(phases, 'schemaMs', () => checkSchemas(model, opts, registry()))));
    }
    findings.push(...(await timed(phases, 'rulesMs', () => runRules(model, rules, opts))));
    models.push(model);
  }
  if (entries.length > 1) {
    findings.push({
      code: 'clusters',
      severity: 'info',
      message: `${entries.length} clusters validated one by one, from ${entries.join(', ')}`,
      hint: 'validate one of them with --entry <dir>',
    });
  }
  return { findings, models };
}
