// The stages `configure` and `vars` share: settings → data (+ schema checks) → plugins → template environment.
// Each stage's problems are collected; a stage whose errors would only cause noise downstream stops the run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT } from '../core/errors.js';
import { hasErrors, type Finding } from '../core/finding.js';
import type { Value } from '../template/runtime/values.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from './config/resolve.js';
import { loadData, relPath, type DataFile } from './data/load.js';
import { checkSchema, siblingSchema } from './data/schema-check.js';
import { buildEnvironment, type BuiltEnvironment } from './engine.js';
import { loadPlugins } from './plugins/load.js';
import type { PluginContribution } from './plugins/types.js';
import type { HintContext } from './render/issue-findings.js';

export interface PrepareOptions {
  /** Repository folder: where makejinja.toml is looked up; base of its paths; plugins' working folder. Default: cwd. */
  root?: string;
  /** Folder that relative paths given in `overrides` are relative to. Default: process.cwd(). */
  cwd?: string;
  /** Environment: MAKEJINJA_SETTINGS, MAKEJINJA_*, HOPS_PYTHON and the templates' `env` global. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Settings file to use instead of `<root>/makejinja.toml`. */
  configFile?: string;
  /** Command-line settings by makejinja.toml key (`output`, `data`, `delimiter.block_start`, ...). */
  overrides?: ConfigOverrides;
  /** JSON Schema for the merged data (besides `<data file>.schema.json` siblings). */
  schema?: string;
  /** Python interpreter for Python plugins. */
  python?: string;
  /** In-process plugins, added after the configured ones. */
  plugins?: Array<{ name: string; plugin: unknown }>;
  /** Template guide for hints and `hops vars` (relative to cwd). Default: TEMPLATE_GUIDE.md or docs/TEMPLATE_GUIDE.md in root. */
  guide?: string;
}

export interface Prepared {
  config: ResolvedConfig;
  files: DataFile[];
  /** Globals before plugins (data files + data_vars). */
  data: Map<Value, Value>;
  plugins: PluginContribution[];
  built: BuiltEnvironment;
  hints: HintContext;
  guideFile: string | null;
  env: Record<string, string | undefined>;
  close(): void;
}

export type PrepareOutcome = { ok: true; prepared: Prepared; findings: Finding[] } | { ok: false; exitCode: number; findings: Finding[]; config: ResolvedConfig | null };

/** The guide given (relative to `cwd`, like every path the user types), else the conventional one in `root`. */
export function findGuide(root: string, cwd: string, explicit?: string): string | null {
  if (explicit) return resolve(cwd, explicit);
  for (const c of ['TEMPLATE_GUIDE.md', 'docs/TEMPLATE_GUIDE.md']) if (existsSync(join(root, c))) return join(root, c);
  return null;
}

export async function prepare(opts: PrepareOptions, stage?: (config: ResolvedConfig) => Finding[] | null): Promise<PrepareOutcome> {
  const root = resolve(opts.root ?? process.cwd());
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const { config, findings } = resolveConfig({ root, cwd, env, ...(opts.overrides ? { overrides: opts.overrides } : {}), ...(opts.configFile ? { configFile: opts.configFile } : {}) });
  if (hasErrors(findings)) return { ok: false, exitCode: EXIT.usage, findings, config };
  // a caller's check between settings and data (configure: the clean refusal, exec_pre)
  const early = stage?.(config);
  if (early) {
    findings.push(...early);
    const usage = early.some((f) => f.severity === 'error' && (f.code === 'clean-refused' || f.code === 'config-invalid'));
    if (hasErrors(early)) return { ok: false, exitCode: usage ? EXIT.usage : EXIT.failed, findings, config };
  }

  const loaded = loadData(config.data, config.dataVars, root);
  findings.push(...loaded.findings);
  for (const f of loaded.files) {
    const schema = siblingSchema(f.path);
    if (schema) findings.push(...checkSchema({ schemaFile: schema, schemaRel: relPath(root, schema), data: f.data, files: [f] }));
  }
  if (opts.schema) {
    const schemaFile = resolve(cwd, opts.schema);
    findings.push(...checkSchema({ schemaFile, schemaRel: relPath(root, schemaFile), data: loaded.data, files: loaded.files }));
  }
  if (hasErrors(findings)) return { ok: false, exitCode: EXIT.failed, findings, config };

  const loadedPlugins = await loadPlugins({
    config,
    data: loaded.data,
    env,
    ...(opts.python ? { python: opts.python } : {}),
    ...(opts.plugins ? { extra: opts.plugins } : {}),
  });
  findings.push(...loadedPlugins.findings);
  if (hasErrors(findings)) {
    loadedPlugins.close();
    return { ok: false, exitCode: EXIT.failed, findings, config };
  }

  let built: BuiltEnvironment;
  try {
    built = buildEnvironment(config, loaded.data, loadedPlugins.contributions, env);
  } catch (e) {
    loadedPlugins.close();
    findings.push({ code: 'engine-error', severity: 'error', message: `cannot set up the template engine: ${(e as Error).message}` });
    return { ok: false, exitCode: EXIT.failed, findings, config };
  }
  const guideFile = findGuide(root, cwd, opts.guide);
  const globals = new Map<Value, Value>(loaded.data);
  for (const p of loadedPlugins.contributions) for (const [k, v] of p.data) globals.set(k, v);
  const hints: HintContext = {
    files: loaded.files,
    dataPlugins: loadedPlugins.contributions.filter((p) => p.data.size > 0).map((p) => p.name),
    globals,
    guide: guideFile ? relPath(root, guideFile) : 'TEMPLATE_GUIDE.md',
  };
  return {
    ok: true,
    findings,
    prepared: { config, files: loaded.files, data: loaded.data, plugins: loadedPlugins.contributions, built, hints, guideFile, env, close: loadedPlugins.close },
  };
}
