// The template environment makejinja builds: a loader over the inputs (single files by name first, then each input
// folder in order, like Jinja's ChoiceLoader[DictLoader, FileSystemLoader]), makejinja's Jinja options, and the
// globals/filters/tests from data and plugins.
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Environment, referencedVariables } from '../template/index.js';
import type { EnvironmentOptions, TemplateLoader, TemplateSource, VariableReference } from '../template/api.js';
import { PyError } from '../template/runtime/values.js';
import type { FilterFn, TestFn, Value } from '../template/runtime/values.js';
import type { ResolvedConfig } from './config/resolve.js';
import { relPath } from './data/load.js';
import type { PluginContribution } from './plugins/types.js';

/** Reads templates like Jinja's loaders (text with universal newlines) and remembers where each name came from. */
export class InputLoader implements TemplateLoader {
  /** Template name → absolute file, for every template loaded so far. */
  readonly files = new Map<string, string>();
  /** Template name → source text as loaded. */
  readonly sources = new Map<string, string>();
  private readonly singles = new Map<string, string>();
  private readonly dirs: string[] = [];

  constructor(
    inputs: readonly string[],
    private readonly root: string,
  ) {
    for (const p of inputs) {
      let dir = false;
      try {
        dir = statSync(p).isDirectory();
      } catch {
        // a missing input is reported by the config stage
      }
      if (dir) this.dirs.push(p);
      else this.singles.set(basename(p), p);
    }
  }

  /** Where `name` would be loaded from, or null. */
  locate(name: string): string | null {
    const single = this.singles.get(name);
    if (single !== undefined) return single;
    const parts = name.split('/');
    if (parts.some((p) => p === '..')) return null;
    for (const dir of this.dirs) {
      const file = join(dir, ...parts.filter((p) => p !== '' && p !== '.'));
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        // not in this folder
      }
    }
    return null;
  }

  getSource(name: string): TemplateSource | null {
    const file = this.locate(name);
    if (file === null) return null;
    this.files.set(name, file);
    const source = decodeTemplate(readFileSync(file), relPath(this.root, file)).replace(/\r\n?/g, '\n');
    this.sources.set(name, source);
    return { source, filename: relPath(this.root, file) };
  }
}

/** Jinja reads templates as UTF-8 and stops at the first byte that is not (Python's UnicodeDecodeError, a ValueError). */
export function decodeTemplate(bytes: Buffer, name: string): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes)) return text;
  // the first U+FFFD the file does not hold as EF BF BD is where decoding failed (a real U+FFFD may come before it)
  let at = 0;
  let line = 1;
  for (const c of text) {
    if (c === '\uFFFD' && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) break;
    if (c === '\n') line++;
    at += Buffer.byteLength(c, 'utf8');
  }
  throw new PyError(
    'ValueError',
    `${name} is not UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at position ${at}, line ${line}); templates are read as UTF-8: save it as UTF-8, or drop the template suffix to have a binary file copied as it is`,
  );
}

export interface BuiltEnvironment {
  env: Environment;
  loader: InputLoader;
  /** Names of the template globals that are not data (env, plugin functions): not variables for `hops vars`. */
  functionNames: Set<string>;
}

export function buildEnvironment(
  config: ResolvedConfig,
  data: Map<Value, Value>,
  plugins: readonly PluginContribution[],
  processEnv: Record<string, string | undefined>,
): BuiltEnvironment {
  const loader = new InputLoader(config.inputs, config.root);
  const globals = new Map<string, Value>();
  const functionNames = new Set<string>(['env']);
  for (const [k, v] of data) globals.set(String(k), v);
  const envMap = new Map<Value, Value>();
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) envMap.set(k, v);
  globals.set('env', envMap);
  const filters = new Map<string, FilterFn>();
  const tests = new Map<string, TestFn>();
  const extensions = [...config.extensions];
  for (const p of plugins) {
    for (const [k, v] of p.globals) {
      globals.set(k, v);
      functionNames.add(k);
    }
    for (const [k, v] of p.data) {
      globals.set(String(k), v);
      functionNames.delete(String(k));
    }
    for (const ext of p.extensions) if (!extensions.includes(ext)) extensions.push(ext);
    for (const [k, v] of p.filters) filters.set(k, v);
    for (const [k, v] of p.tests) tests.set(k, v);
  }
  const options: EnvironmentOptions = {
    ...config.syntax,
    trimBlocks: config.trimBlocks,
    lstripBlocks: config.lstripBlocks,
    keepTrailingNewline: config.keepTrailingNewline,
    newlineSequence: config.newlineSequence,
    undefined: config.undefined,
    autoescape: config.autoescape,
    extensions,
    loader,
    globals,
    filters,
    tests,
  };
  const env = new Environment(options);
  // makejinja: env.policies.update(plugin.policies()), plugin by plugin
  for (const p of plugins) for (const [k, v] of p.policies) env.policies.set(k, v);
  return { env, loader, functionNames };
}

/** The variables template `name` reads from its context (via the engine's analysis), or null if it is not found. */
export function templateReferences(built: BuiltEnvironment, name: string): VariableReference[] | null {
  const src = built.loader.getSource(name);
  if (!src) return null;
  return referencedVariables(built.env, src.source, name);
}
