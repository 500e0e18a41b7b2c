// The repository as it would be with the new files: the disk, plus files held in memory (new folders included),
// so the app is built and validated before anything is written.
import { posix } from 'node:path';
import { FileNotFoundError } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';

export class PlannedFS implements FileSystem {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Map<string, Set<string>>();
  readonly realpath?: (path: string) => string;

  constructor(
    private readonly base: FileSystem,
    files: ReadonlyMap<string, string>,
  ) {
    for (const [p, text] of files) {
      const abs = posix.normalize(p);
      this.files.set(abs, Buffer.from(text, 'utf8'));
      for (let child = abs; child !== '/'; child = posix.dirname(child)) {
        const dir = posix.dirname(child);
        let s = this.dirs.get(dir);
        if (!s) this.dirs.set(dir, (s = new Set()));
        s.add(posix.basename(child));
      }
    }
    if (base.realpath) this.realpath = (p: string) => (this.files.has(posix.normalize(p)) || this.dirs.has(posix.normalize(p)) ? posix.normalize(p) : base.realpath!(p));
  }

  readFile(path: string): Buffer {
    return this.files.get(posix.normalize(path)) ?? this.base.readFile(path);
  }
  readText(path: string): string {
    return this.readFile(path).toString('utf8');
  }
  exists(path: string): boolean {
    const p = posix.normalize(path);
    return this.files.has(p) || this.dirs.has(p) || this.base.exists(p);
  }
  isDirectory(path: string): boolean {
    const p = posix.normalize(path);
    return !this.files.has(p) && (this.dirs.has(p) || this.base.isDirectory(p));
  }
  isFile(path: string): boolean {
    const p = posix.normalize(path);
    return this.files.has(p) || this.base.isFile(p);
  }
  readDir(path: string): string[] {
    const p = posix.normalize(path);
    const names = new Set<string>(this.dirs.get(p) ?? []);
    if (this.base.isDirectory(p)) for (const n of this.base.readDir(p)) names.add(n);
    else if (!this.dirs.has(p)) throw new FileNotFoundError(p);
    return [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
}
