// A read-only view of a filesystem with some files replaced or added in memory. Flux writes its merged
// kustomization.yaml into the checkout before building; hops builds the same thing without touching the disk.
import { posix } from 'node:path';
import { sortBytewise } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';

export class OverlayFS implements FileSystem {
  private readonly files = new Map<string, Buffer>();
  readonly realpath?: (path: string) => string;

  constructor(
    private readonly base: FileSystem,
    files: Record<string, string>,
  ) {
    for (const [p, text] of Object.entries(files)) this.files.set(posix.normalize(p), Buffer.from(text, 'utf8'));
    if (base.realpath) this.realpath = (p: string) => (this.files.has(posix.normalize(p)) ? posix.normalize(p) : base.realpath!(p));
  }

  readFile(path: string): Buffer {
    return this.files.get(posix.normalize(path)) ?? this.base.readFile(path);
  }
  readText(path: string): string {
    const f = this.files.get(posix.normalize(path));
    return f ? f.toString('utf8') : this.base.readText(path);
  }
  exists(path: string): boolean {
    return this.files.has(posix.normalize(path)) || this.base.exists(path);
  }
  isDirectory(path: string): boolean {
    return !this.files.has(posix.normalize(path)) && this.base.isDirectory(path);
  }
  isFile(path: string): boolean {
    return this.files.has(posix.normalize(path)) || this.base.isFile(path);
  }
  readDir(path: string): string[] {
    const dir = posix.normalize(path);
    const names = new Set(this.base.readDir(dir));
    for (const p of this.files.keys()) if (posix.dirname(p) === dir) names.add(posix.basename(p));
    return sortBytewise([...names]);
  }
}
