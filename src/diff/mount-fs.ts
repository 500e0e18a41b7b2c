// Another folder seen at the repository's path: `--path-orig` builds the old copy as if it were checked out where
// the new one is, so file origins, the repository name and every relative path read the same on both sides.
// Paths outside the mount point are not there.
import { posix } from 'node:path';
import { FileNotFoundError } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';

export class MountFS implements FileSystem {
  readonly realpath?: (path: string) => string;

  constructor(
    private readonly base: FileSystem,
    /** Absolute path the folder appears at. */
    private readonly at: string,
    /** Absolute path of the folder in `base`. */
    private readonly target: string,
  ) {
    if (base.realpath) {
      const realTarget = base.realpath(target);
      this.realpath = (p: string) => {
        const real = base.realpath!(this.map(p));
        if (real === realTarget) return this.at;
        if (real.startsWith(realTarget + '/')) return this.at + real.slice(realTarget.length);
        return real; // a link leaving the folder: the loader's root check rejects it
      };
    }
  }

  private map(path: string): string {
    const p = posix.normalize(path);
    if (p === this.at) return this.target;
    if (p.startsWith(this.at + '/')) return this.target + p.slice(this.at.length);
    throw new FileNotFoundError(p);
  }

  private test(f: (p: string) => boolean, path: string): boolean {
    try {
      return f(this.map(path));
    } catch {
      return false;
    }
  }

  readFile(path: string): Buffer {
    return this.base.readFile(this.map(path));
  }
  readText(path: string): string {
    return this.base.readText(this.map(path));
  }
  exists(path: string): boolean {
    return this.test((p) => this.base.exists(p), path);
  }
  isDirectory(path: string): boolean {
    return this.test((p) => this.base.isDirectory(p), path);
  }
  isFile(path: string): boolean {
    return this.test((p) => this.base.isFile(p), path);
  }
  readDir(path: string): string[] {
    return this.base.readDir(this.map(path));
  }
}
