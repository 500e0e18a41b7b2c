// The two sides of a diff and what changed between them. The new side is the folder on disk; the old side is a git
// ref of the same repository (read from git objects, seen at the same path) or another folder (mounted at the same
// path). Changed files come from git when it can say (diff against the ref plus untracked files), otherwise from
// comparing the two trees file by file.
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import { DiskFS } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { git, GitFS, gitTopLevel, resolveCommit } from '../io/git-fs.js';
import { OverlayFS } from '../flux/overlay-fs.js';
import { CachedFS, RefView } from './cached-fs.js';
import { MountFS } from './mount-fs.js';

export type Base = { ref: string } | { path: string };

export interface Side {
  /** How the side is named in output: the git ref, a folder, or `working tree`. */
  label: string;
  fs: FileSystem;
  /** Absolute repository root (the same on both sides). */
  root: string;
}

export interface Sides {
  before: Side;
  after: Side;
  /** Notes about the view (skipped submodules). */
  notices: string[];
  /** Repository-relative files that differ between the sides (added, removed or modified). */
  changedFiles(): Set<string>;
}

const SKIP = new Set(['.git']);

/** Files below `dir` (repository-relative), skipping `.git`. */
function listTree(fs: FileSystem, root: string, out = new Set<string>(), dir = root): Set<string> {
  let names: string[];
  try {
    names = fs.readDir(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (SKIP.has(name)) continue;
    const abs = posix.join(dir, name);
    if (fs.isDirectory(abs)) listTree(fs, root, out, abs);
    else if (fs.isFile(abs)) out.add(posix.relative(root, abs));
  }
  return out;
}

/** Files that differ between two views of the same root, by content. */
export function compareTrees(a: FileSystem, b: FileSystem, root: string): Set<string> {
  const fa = listTree(a, root);
  const fb = listTree(b, root);
  const out = new Set<string>();
  for (const f of fa) if (!fb.has(f) || !a.readFile(posix.join(root, f)).equals(b.readFile(posix.join(root, f)))) out.add(f);
  for (const f of fb) if (!fa.has(f)) out.add(f);
  return out;
}

export function openSides(root: string, base: Base, given?: FileSystem): Sides {
  const abs = posix.resolve(root);
  const onDisk = given === undefined || given instanceof DiskFS;
  // the disk does not change during a diff: read every file once, whichever side asks
  const fs = onDisk ? new CachedFS(given ?? new DiskFS()) : given;
  if (!fs.isDirectory(abs)) throw new UsageError(`${abs} is not a folder`);
  const after: Side = { label: 'working tree', fs, root: abs };
  if ('path' in base) {
    const orig = posix.resolve(base.path);
    if (!fs.isDirectory(orig)) throw new UsageError(`--path-orig ${base.path} is not a folder`);
    const before: Side = { label: base.path, fs: orig === abs ? fs : new MountFS(fs, abs, orig), root: abs };
    return { before, after, notices: [], changedFiles: () => compareTrees(before.fs, after.fs, abs) };
  }
  const top = gitTopLevel(abs);
  const commit = resolveCommit(top, base.ref);
  // with the working tree on disk, git lists what changed and only those blobs are read from git
  const changed = onDisk ? gitChangedFiles(abs, commit) : undefined;
  // git works with real paths; the tree is shown at the root as given (it may be reached through a symlink)
  const real = onDisk ? realpathSync(abs) : abs;
  const gfs = new GitFS(top, commit, { preload: changed ? null : real });
  if (!gfs.isDirectory(real)) {
    throw new UsageError(`${posix.relative(top, real) || '.'} does not exist at git ref ${base.ref}`, 'pick a ref where the folder exists, or use --path-orig');
  }
  if (changed) gfs.prefetch([...changed].map((f) => posix.join(real, f)));
  const atReal: FileSystem = changed ? new RefView(gfs, fs, real, changed) : gfs;
  const tree = real === abs ? atReal : new MountFS(atReal, abs, real);
  // FluxRepo recognises the repository's own GitRepository by the remote URL in .git/config: show it on both sides
  const cfg = posix.join(abs, '.git/config');
  const view = fs.isFile(cfg) ? new OverlayFS(tree, { [cfg]: fs.readText(cfg) }) : tree;
  const before: Side = { label: base.ref, fs: view, root: abs };
  return { before, after, notices: gfs.notices, changedFiles: () => changed ?? compareTrees(before.fs, after.fs, abs) };
}

/** Files under `root` that differ between `commit` and the work tree: tracked changes plus untracked files. */
export function gitChangedFiles(root: string, commit: string): Set<string> {
  const out = new Set<string>();
  const add = (buf: Buffer): void => {
    for (const p of buf.toString('utf8').split('\0')) if (p) out.add(p);
  };
  add(git(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', commit, '--', '.']));
  add(git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.']));
  return out;
}
