// All files or none: every file is first written beside its target under a temporary name, then all are renamed
// into place; if anything fails, the temporaries are removed and files already renamed are put back as they were.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HopsError } from '../core/errors.js';

export function writeAll(root: string, files: ReadonlyMap<string, string>): void {
  const tag = `.hops-new-${process.pid}`;
  const staged: Array<{ target: string; tmp: string; before: Buffer | null }> = [];
  const madeDirs: string[] = [];
  const mkdirs = (dir: string): void => {
    const missing: string[] = [];
    for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
    for (const d of missing) {
      mkdirSync(d);
      madeDirs.push(d);
    }
  };
  let renamed = 0;
  try {
    for (const [rel, text] of files) {
      const target = join(root, rel);
      mkdirs(dirname(target));
      const before = existsSync(target) ? readFileSync(target) : null;
      const tmp = target + tag;
      writeFileSync(tmp, text);
      staged.push({ target, tmp, before });
    }
    for (const s of staged) {
      renameSync(s.tmp, s.target);
      renamed++;
    }
  } catch (e) {
    for (const [i, s] of staged.entries()) {
      rmSync(s.tmp, { force: true });
      if (i < renamed) {
        if (s.before) writeFileSync(s.target, s.before);
        else rmSync(s.target, { force: true });
      }
    }
    for (const d of madeDirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: something else is in it
      }
    }
    throw new HopsError(`writing the new app failed, nothing was changed: ${(e as Error).message}`);
  }
}
