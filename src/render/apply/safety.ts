// `clean` deletes the whole output folder (makejinja semantics). hops refuses when that folder is the repository,
// holds the repository, or holds anything the run reads (inputs, data, settings, plugins).
import { homedir } from 'node:os';
import { parse, resolve } from 'node:path';
import { gitTop, isWithinPath as isWithin } from '../../io/path-within.js';
import type { Finding } from '../../core/finding.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';

export function cleanRefusal(config: ResolvedConfig): Finding | null {
  const out = resolve(config.output);
  const rel = (p: string) => relPath(config.root, p);
  const refuse = (why: string): Finding => ({
    code: 'clean-refused',
    severity: 'error',
    message: `refusing clean: the output folder ${rel(out)} ${why}`,
    hint: 'point "output" at a folder that holds only generated files, or drop clean (hops --prune deletes outputs of removed templates safely)',
  });
  if (out === parse(out).root || out === homedir()) return refuse('is the file-system root or your home folder');
  if (isWithin(out, config.root)) return refuse('is the repository folder (where makejinja.toml is) or contains it');
  const git = gitTop(config.root);
  if (git !== null && isWithin(out, git)) return refuse('is the git repository root or contains it');
  const read: Array<[string, string]> = [
    ...config.inputs.map((p): [string, string] => [p, 'an input']),
    ...config.data.map((p): [string, string] => [p, 'a data file']),
    ...config.configFiles.map((p): [string, string] => [p, 'a settings file']),
    ...config.importPaths.map((p): [string, string] => [p, 'a plugin import path']),
  ];
  for (const [p, what] of read) {
    if (isWithin(out, p)) return refuse(`holds ${what} of this run (${rel(p)})`);
  }
  return null;
}
