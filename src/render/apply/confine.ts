// The last look before writing: every file hops writes (outputs, the manifest) and every file it prunes must land,
// once symbolic links are followed, inside the repository — or inside the output folder the user named with -o.
// A link inside the output tree that points elsewhere would otherwise carry a template's output out of it.
import { dirname } from 'node:path';
import type { Finding } from '../../core/finding.js';
import { isWithinPath } from '../../io/path-within.js';
import { escapingLink, realPathDeep } from '../../io/real-path.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';

/** Real folders writes may land in: the repository, and the -o folder (or a settings file's own folder). */
export function writeRoots(config: ResolvedConfig, singleFile: boolean): string[] {
  const origin = config.origins.get('output');
  const own = origin?.file ? origin.base : singleFile ? dirname(config.output) : config.output;
  return [realPathDeep(config.root), realPathDeep(own)];
}

/** The error for the first target whose real folder leaves every write root, or null when all stay inside. */
export function escapingWrite(config: ResolvedConfig, singleFile: boolean, targets: readonly string[]): Finding | null {
  const roots = writeRoots(config, singleFile);
  const rel = (p: string) => relPath(config.root, p);
  const realDirs = new Map<string, string>(); // a run writes many files into few folders
  for (const target of targets) {
    const dir = dirname(target);
    let real = realDirs.get(dir);
    if (real === undefined) realDirs.set(dir, (real = realPathDeep(dir)));
    if (roots.some((r) => isWithinPath(r, real))) continue;
    const via = escapingLink(target, roots);
    return {
      code: 'write-outside-repo',
      severity: 'error',
      message: via
        ? `refusing to write ${rel(target)}: ${rel(via.link)} is a symbolic link to ${via.target}, outside the repository; nothing was written`
        : `refusing to write ${rel(target)}: its folder is really ${real}, outside the repository; nothing was written`,
      file: rel(via?.link ?? target),
      hint: via
        ? `replace the link ${rel(via.link)} with a real folder (or remove it): hops writes only inside the repository, or inside the folder given with -o`
        : 'pass -o <folder> on the command line to write outside the repository',
    };
  }
  return null;
}
