// The repository as the artifact holds it: a read-only view that hides what the source ignore rules leave out
// (sourceignore.ts). kustomize-controller builds from the unpacked artifact, so through this view a generated
// kustomization does not list an excluded file, and an explicit one that names it fails as for a missing file.
import { posix } from 'node:path';
import { FileNotFoundError } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import type { IgnoreRules } from './sourceignore.js';

export class SourceView implements FileSystem {
  readonly realpath?: (path: string) => string;
  /** Whether an absolute path is hidden, by path and kind ('f:' or 'd:'). */
  private readonly hidden = new Map<string, boolean>();
  /** Absolute repository root: the rules apply below it; paths elsewhere are passed through. */
  private readonly root: string;

  constructor(
    private readonly base: FileSystem,
    root: string,
    readonly rules: IgnoreRules,
  ) {
    this.root = posix.normalize(root).replace(/(.)\/$/, '$1');
    const real = base.realpath?.bind(base);
    if (real) {
      this.realpath = (p) => {
        if (this.isHidden(p)) throw new FileNotFoundError(p);
        return real(p);
      };
    }
  }

  /** Components below the root; undefined for the root itself and for paths outside it. */
  private parts(path: string): string[] | undefined {
    const p = posix.normalize(path);
    if (!p.startsWith(this.root + '/') && !(this.root === '/' && p !== '/')) return undefined;
    return p.slice(this.root === '/' ? 1 : this.root.length + 1).split('/');
  }

  /** Whether the artifact leaves out `path`, taken as a folder or a file. */
  private hiddenAs(path: string, isDir: boolean): boolean {
    const key = (isDir ? 'd:' : 'f:') + path;
    let h = this.hidden.get(key);
    if (h === undefined) {
      const parts = this.parts(path);
      h = parts !== undefined && this.rules.excludes(parts, isDir);
      // an excluded folder is still there when something below it is brought back by a `!` pattern
      if (h && isDir && this.rules.hasNegation) h = !this.holdsVisible(path);
      this.hidden.set(key, h);
    }
    return h;
  }

  private holdsVisible(dir: string): boolean {
    let names: string[];
    try {
      names = this.base.readDir(dir);
    } catch {
      return false;
    }
    return names.some((n) => !this.isHidden(posix.join(dir, n)));
  }

  /** Whether an existing path is hidden (as what it is on the base filesystem). */
  isHidden(path: string): boolean {
    return this.hiddenAs(posix.normalize(path), this.base.isDirectory(path));
  }

  readFile(path: string): Buffer {
    if (this.hiddenAs(posix.normalize(path), false)) throw new FileNotFoundError(path);
    return this.base.readFile(path);
  }
  readText(path: string): string {
    if (this.hiddenAs(posix.normalize(path), false)) throw new FileNotFoundError(path);
    return this.base.readText(path);
  }
  exists(path: string): boolean {
    return this.base.exists(path) && !this.isHidden(path);
  }
  isDirectory(path: string): boolean {
    return this.base.isDirectory(path) && !this.hiddenAs(posix.normalize(path), true);
  }
  isFile(path: string): boolean {
    return this.base.isFile(path) && !this.hiddenAs(posix.normalize(path), false);
  }
  readDir(path: string): string[] {
    const dir = posix.normalize(path);
    if (this.base.isDirectory(dir) && this.hiddenAs(dir, true)) throw new FileNotFoundError(path);
    return this.base.readDir(dir).filter((n) => !this.isHidden(posix.join(dir, n)));
  }
}
