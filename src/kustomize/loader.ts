// File access for one kustomization root, with kustomize's load restriction. Files (resources, patches, generator
// sources) must lie in or below the root under `rootOnly`; directories (bases, components) may be anywhere but never
// form a cycle. Whatever the restrictor, nothing outside the repository root is read, and nothing remote.
import { posix } from 'node:path';
import { FileNotFoundError } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { InputError } from '../core/errors.js';

export type LoadRestrictor = 'rootOnly' | 'none';

/** State shared by every loader of one build session (caches survive across builds with the same session). */
export interface LoadSession {
  fs: FileSystem;
  restrictor: LoadRestrictor;
  /** Absolute, symlink-resolved repository root. */
  repoRoot: string;
  /** Raw text by real path. */
  texts: Map<string, string>;
  realpaths: Map<string, string | null>;
  dirs: Map<string, boolean>;
  /** Parsed artefacts by `kind:path` (kustomization files, resource documents); consumers must not mutate them. */
  memo: Map<string, unknown>;
}

export function newSession(fs: FileSystem, restrictor: LoadRestrictor, repoRoot: string): LoadSession {
  const root = posix.normalize(repoRoot);
  const real = fs.realpath ? safeReal(fs, root) ?? root : root;
  return { fs, restrictor, repoRoot: real, texts: new Map(), realpaths: new Map(), dirs: new Map(), memo: new Map() };
}

function safeReal(fs: FileSystem, p: string): string | null {
  try {
    return fs.realpath ? fs.realpath(p) : fs.exists(p) ? p : null;
  } catch {
    return null;
  }
}

/** `http(s)://` URLs and git-style remote bases. */
export function isRemote(path: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ||
    /^git@/.test(path) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) ||
    /\?(ref|version|timeout|submodules)=/.test(path)
  );
}

/** Thrown for a path that cannot be loaded; `notFound` tells the caller it may try the path as a directory. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

const REMOTE_HINT = 'vendor the manifests into the repository (hops builds offline)';
const SECURITY_HINT =
  "root-only loading keeps files under the kustomization's directory; build with load restrictor 'none' (as Flux does) or move the file";

function isUnder(child: string, dir: string): boolean {
  return dir === '/' || child === dir || child.startsWith(dir + '/');
}

export class Loader {
  readonly root: string;
  private readonly session: LoadSession;
  private readonly referrer: Loader | undefined;

  constructor(session: LoadSession, root: string, referrer?: Loader) {
    this.session = session;
    this.root = root;
    this.referrer = referrer;
  }

  /** A loader at the repository-relative directory `dir` (the build entry point). */
  static atDir(session: LoadSession, dir: string): Loader {
    const abs = posix.isAbsolute(dir) ? posix.normalize(dir) : posix.join(session.repoRoot, dir);
    const real = session.fs.realpath ? safeReal(session.fs, abs) : abs;
    if (real === null || !session.fs.isDirectory(real)) {
      throw new InputError(relTo(session, abs), real === null ? 'not a directory: it does not exist' : 'not a directory', { hint: 'pass a directory that holds a kustomization.yaml' });
    }
    if (!isUnder(real, session.repoRoot)) {
      throw new InputError(relTo(session, abs), 'is outside the repository root');
    }
    return new Loader(session, real);
  }

  get fs(): FileSystem {
    return this.session.fs;
  }

  /** Session-wide memo for parsed artefacts. */
  memo<T>(key: string, make: () => T): T {
    const m = this.session.memo;
    if (m.has(key)) return m.get(key) as T;
    const v = make();
    m.set(key, v);
    return v;
  }

  get restrictor(): LoadRestrictor {
    return this.session.restrictor;
  }

  /** Repository-relative form of an absolute path, for messages and origins. */
  rel(abs: string): string {
    return relTo(this.session, abs);
  }

  private isDir(real: string): boolean {
    let d = this.session.dirs.get(real);
    if (d === undefined) this.session.dirs.set(real, (d = this.session.fs.isDirectory(real)));
    return d;
  }

  private real(abs: string): string | null {
    const cache = this.session.realpaths;
    let r = cache.get(abs);
    if (r === undefined) {
      r = this.session.fs.realpath ? safeReal(this.session.fs, abs) : this.session.fs.exists(abs) ? abs : null;
      cache.set(abs, r);
    }
    return r;
  }

  /** Absolute path of a file named relative to this root, after the load restriction. */
  resolveFile(path: string): string {
    if (isRemote(path)) {
      throw new LoadError(`'${path}' is a remote resource; hops does not fetch over the network`, false, REMOTE_HINT);
    }
    const abs = posix.isAbsolute(path) ? posix.normalize(path) : posix.join(this.root, path);
    const real = this.real(abs);
    if (real === null) throw new LoadError(`'${this.rel(abs)}' does not exist`, true);
    if (this.isDir(real)) throw new LoadError(`'${this.rel(abs)}' must resolve to a file`, true);
    if (this.session.restrictor === 'rootOnly' && !isUnder(posix.dirname(real), this.root)) {
      throw new LoadError(`security; file '${this.rel(abs)}' is not in or below '${this.rel(this.root)}'`, false, SECURITY_HINT);
    }
    if (!isUnder(real, this.session.repoRoot)) {
      throw new LoadError(`file '${path}' resolves outside the repository root`);
    }
    return real;
  }

  /** Text of a file relative to this root (UTF-8, cached per session). */
  load(path: string): string {
    const real = this.resolveFile(path);
    let t = this.session.texts.get(real);
    if (t === undefined) {
      try {
        t = this.session.fs.readText(real);
      } catch (e) {
        if (e instanceof FileNotFoundError) throw new LoadError(`'${this.rel(real)}' does not exist`, true);
        throw e;
      }
      this.session.texts.set(real, t);
    }
    return t;
  }

  /** Raw bytes of a file (generator sources may be binary). */
  loadBytes(path: string): Buffer {
    return this.session.fs.readFile(this.resolveFile(path));
  }

  /** A loader for a base or component directory; refuses cycles and paths outside the repository. */
  child(path: string): Loader {
    if (path === '') throw new LoadError('new root cannot be empty');
    if (isRemote(path)) {
      throw new LoadError(`'${path}' is a remote base; hops does not fetch over the network`, false, REMOTE_HINT);
    }
    if (posix.isAbsolute(path)) throw new LoadError(`new root '${path}' cannot be absolute`);
    const abs = posix.join(this.root, path);
    const real = this.real(abs);
    if (real === null) throw new LoadError(`'${this.rel(abs)}' does not exist`, true);
    if (!this.isDir(real)) throw new LoadError(`'${this.rel(abs)}' is not a directory`, true);
    if (!isUnder(real, this.session.repoRoot)) {
      throw new LoadError(`'${path}' resolves outside the repository root`);
    }
    for (let l: Loader | undefined = this; l; l = l.referrer) {
      if (isUnder(l.root, real)) {
        throw new LoadError(`cycle detected: candidate root '${this.rel(real)}' contains visited root '${this.rel(l.root)}'`);
      }
    }
    return new Loader(this.session, real, this);
  }
}

export function relTo(session: LoadSession, abs: string): string {
  if (abs === session.repoRoot) return '.';
  if (abs.startsWith(session.repoRoot + '/')) return abs.slice(session.repoRoot.length + 1);
  return abs;
}
