// Resolve makejinja `plugins`/`loaders` entries and load them, in makejinja's order.
//
// An entry is `module:Export` or `module.Export` (as jinja2's import_string splits it), or a bare `module`.
//   - `module` with dots is a path below an import path: `a.b` → `a/b`. In each import path in turn, hops looks for
//     `a/b.mjs`, `a/b.js`, `a/b/index.mjs`, `a/b/index.js` (an ES module) and then `a/b.py`, `a/b/__init__.py`.
//   - An entry whose module part ends in `.mjs`/`.js` is a file path, relative to the makejinja.toml folder.
//   - ES module: `Export` names an export (a class, a factory function or an object); without it the module's own
//     named exports are the plugin.
//   - Anything else is a Python plugin, run through the python3 bridge (a module may also come from site-packages).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/finding.js';
import { toData, type Value } from '../../template/runtime/values.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';
import { contributionOf, instantiate, PluginShapeError } from './es-module.js';
import { policyFindings } from './policies.js';
import { PythonBridge, PythonBridgeError } from './python.js';
import type { PluginContext, PluginContribution } from './types.js';

export interface ResolvedEntry {
  entry: string;
  kind: 'esm' | 'python';
  /** The module file, when found. */
  file: string | null;
  exportName: string | null;
  /** Python module name (for messages). */
  module: string;
}

export function resolveEntry(entry: string, config: ResolvedConfig): ResolvedEntry {
  const pathForm = /\.(?:mjs|js)(?::[^/]*)?$/.exec(entry);
  if (pathForm) {
    const colon = entry.lastIndexOf(':');
    const hasExport = colon > 0 && /\.(?:mjs|js)$/.test(entry.slice(0, colon));
    const mod = hasExport ? entry.slice(0, colon) : entry;
    const file = isAbsolute(mod) ? mod : resolve(config.root, mod);
    return { entry, kind: 'esm', file, exportName: hasExport ? entry.slice(colon + 1) : null, module: mod };
  }
  let module: string;
  let exportName: string | null;
  if (entry.includes(':')) [module, exportName] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
  else if (entry.includes('.')) [module, exportName] = [entry.slice(0, entry.lastIndexOf('.')), entry.slice(entry.lastIndexOf('.') + 1)];
  else [module, exportName] = [entry, null];
  const rel = module.split('.');
  for (const dir of config.importPaths) {
    for (const c of [`${rel.join('/')}.mjs`, `${rel.join('/')}.js`, `${rel.join('/')}/index.mjs`, `${rel.join('/')}/index.js`]) {
      if (existsSync(join(dir, c))) return { entry, kind: 'esm', file: join(dir, c), exportName, module };
    }
    for (const c of [`${rel.join('/')}.py`, `${rel.join('/')}/__init__.py`]) {
      if (existsSync(join(dir, c))) return { entry, kind: 'python', file: join(dir, c), exportName, module };
    }
  }
  return { entry, kind: 'python', file: null, exportName, module };
}

export interface LoadPluginsOptions {
  config: ResolvedConfig;
  data: Map<Value, Value>;
  env: Record<string, string | undefined>;
  /** Interpreter for Python plugins (default: $HOPS_PYTHON, then python3). */
  python?: string;
  /** In-process plugins added after the configured ones (library callers, tests, the dashboard). */
  extra?: Array<{ name: string; plugin: unknown }>;
}

export interface LoadedPlugins {
  contributions: PluginContribution[];
  findings: Finding[];
  /** Stop the Python process, if one was started. */
  close(): void;
}

export function pluginConfig(config: ResolvedConfig): Record<string, unknown> {
  return {
    inputs: config.inputs,
    output: config.output,
    data: config.data,
    import_paths: config.importPaths,
    jinja_suffix: config.jinjaSuffix,
    keep_jinja_suffix: config.keepJinjaSuffix,
    keep_empty: config.keepEmpty,
    copy_metadata: config.copyMetadata,
    include_patterns: config.includePatterns,
    exclude_patterns: config.excludePatterns,
    undefined: config.undefined,
    force: config.force,
    clean: config.clean,
    quiet: config.quiet,
    extensions: config.extensions,
  };
}

export async function loadPlugins(opts: LoadPluginsOptions): Promise<LoadedPlugins> {
  const { config } = opts;
  const findings: Finding[] = [];
  const contributions: PluginContribution[] = [];
  let bridge: PythonBridge | null = null;
  const rel = (p: string | null) => (p ? relPath(config.root, p) : undefined);
  const ctx: PluginContext = { data: toData(opts.data) as Record<string, unknown>, config: pluginConfig(config), root: config.root };
  const fail = (entry: string, message: string, hint: string, file?: string) =>
    findings.push({ code: 'plugin-error', severity: 'error', message: `plugin "${entry}" ${message}`, hint, ...(file ? { file } : {}) });

  for (const entry of config.plugins) {
    const r = resolveEntry(entry, config);
    if (r.kind === 'esm') {
      try {
        const mod = (await import(pathToFileURL(r.file!).href)) as Record<string, unknown>;
        const exported = r.exportName === null ? mod : mod[r.exportName];
        if (r.exportName !== null && !(r.exportName in mod)) throw new PluginShapeError(`the module has no export "${r.exportName}"`);
        contributions.push(await contributionOf(await instantiate(exported, ctx), entry, r.file));
      } catch (e) {
        const err = e as Error;
        fail(entry, `(ES module): ${err instanceof PluginShapeError ? '' : `${err.name ?? 'Error'}: `}${err.message}`, 'see src/render/README.md for the plugin module shape', rel(r.file));
      }
      continue;
    }
    try {
      bridge ??= new PythonBridge({
        python: opts.python ?? opts.env['HOPS_PYTHON'] ?? 'python3',
        cwd: config.root,
        env: opts.env,
        importPaths: config.importPaths,
      });
      const c = bridge.load(entry, opts.data, pluginConfig(config));
      contributions.push(c);
    } catch (e) {
      if (!(e instanceof PythonBridgeError)) throw e;
      const where = r.file ? ` (${rel(r.file)})` : '';
      fail(entry, `Python plugin${where}: ${e.message}`, e.hint, rel(r.file));
      if (e.noInterpreter) break;
    }
  }
  for (const x of opts.extra ?? []) {
    try {
      contributions.push(await contributionOf(await instantiate(x.plugin, ctx), x.name, null));
    } catch (e) {
      fail(x.name, `(in-process): ${(e as Error).message}`, 'see src/render/README.md for the plugin module shape');
    }
  }
  for (const c of contributions) findings.push(...policyFindings(c, rel(c.source)));
  return {
    contributions,
    findings,
    close: () => bridge?.close(),
  };
}
