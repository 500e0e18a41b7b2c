// A settings file in the repository must not send writes out of it (a command-line -o is the user's own choice).
// Compared as real paths: `output = "./site"` where site is a symbolic link to /srv leaves the repository too.
import { resolve } from 'node:path';
import type { Finding } from '../../core/finding.js';
import { isWithinPath } from '../../io/path-within.js';
import { escapingLink, realPathDeep } from '../../io/real-path.js';
import type { Origin } from './keys.js';

/** The error for an `output` set in a settings file that leads outside the repository folder, or null. */
export function outputOutsideRepo(root: string, outRaw: string, origin: Origin, rel: (p: string) => string): Finding | null {
  if (!origin.file) return null;
  const out = resolve(origin.base, outRaw);
  // the toml's own folder counts too: a --config file elsewhere may write beside itself
  const roots = [realPathDeep(root), realPathDeep(origin.base)];
  if (roots.some((r) => isWithinPath(r, realPathDeep(out)))) return null;
  const via = escapingLink(out, roots);
  return {
    code: 'config-invalid',
    severity: 'error',
    message: via
      ? `output "${outRaw}" is outside the repository folder ${root}: ${rel(via.link)} is a symbolic link to ${via.target}; hops does not write outside it`
      : `output "${outRaw}" is outside the repository folder ${root}; hops does not write outside it`,
    ...originLoc(origin, rel),
    hint: via
      ? `set output to a folder inside the repository that is not reached through the link ${rel(via.link)}, or pass -o <folder> on the command line to write elsewhere`
      : 'set output to a folder inside the repository (usually "./"), or pass -o <folder> on the command line to write elsewhere',
  };
}

/** Where a setting was written, as a finding's file and line (nothing for defaults, variables and flags). */
export function originLoc(o: Origin | undefined, rel: (p: string) => string): Pick<Finding, 'file' | 'line'> {
  if (!o?.file) return {};
  return o.line !== undefined ? { file: rel(o.file), line: o.line } : { file: rel(o.file) };
}
