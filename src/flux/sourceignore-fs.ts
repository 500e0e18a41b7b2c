// The repository as the artifact holds it: a read-only view that hides what the source ignore rules leave out
// (sourceignore.ts). kustomize-controller builds from the unpacked artifact, so through this view a generated
// kustomization does not list an excluded file, and an explicit one that names it fails as for a missing file.
import { posix } from 'node:path';
import { FileNotFoundError } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { BUILT_IN } from './sourceignore.js';
import type { IgnorePattern, IgnoreRules } from './sourceignore.js';
import { KUSTOMIZATION_FILES } from './generate.js';

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

  /**
   * The pattern that hides `path` when it is in the repository but not in this view (itself, or a folder above
   * it); undefined otherwise. For messages: computed only when asked.
   */
  hiddenBy(path: string): IgnorePattern | undefined {
    const p = posix.normalize(path);
    if (!this.base.exists(p)) return undefined;
    for (let cur = p; this.parts(cur) !== undefined; cur = posix.dirname(cur)) {
      const isDir = this.base.isDirectory(cur);
      if (this.hiddenAs(cur, isDir)) return this.rules.excludedBy(this.parts(cur)!, isDir);
    }
    return undefined;
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

/**
 * For an error naming paths the build could not find (a kustomization entry, spec.path): which ignore rule leaves
 * the first of them out of the source, when the repository has it. A folder counts through its kustomization file
 * too. Undefined when `fs` is no SourceView or nothing named is hidden; only called on the error path.
 */
export function hiddenPathHint(fs: FileSystem, root: string, paths: readonly string[]): string | undefined {
  if (!(fs instanceof SourceView)) return undefined;
  for (const rel of paths) {
    if (rel.startsWith('/') || rel.startsWith('..')) continue;
    const abs = posix.join(root, rel);
    for (const path of [abs, ...KUSTOMIZATION_FILES.map((n) => posix.join(abs, n))]) {
      const p = fs.hiddenBy(path);
      if (!p) continue;
      const pattern = `${p.negate ? '!' : ''}${p.text}${p.dirOnly ? '/' : ''}`;
      const where = p.source === BUILT_IN ? `${BUILT_IN}, which apply while the repository has no ignore pattern of its own` : (p.source ?? 'the ignore rules');
      return `${posix.relative(root, path)} is in the repository but not in the source Flux builds from: \`${pattern}\` (${where}) leaves it out; change that pattern, or stop naming it`;
    }
  }
  return undefined;
}
