// The variable names written in a build's input files: which postBuild variables its output may depend on.
import { posix } from 'node:path';
import type { FileSystem } from '../io/fs.js';
import { child } from './input-set.js';
import type { InputSet } from './input-set.js';

/** Names of the `${NAME...}` expressions (and `${#NAME}`) in a text: the variables substitution may use there. */
export function variableNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{#?([_a-zA-Z][_a-zA-Z0-9]*)/g)) out.add(m[1]!);
  return out;
}

export class InputVariables {
  /** Variable names written in a file, or in the files below a folder. */
  private readonly varsAt = new Map<string, Set<string>>();

  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
  ) {}

  private abs(rel: string): string {
    return rel === '.' ? this.root : posix.join(this.root, rel);
  }

  /** Variable names written in the files of an input set (folders: every file below; walked folders: their files). */
  variables(inputs: InputSet): Set<string> {
    const out = new Set<string>();
    const add = (rel: string): void => {
      for (const n of this.varsBelow(rel)) out.add(n);
    };
    for (const p of inputs.paths) add(p);
    for (const w of inputs.walked.keys()) {
      const abs = this.abs(w);
      if (!this.fs.isDirectory(abs)) continue;
      for (const n of this.fs.readDir(abs)) if (this.fs.isFile(this.abs(child(w, n)))) add(child(w, n));
    }
    return out;
  }

  /** Variable names in a file, or in every file below a folder (none for a path that is not there). */
  private varsBelow(rel: string): Set<string> {
    let names = this.varsAt.get(rel);
    if (!names) {
      const abs = this.abs(rel);
      if (this.fs.isFile(abs)) names = variableNames(this.fs.readText(abs));
      else {
        names = new Set();
        if (this.fs.isDirectory(abs)) for (const n of this.fs.readDir(abs)) for (const v of this.varsBelow(child(rel, n))) names.add(v);
      }
      this.varsAt.set(rel, names);
    }
    return names;
  }
}
