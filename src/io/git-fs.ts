// A read-only FileSystem over one commit of a git repository, read straight from the object store: one
// `git ls-tree -r` for the tree and `git cat-file --batch` for blobs (all blobs below the preload folder in one
// batch on first use, any other blob on demand) — never a checkout. The tree is seen at `mount` (by default the
// repository's own folder), so paths and origins match the working tree's. Symlinks are followed inside the tree;
// submodules are skipped and listed in `notices`.
import { spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import { FileNotFoundError, sortBytewise } from './fs.js';
import type { FileSystem } from './fs.js';

interface Entry {
  mode: string;
  oid: string;
  size: number;
}

export interface GitFSOptions {
  /** Absolute path the repository's top folder appears at (default: the real top folder). */
  mount?: string;
  /**
   * Absolute folder (under the mount) whose blobs are read in one batch on first access (default: the mount);
   * null reads blobs only on demand (see prefetch()).
   */
  preload?: string | null;
  /** Blobs larger than this are read on demand rather than in the first batch (default 1 MiB). */
  preloadMaxBytes?: number;
}

const MAX_LINKS = 40;

/** Runs git in `cwd`; throws with git's message on failure. */
export function git(cwd: string, args: string[], input?: Buffer | string, maxBuffer = 64 * 1024 * 1024): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer, stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error) {
    const code = (r.error as { code?: string }).code;
    throw new UsageError(code === 'ENOENT' ? 'git is not installed (needed to read a git ref)' : `git ${args[0]}: ${r.error.message}`);
  }
  if (r.status !== 0) throw new GitError(args, r.stderr.toString('utf8').trim());
  return r.stdout;
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')}: ${stderr || 'failed'}`);
    this.name = 'GitError';
  }
}

/** The top folder of the work tree holding `dir`; a clear error when `dir` is not in a git repository. */
export function gitTopLevel(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(`${dir} is not inside a git repository`, 'pass --path-orig <dir> to compare two folders instead of a git ref');
    throw e;
  }
}

/** The commit `ref` names, or a usage error naming the ref. */
export function resolveCommit(top: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`bad git ref ${JSON.stringify(ref)}`);
  try {
    return git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitError) {
      throw new UsageError(`unknown git ref ${JSON.stringify(ref)} in ${top}`, 'name a branch, tag or commit that exists locally (git fetch it first; hops does not use the network)');
    }
    throw e;
  }
}

export class GitFS implements FileSystem {
  /** Things left out of the view (submodules), one sentence each. */
  readonly notices: string[] = [];
  readonly commit: string;
  readonly top: string;
  readonly mount: string;
  private readonly files = new Map<string, Entry>();
  private readonly dirs = new Map<string, Set<string>>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly preload: string | null;
  private readonly preloadMax: number;
  private preloaded = false;
  /** Whether the tree holds symlinks at all (without them a path resolves to itself). */
  private hasLinks = false;

  /** Opens `ref` of the repository holding `dir` (any folder inside the work tree). */
  static open(dir: string, ref: string, opts: GitFSOptions = {}): GitFS {
    const top = gitTopLevel(dir);
    return new GitFS(top, resolveCommit(top, ref), opts);
  }

  constructor(top: string, commit: string, opts: GitFSOptions = {}) {
    this.top = top;
    this.commit = commit;
    this.mount = posix.normalize(opts.mount ?? top);
    this.preload = opts.preload === null ? null : posix.normalize(opts.preload ?? this.mount);
    this.preloadMax = opts.preloadMaxBytes ?? 1024 * 1024;
    this.dirs.set(this.mount, new Set());
    this.readTree();
  }

