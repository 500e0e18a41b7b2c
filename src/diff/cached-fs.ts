// Views that let the two sides of a diff share file reads.
// - CachedFS remembers every answer of a filesystem for the length of one diff (the disk does not change under
//   it), so the working tree is read once however many builds and scans look at it.
// - RefView is a git ref whose unchanged files are read from the working tree: the tree (what exists, links)
//   comes from git, file contents from the disk unless git says the file changed. Reading a whole ref then costs
//   one `git cat-file` per changed file, and both sides hand the parse caches the very same text. (Contents are
//   those of a checkout: git's filters — line endings, LFS — apply as they would on the disk.)
import { posix } from 'node:path';
import { readdirSync } from 'node:fs';
import { DiskFS } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';

/** The remembered answer for `key`, computed once; an error thrown computing it is remembered and thrown again. */
function remember<T>(cache: Map<string, T | Error>, key: string, compute: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    try {
      v = compute();
    } catch (e) {
      v = e instanceof Error ? e : new Error(String(e));
    }
    cache.set(key, v);
  }
  if (v instanceof Error) throw v;
  return v;
}

export class CachedFS implements FileSystem {
  private readonly files = new Map<string, Buffer | Error>();
  private readonly texts = new Map<string, string>();
  private readonly kinds = new Map<string, 'file' | 'dir' | 'none'>();
  private readonly dirs = new Map<string, string[] | Error>();
  private readonly reals = new Map<string, string | Error>();
  readonly realpath?: (path: string) => string;

  constructor(private readonly base: FileSystem) {
    const realpath = base.realpath?.bind(base);
    if (realpath) this.realpath = (p: string) => remember(this.reals, p, () => realpath(p));
  }

  private kind(path: string): 'file' | 'dir' | 'none' {
    let k = this.kinds.get(path);
    if (k === undefined) {
      // most questions are about names that are not there (kustomization.yml, Kustomization...): the parent's
      // listing answers those without a stat
      const parent = posix.dirname(path);
      const names = parent !== path ? this.listing(parent) : undefined;
      if (names && !names.has(posix.basename(path))) k = 'none';
      else k = this.base.isFile(path) ? 'file' : this.base.isDirectory(path) ? 'dir' : 'none';
      this.kinds.set(path, k);
    }
    return k;
  }

  private readonly listings = new Map<string, Set<string> | null>();
  /** Entry names of a folder, or null when it cannot be listed. On disk the listing also tells files from folders. */
  private listing(dir: string): Set<string> | null {
    let l = this.listings.get(dir);
    if (l === undefined) {
      l = null;
      if (this.base instanceof DiskFS) {
        try {
          const entries = readdirSync(dir, { withFileTypes: true });
          l = new Set(entries.map((e) => e.name));
          for (const e of entries) {
            // links (and odd entries) are asked about when needed
            if (e.isFile()) this.kinds.set(posix.join(dir, e.name), 'file');
            else if (e.isDirectory()) this.kinds.set(posix.join(dir, e.name), 'dir');
          }
        } catch {
          l = null;
        }
      } else {
        try {
          l = new Set(this.readDir(dir));
        } catch {
          l = null;
        }
      }
      this.listings.set(dir, l);
    }
    return l;
  }

  readFile(path: string): Buffer {
    return remember(this.files, path, () => this.base.readFile(path));
  }
  readText(path: string): string {
    let t = this.texts.get(path);
    if (t === undefined) this.texts.set(path, (t = this.readFile(path).toString('utf8')));
    return t;
  }
  exists(path: string): boolean {
    const k = this.kind(path);
    return k !== 'none' || this.base.exists(path);
  }
  isDirectory(path: string): boolean {
    return this.kind(path) === 'dir';
  }
  isFile(path: string): boolean {
    return this.kind(path) === 'file';
  }
  readDir(path: string): string[] {
    return [...remember(this.dirs, path, () => this.base.readDir(path))];
  }
}

export class RefView implements FileSystem {
  readonly realpath: (path: string) => string;

  constructor(
    private readonly ref: FileSystem & { realpath(path: string): string },
    private readonly disk: FileSystem,
    /** Absolute repository root; `changed` paths are relative to it. */
    private readonly root: string,
    private readonly changed: ReadonlySet<string>,
  ) {
    this.realpath = (p) => ref.realpath(p);
  }

  /** The filesystem to read a file's bytes from. */
  private source(path: string): FileSystem {
    let real: string;
    try {
      real = this.ref.realpath(path);
    } catch {
      return this.ref; // missing: the ref's error
    }
    if (real !== this.root && !real.startsWith(this.root + '/')) return this.ref;
    const rel = posix.relative(this.root, real);
    return this.changed.has(rel) || !this.disk.isFile(real) ? this.ref : this.disk;
  }

  readFile(path: string): Buffer {
    if (!this.ref.isFile(path)) return this.ref.readFile(path);
    const src = this.source(path);
    return src === this.disk ? this.disk.readFile(this.ref.realpath(path)) : this.ref.readFile(path);
  }
  readText(path: string): string {
    if (!this.ref.isFile(path)) return this.ref.readText(path);
    const src = this.source(path);
    return src === this.disk ? this.disk.readText(this.ref.realpath(path)) : this.ref.readText(path);
  }
  exists(path: string): boolean {
    return this.ref.exists(path);
  }
  isDirectory(path: string): boolean {
    return this.ref.isDirectory(path);
  }
  isFile(path: string): boolean {
    return this.ref.isFile(path);
  }
  readDir(path: string): string[] {
    return this.ref.readDir(path);
  }
}
