// Whether one path lies inside another, and the git work tree a path belongs to — both by path text and the file
// system only (no git process), for the checks that keep hops inside the repository root.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * True when `inner` is `outer` or below it (as text; give real paths to compare real places). `..` as the first
 * component is outside; a name that merely starts with two dots (`..cluster`) is inside.
 */
export function isWithinPath(outer: string, inner: string): boolean {
  const r = relative(resolve(outer), resolve(inner));
  return r === '' || (r !== '..' && !r.startsWith('..' + sep) && !isAbsolute(r));
}

/** The nearest folder at or above `start` holding `.git`, or null. */
export function gitTop(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(resolve(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
