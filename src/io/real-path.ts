// Where a write really lands. A path can look inside a folder and still leave it through a symbolic link on the
// way; comparing paths as text misses that. These resolve the links of the part of a path that exists (a path that
// will be created is the real path of its deepest existing ancestor plus the names still to be made).
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { isWithinPath } from './path-within.js';
import { basename, dirname, join, resolve } from 'node:path';


/** The real path of `p`, whether or not it exists yet: links are followed, dangling ones too. */
export function realPathDeep(p: string, depth = 0): string {
  const tail: string[] = [];
  let dir = resolve(p);
  for (;;) {
    try {
      return join(realpathSync(dir), ...tail);
    } catch {
      // missing, or a dangling link: a dangling link still decides where a write through it would go
      const link = danglingTarget(dir);
      if (link !== null && depth < 40) return join(realPathDeep(link, depth + 1), ...tail);
    }
    const up = dirname(dir);
    if (up === dir) return join(dir, ...tail);
    tail.unshift(basename(dir));
    dir = up;
  }
}

function danglingTarget(p: string): string | null {
  try {
    if (!lstatSync(p).isSymbolicLink()) return null;
    return resolve(dirname(p), readlinkSync(p));
  } catch {
    return null;
  }
}

/**
 * The first symbolic link on the way to `p` (from the top) that leads out of every folder in `realRoots`, with its
 * real target; null when there is none (then `p` is inside, or outside without a link's help).
 */
export function escapingLink(p: string, realRoots: readonly string[]): { link: string; target: string } | null {
  const abs = resolve(p);
  const chain: string[] = [];
  for (let d = abs; ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of chain) {
    let isLink = false;
    try {
      isLink = lstatSync(d).isSymbolicLink();
    } catch {
      break;
    }
    if (!isLink) continue;
    const target = realPathDeep(d);
    const parentInside = realRoots.some((r) => isWithinPath(r, realPathDeep(dirname(d))));
    if (parentInside && !realRoots.some((r) => isWithinPath(r, target))) return { link: d, target };
  }
  return null;
}
