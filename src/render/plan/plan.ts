// Walk the inputs the way makejinja 2.8 does and decide, for every path, what happens: render, copy, skip (excluded,
// already produced by an earlier input, or existing output without `force`), or create a folder. Nothing is read
// or written here besides listing folders and testing whether outputs exist.
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';
import { globEntries, pathMatch, walkTree } from './pathlib.js';

export type Action =
  /** Render `templateName` (looked up through the loader, like Jinja's get_template) into `output`. */
  | { kind: 'render'; input: string; templateName: string; output: string }
  | { kind: 'copy'; input: string; output: string }
  /** Output exists and `force` is off: left alone. */
  | { kind: 'keep-existing'; input: string; output: string; isDir: boolean }
  | { kind: 'excluded'; input: string; by: string }
  | { kind: 'dir'; input: string; output: string };

export interface Plan {
  actions: Action[];
  /** Output folders makejinja registers (created, or existing): emptied ones are removed unless keep_empty. */
  dirs: Array<{ input: string; output: string }>;
  /** One input file rendered to one output file (or stdout). */
  singleFile: boolean;
  /** Path filters that failed (the path is then excluded). */
  findings: Finding[];
}

export interface PathFilter {
  /** Plugin name, for messages. */
  plugin: string;
  /** False excludes the path (absolute). */
  keep(path: string): boolean;
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** makejinja's single_input_output_file. */
export function isSingleFile(config: ResolvedConfig): boolean {
  if (config.inputs.length > 1 || config.inputs.some(isDir)) return false;
  if (config.stdout) return true;
  const out = config.output;
  if (isDir(out)) return false;
  return suffixOf(basename(out)) !== '' || existsSync(out);
}

/** Output path of an input path relative to its input folder (makejinja's generate_output_path). */
export function outputPathFor(config: ResolvedConfig, relParts: string[], single: boolean): string {
  if (single) return config.output;
  let name = relParts[relParts.length - 1]!;
  if (!config.keepJinjaSuffix && suffixOf(name) === config.jinjaSuffix) name = name.slice(0, name.length - config.jinjaSuffix.length);
  return join(config.output, ...relParts.slice(0, -1), name);
}

/** pathlib's Path.suffix: the last `.x` of the name, '' for dotfiles without another dot. */
export function suffixOf(name: string): string {
  const i = name.lastIndexOf('.');
  if (i <= 0 || i === name.length - 1) return '';
  return name.slice(i);
}

export function planRender(config: ResolvedConfig, pathFilters: readonly PathFilter[]): Plan {
  const single = isSingleFile(config);
  const actions: Action[] = [];
  const dirs: Plan['dirs'] = [];
  const doneFiles = new Set<string>();
  const doneDirs = new Set<string>();
  const findings: Finding[] = [];
  // a plugin's path filter is plugin code: its failure is the plugin's error, reported like its other errors
  const keeps = (f: PathFilter, path: string): boolean => {
    try {
      return f.keep(path);
    } catch (e) {
      findings.push({
        code: 'plugin-error',
        severity: 'error',
        message: `plugin "${f.plugin}": its path filter failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
        file: relPath(config.root, path),
        hint: 'fix the path filter of the plugin',
      });
      return false;
    }
  };
  // With `clean` the output folder is gone before rendering starts, so nothing "exists" yet.
  const exists = (p: string) => !config.clean && existsSync(p);
  const fileAction = (input: string, templateName: string, output: string, enforceSuffix: boolean): Action => {
    if (!config.force && !config.stdout && exists(output)) return { kind: 'keep-existing', input, output, isDir: false };
    if (!enforceSuffix || suffixOf(input) === config.jinjaSuffix) return { kind: 'render', input, templateName, output };
    return { kind: 'copy', input, output };
  };

  for (const input of config.inputs) {
    if (!isDir(input)) {
      const name = basename(input);
      const output = outputPathFor(config, [name], single);
      if (!doneFiles.has(output)) actions.push(fileAction(input, name, output, false));
      doneFiles.add(output);
      continue;
    }
    const tree = walkTree(input);
    const enforce = config.jinjaSuffix !== '';
    for (const pattern of config.includePatterns) {
      for (const entry of globEntries(tree, pattern)) {
        const abs = join(input, ...entry.parts);
        const output = outputPathFor(config, entry.parts, false);
        const byPattern = config.excludePatterns.find((p) => pathMatch(abs, p));
        const byPlugin = byPattern === undefined ? pathFilters.find((f) => !keeps(f, abs)) : undefined;
        if (byPattern !== undefined || byPlugin !== undefined) {
          actions.push({ kind: 'excluded', input: abs, by: byPattern !== undefined ? `exclude pattern "${byPattern}"` : `path filter of ${byPlugin!.plugin}` });
        } else if (!entry.isDir && !doneFiles.has(output)) {
          actions.push(fileAction(abs, entry.rel, output, enforce));
          doneFiles.add(output);
        } else if (entry.isDir && !doneDirs.has(output)) {
          if (!config.force && exists(output)) actions.push({ kind: 'keep-existing', input: abs, output, isDir: true });
          else actions.push({ kind: 'dir', input: abs, output });
          dirs.push({ input: abs, output });
          doneDirs.add(output);
        }
      }
    }
  }
  return { actions, dirs, singleFile: single, findings };
}
