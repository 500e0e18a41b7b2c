// The filesystem seen by the build stages: POSIX absolute paths, read-only. DiskFS reads the real disk; MemoryFS is
// built from a record of files (directories implied) so krusty-style tests can write a kustomization into memory.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';

export interface FileSystem {
  /** Bytes of a file; throws FileNotFoundError when it is missing or a directory. */
  readFile(path: string): Buffer;
  /** UTF-8 text of a file (a leading BOM is kept; the YAML reader deals with it). */
  readText(path: string): string;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  isFile(path: string): boolean;
  /** Entry names of a directory, sorted bytewise (as Go's os.ReadDir); throws FileNotFoundError when missing. */
  readDir(path: string): string[];
  /** Resolved path with symlinks followed, when the filesystem has links. */
  realpath?(path: string): string;
}

/** A path that does not exist (or is not the kind of entry asked for). */
export class FileNotFoundError extends Error {
  readonly path: string;
  readonly code = 'ENOENT';
  constructor(path: string, what = 'no such file or directory') {
    super(`${path}: ${what}`);
    this.name = 'FileNotFoundError';
    this.path = path;
  }
}

function mustBeAbsolute(path: string): string {
  if (!path.startsWith('/')) throw new Error(`filesystem paths must be absolute POSIX paths, got ${JSON.stringify(path)}`);
  return posix.normalize(path);
}

/** Bytewise order, which is what Go's sort.Strings gives for UTF-8 names. */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Sorts names in place in bytewise order (Go's os.ReadDir order) and returns them. */
export function sortBytewise(names: string[]): string[] {
  // Fast path for ASCII names: UTF-16 order equals byte order there.
  return names.every((n) => /^[\x00-\x7f]*$/.test(n)) ? names.sort() : names.sort(compareBytewise);
}

/** Read-only view of the real disk. */
export class DiskFS implements FileSystem {
  readFile(path: string): Buffer {
    const p = mustBeAbsolute(path);
    try {
      return readFileSync(p);
    } catch (e) {
      throw toNotFound(p, e);
    }
  }
  readText(path: string): string {
    return this.readFile(path).toString('utf8');
  }
  exists(path: string): boolean {
    try {
      statSync(mustBeAbsolute(path));
      return true;
    } catch {
      return false;
    }
  }
  isDirectory(path: string): boolean {
    try {
      return statSync(mustBeAbsolute(path)).isDirectory();
    } catch {
      return false;
    }
  }
  isFile(path: string): boolean {
    try {
      return statSync(mustBeAbsolute(path)).isFile();
    } catch {
      return false;
    }
  }
  readDir(path: string): string[] {
    const p = mustBeAbsolute(path);
    try {
      return sortBytewise(readdirSync(p));
    } catch (e) {
      throw toNotFound(p, e);
    }
  }
  realpath(path: string): string {
    const p = mustBeAbsolute(path);
    try {
      return realpathSync(p);
    } catch (e) {
      throw toNotFound(p, e);
    }
  }
}

function toNotFound(path: string, e: unknown): Error {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileNotFoundError(path);
  if (code === 'EISDIR') return new FileNotFoundError(path, 'is a directory');
  return e instanceof Error ? e : new Error(String(e));
}

/** In-memory tree from `{ '/abs/path': contents }`; every parent directory of a file exists. */
export class MemoryFS implements FileSystem {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Map<string, Set<string>>();

  constructor(files: Record<string, string | Buffer> = {}) {
    this.dirs.set('/', new Set());
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  /** Add or replace a file (tests build trees step by step). */
  write(path: string, content: string | Buffer): void {
    const p = mustBeAbsolute(path);
    if (this.dirs.has(p)) throw new Error(`${p} is a directory`);
    this.files.set(p, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    this.link(p);
  }

  /** Add an empty directory. */
  mkdir(path: string): void {
    const p = mustBeAbsolute(path);
    if (this.files.has(p)) throw new Error(`${p} is a file`);
    if (!this.dirs.has(p)) this.dirs.set(p, new Set());
    this.link(p);
  }

  /** Enter `p` in its parent and create every missing ancestor directory. */
  private link(p: string): void {
    for (let child = p; child !== '/'; child = posix.dirname(child)) {
      const dir = posix.dirname(child);
      if (this.files.has(dir)) throw new Error(`${dir} is a file`);
      let entries = this.dirs.get(dir);
      if (!entries) this.dirs.set(dir, (entries = new Set()));
      entries.add(posix.basename(child));
    }
  }

  readFile(path: string): Buffer {
    const p = mustBeAbsolute(path);
    const b = this.files.get(p);
    if (b === undefined) throw new FileNotFoundError(p, this.dirs.has(p) ? 'is a directory' : undefined);
    return b;
  }
  readText(path: string): string {
    return this.readFile(path).toString('utf8');
  }
  exists(path: string): boolean {
    const p = mustBeAbsolute(path);
    return this.files.has(p) || this.dirs.has(p);
  }
  isDirectory(path: string): boolean {
    return this.dirs.has(mustBeAbsolute(path));
  }
  isFile(path: string): boolean {
    return this.files.has(mustBeAbsolute(path));
  }
  readDir(path: string): string[] {
    const p = mustBeAbsolute(path);
    const entries = this.dirs.get(p);
    if (!entries) throw new FileNotFoundError(p, this.files.has(p) ? 'not a directory' : undefined);
    return sortBytewise([...entries]);
  }
  realpath(path: string): string {
    const p = mustBeAbsolute(path);
    if (!this.exists(p)) throw new FileNotFoundError(p);
    return p;
  }
}