  private readTree(): void {
    const out = git(this.top, ['ls-tree', '-r', '-l', '-z', '--full-tree', this.commit]).toString('utf8');
    for (const rec of out.split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode = '', type = '', oid = '', size = ''] = rec.slice(0, tab).split(/ +/);
      const path = posix.join(this.mount, rec.slice(tab + 1));
      if (type === 'commit') {
        this.notices.push(`submodule ${rec.slice(tab + 1)} is not read from git ref ${this.commit.slice(0, 12)} (skipped)`);
        continue;
      }
      if (type !== 'blob') continue;
      if (mode === '120000') this.hasLinks = true;
      this.files.set(path, { mode, oid, size: Number(size) || 0 });
      this.link(path);
    }
  }

  private link(p: string): void {
    for (let child = p; child !== this.mount; child = posix.dirname(child)) {
      const dir = posix.dirname(child);
      let entries = this.dirs.get(dir);
      if (!entries) this.dirs.set(dir, (entries = new Set()));
      entries.add(posix.basename(child));
    }
  }

  /** The blob id of a file (after following links), for cheap comparisons; undefined when missing. */
  blobId(path: string): string | undefined {
    const p = this.resolve(path);
    return p === null ? undefined : this.files.get(p)?.oid;
  }

  /** Follows symlinks in every component; null when the path does not exist in the tree (or leaves it). */
  private resolve(path: string, hops = { n: 0 }): string | null {
    const p = posix.normalize(path);
    if (!this.hasLinks) return this.files.has(p) || this.dirs.has(p) ? p : null;
    if (p === this.mount) return p;
    if (!p.startsWith(this.mount + '/')) return null;
    const parts = p.slice(this.mount.length + 1).split('/');
    let cur = this.mount;
    for (let i = 0; i < parts.length; i++) {
      const next = posix.join(cur, parts[i]!);
      const e = this.files.get(next);
      if (e && e.mode === '120000') {
        if (++hops.n > MAX_LINKS) return null;
        const target = this.blob(next, e).toString('utf8');
        const joined = posix.join(target.startsWith('/') ? target : posix.join(cur, target), ...parts.slice(i + 1));
        return this.resolve(joined, hops);
      }
      if (!e && !this.dirs.has(next)) return null;
      if (e && i < parts.length - 1) return null; // a file used as a folder
      cur = next;
    }
    return cur;
  }

  private blob(path: string, e: Entry): Buffer {
    let b = this.blobs.get(e.oid);
    if (b) return b;
    const pre = this.preload;
    if (!this.preloaded && pre !== null && (path === pre || path.startsWith(pre + '/'))) {
      this.preloaded = true;
      const want: string[] = [];
      for (const [p, f] of this.files) {
        if (f.size <= this.preloadMax && (p === pre || p.startsWith(pre + '/')) && !this.blobs.has(f.oid)) want.push(f.oid);
      }
      this.readBlobs([...new Set(want)]);
      b = this.blobs.get(e.oid);
      if (b) return b;
    }
    this.readBlobs([e.oid]);
    return this.blobs.get(e.oid)!;
  }

  /** Reads the blobs of these files (absolute paths; missing ones ignored) in one batch. */
  prefetch(paths: Iterable<string>): void {
    const want = new Set<string>();
    for (const path of paths) {
      const p = this.resolve(path);
      const e = p === null ? undefined : this.files.get(p);
      if (e && !this.blobs.has(e.oid)) want.add(e.oid);
    }
    this.readBlobs([...want]);
  }

  /** One `git cat-file --batch` run for a list of object ids. */
  private readBlobs(oids: string[]): void {
    if (oids.length === 0) return;
    let total = 0;
    for (const f of this.files.values()) total += f.size;
    const out = git(this.top, ['cat-file', '--batch'], oids.join('\n') + '\n', total + oids.length * 64 + 1024 * 1024);
    let i = 0;
    while (i < out.length) {
      const nl = out.indexOf(10, i);
      const header = out.subarray(i, nl).toString('utf8').split(' ');
      if (header[1] === 'missing') throw new Error(`git object ${header[0]} is missing from ${this.top}`);
      const size = Number(header[2]);
      this.blobs.set(header[0]!, out.subarray(nl + 1, nl + 1 + size));
      i = nl + 1 + size + 1;
    }
  }

  readFile(path: string): Buffer {
    const p = this.resolve(path);
    const e = p === null ? undefined : this.files.get(p);
    if (!e) throw new FileNotFoundError(posix.normalize(path), p !== null && this.dirs.has(p) ? 'is a directory' : undefined);
    return this.blob(p!, e);
  }
  readText(path: string): string {
    return this.readFile(path).toString('utf8');
  }
  exists(path: string): boolean {
    return this.resolve(path) !== null;
  }
  isDirectory(path: string): boolean {
    const p = this.resolve(path);
    return p !== null && this.dirs.has(p);
  }
  isFile(path: string): boolean {
    const p = this.resolve(path);
    return p !== null && this.files.has(p);
  }
  readDir(path: string): string[] {
    const p = this.resolve(path);
    const entries = p === null ? undefined : this.dirs.get(p);
    if (!entries) throw new FileNotFoundError(posix.normalize(path), p !== null ? 'not a directory' : undefined);
    return sortBytewise([...entries]);
  }
  realpath(path: string): string {
    const p = this.resolve(path);
    if (p === null) throw new FileNotFoundError(posix.normalize(path));
    return p;
  }

  /** Every file path (absolute, under the mount), links included as themselves. */
  listFiles(under = this.mount): string[] {
    const out: string[] = [];
    for (const p of this.files.keys()) if (p === under || p.startsWith(under + '/')) out.push(p);
    return out;
  }
}
