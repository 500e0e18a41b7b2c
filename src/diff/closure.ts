// The files a Flux Kustomization's build may read, found without building: its spec.path, every kustomization
// file reached from there (resources, components, bases...), and every path any of those files names. Rather than
// knowing each kustomize field, every word of a kustomization file is taken as a possible path relative to its
// folder — an over-approximation, which only costs a rebuild, never a missed change. A path is matched as a
// prefix (a folder covers what is below it), and paths that do not exist are kept too, so a file added there on
// the other side still counts.
import { posix } from 'node:path';
import type { FileSystem } from '../io/fs.js';
import { findKustomizationFile, isSourceIgnored, KUSTOMIZATION_FILES } from '../flux/generate.js';
import type { FluxKustomization } from '../flux/model.js';
import { IGNORE_FILE } from '../flux/sourceignore.js';
import { specPathDir } from '../flux/spec-path.js';
import { child } from './input-set.js';
import type { InputSet } from './input-set.js';
import { InputVariables } from './input-variables.js';
import { pathWords } from './path-words.js';

export type { InputSet } from './input-set.js';
export { touches } from './input-set.js';
export { variableNames } from './input-variables.js';
export { pathWords } from './path-words.js';

export class ClosureFinder {
  /** Words and referenced folders per kustomization folder, shared by every Kustomization of the side. */
  private readonly perDir = new Map<string, { paths: string[]; dirs: string[] }>();
  /** Entry names per folder (for startsWithEntry). */
  private readonly listings = new Map<string, Set<string>>();
  private readonly vars: InputVariables;

  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
  ) {
    this.vars = new InputVariables(fs, root);
  }

  private abs(rel: string): string {
    return rel === '.' ? this.root : posix.join(this.root, rel);
  }

  private rel(abs: string): string | null {
    if (abs !== this.root && !abs.startsWith(this.root + '/')) return null;
    return posix.relative(this.root, abs) || '.';
  }

  /** Whether the first component of a relative word is `..`, `.` or an entry of `dir`. */
  private startsWithEntry(dir: string, word: string): boolean {
    const first = word.replace(/^\.\//, '').split('/')[0] ?? '';
    if (first === '..' || first === '.' || first === '') return true;
    let names = this.listings.get(dir);
    if (!names) {
      try {
        names = new Set(this.fs.readDir(this.abs(dir)));
      } catch {
        names = new Set();
      }
      this.listings.set(dir, names);
    }
    return names.has(first);
  }

  /** The paths one kustomization folder names (its own kustomization file included) and the folders to follow. */
  private dirRefs(dir: string): { paths: string[]; dirs: string[] } {
    const hit = this.perDir.get(dir);
    if (hit) return hit;
    const paths = KUSTOMIZATION_FILES.map((n) => child(dir, n));
    const dirs: string[] = [];
    const found = findKustomizationFile(this.fs, this.abs(dir));
    if (found) {
      const text = this.fs.readText(found);
      const seen = new Set<string>();
      for (const word of pathWords(text)) {
        const rel = this.rel(posix.normalize(posix.join(this.abs(dir), word)));
        if (rel === null || rel === dir || seen.has(rel)) continue;
        seen.add(rel);
        paths.push(rel);
        // folders with a kustomization file are followed; words that look like files or name nothing in the
        // folder they start from are not even looked up
        if (/\.(ya?ml|json|env|txt|sh|conf|properties)$/i.test(rel) || !this.startsWithEntry(dir, word)) continue;
        if (this.fs.isDirectory(this.abs(rel)) && findKustomizationFile(this.fs, this.abs(rel))) dirs.push(rel);
      }
    }
    const refs = { paths, dirs };
    this.perDir.set(dir, refs);
    return refs;
  }

  /**
   * Walks `dir` as Flux's generator does: sub-folders holding a kustomization file go to `out` (not descended
   * into), other sub-folders are walked.
   */
  private generatedDirs(dir: string, walked: Map<string, Set<string>>, out: string[]): void {
    const subdirs = new Set<string>();
    walked.set(dir, subdirs);
    const abs = this.abs(dir);
    if (!this.fs.isDirectory(abs)) return;
    for (const name of this.fs.readDir(abs)) {
      const sub = child(dir, name);
      if (!this.fs.isDirectory(this.abs(sub))) continue;
      subdirs.add(name);
      if (isSourceIgnored(name)) continue;
      if (findKustomizationFile(this.fs, this.abs(sub))) out.push(sub);
      else this.generatedDirs(sub, walked, out);
    }
  }

  /** Variable names written in the files of an input set (folders: every file below; walked folders: their files). */
  variables(inputs: InputSet): Set<string> {
    return this.vars.variables(inputs);
  }

  /**
   * Everything the build of `ks` may read; its definition file is not included (see the caller). `extra` are words
   * that may name components (e.g. from a parent's patches, which can add spec.components to its children).
   */
  inputs(ks: FluxKustomization, extra: readonly string[] = []): InputSet {
    const paths = new Set<string>();
    const walked = new Map<string, Set<string>>();
    const dir = specPathDir(this.root, ks.path);
    if (dir === null) return { paths, walked };
    const queue: string[] = [];
    const visited = new Set<string>();
    const visit = (d: string): void => {
      if (!visited.has(d)) (visited.add(d), queue.push(d));
    };
    if (findKustomizationFile(this.fs, this.abs(dir))) visit(dir);
    else {
      // a generated kustomization: the files of the walked folders, and the kustomizations it reaches
      const sub: string[] = [];
      this.generatedDirs(dir, walked, sub);
      for (const w of walked.keys()) for (const n of KUSTOMIZATION_FILES) paths.add(child(w, n));
      sub.forEach(visit);
    }
    const spec = ks.object['spec'];
    const components = spec && typeof spec === 'object' && !Array.isArray(spec) && Array.isArray(spec['components']) ? spec['components'] : [];
    for (const c of [...components, ...extra]) {
      if (typeof c !== 'string') continue;
      const rel = this.rel(posix.normalize(posix.join(this.abs(dir), c)));
      if (rel === null || rel === dir) continue;
      paths.add(rel);
      if (findKustomizationFile(this.fs, this.abs(rel))) visit(rel);
    }
    while (queue.length > 0) {
      const d = queue.shift()!;
      const refs = this.dirRefs(d);
      for (const p of refs.paths) paths.add(p);
      refs.dirs.forEach(visit);
    }
    // a .sourceignore in a folder above an input decides whether the input is in Flux's artifact (those below a
    // folder input are covered by the folder)
    const above = new Set<string>();
    for (const p of [...paths, ...walked.keys()]) {
      for (let d = p; d !== '.'; ) {
        d = d.includes('/') ? posix.dirname(d) : '.';
        if (above.has(d)) break;
        above.add(d);
      }
    }
    for (const d of above) paths.add(child(d, IGNORE_FILE));
    return { paths, walked };
  }
}
