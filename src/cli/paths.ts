// Paths the user types are relative to the folder the command runs in (CliIO.cwd), which tests and the dashboard
// pass in; never to the process's own working folder.
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { gitTop, isWithinPath } from '../io/path-within.js';
import { UsageError } from '../core/errors.js';
import type { CliIO } from './io.js';

/** A path given on the command line, made absolute against the command's folder. */
export function userPath(io: Pick<CliIO, 'cwd'>, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false; // missing, or a path through a file (ENOTDIR)
  }
}

/**
 * The repository root: `--path`, else the command's folder. A `--path` that is not a folder is a usage error here,
 * before any stage reads it (the same words validate, diff and new app use).
 */
export function repoRoot(io: Pick<CliIO, 'cwd'>, o: Record<string, unknown>): string {
  if (typeof o['path'] !== 'string') return io.cwd;
  const root = userPath(io, o['path']);
  if (!isFolder(root)) throw new UsageError(`${root} is not a folder`);
  return root;
}

/** `--entry <dir>`: a folder inside the repository, relative to its root. */
export function entryDir(root: string, entry: string): string {
  const dir = isAbsolute(entry) ? entry : resolve(root, entry);
  if (!isWithinPath(root, dir)) throw new UsageError(`--entry ${entry} is outside the repository ${root}`, 'give the cluster directory relative to the repository root, e.g. kubernetes/flux/cluster');
  if (!isFolder(dir)) throw new UsageError(`--entry ${entry} is not a folder in ${root}`, 'give the cluster directory relative to the repository root, e.g. kubernetes/flux/cluster');
  return dir;
}

/**
 * The root `hops build path <dir>...` may read below, like kustomize's run from anywhere but never outside a
 * repository: the command's folder when it holds every directory, else the git work tree holding the first one
 * (the nearest folder with `.git`) when it holds them all.
 */
export function pathModeRoot(cwd: string, dirs: readonly string[]): string {
  if (dirs.every((d) => isWithinPath(cwd, d))) return cwd;
  const first = dirs[0] ?? cwd;
  const top = gitTop(first);
  if (top !== null && dirs.every((x) => isWithinPath(top, x))) return top;
  const out = dirs.find((d) => !isWithinPath(cwd, d)) ?? first;
  throw new UsageError(`${out} is outside the current folder ${cwd}, and no one git repository holds all the directories`, 'run hops inside the repository, or give its root with --path <repo>; hops reads no file outside it');
}
