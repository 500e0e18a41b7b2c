// The inputs of a Flux Kustomization's build (closure.ts finds them) and whether a change touches them.
import { posix } from 'node:path';

export interface InputSet {
  /** Repository-relative paths (files or folders, existing or not) the build may depend on. */
  paths: Set<string>;
  /**
   * Folders Flux's generator walks (no kustomization file): their own files count, and so does anything in a
   * sub-folder that does not exist on this side (a folder added or removed changes the generated list). Existing
   * sub-folders are listed because they count only through their own entries.
   */
  walked: Map<string, Set<string>>;
}

/** `dir/name` for repository-relative paths (`.` is the root). */
export const child = (dir: string, name: string): string => (dir === '.' ? name : `${dir}/${name}`);

/** Whether a changed file is covered by an input set (equal to a path or below one, or in a walked folder). */
export function touches(inputs: InputSet, changed: Iterable<string>): boolean {
  for (const file of changed) {
    let child = file;
    for (let p = file; ; ) {
      if (inputs.paths.has(p)) return true;
      const sub = inputs.walked.get(p);
      if (sub && (child === file || !sub.has(child.slice(child.lastIndexOf('/') + 1)))) return true;
      if (p === '.') break;
      child = p;
      p = p.includes('/') ? posix.dirname(p) : '.';
    }
  }
  return false;
}
