// What a Flux Kustomization *as written* (before its parent applies it) may read and substitute, for choosing what
// to build: its inputs (ClosureFinder) plus path-like words of its ancestors' patches (a parent can add components
// to its children), and the text of itself and its ancestors (a parent can add substituteFrom and variables).
import { isMap } from '../core/resource.js';
import { ksKey } from '../flux/model.js';
import type { FluxKustomization } from '../flux/model.js';
import { pathWords, touches, variableNames } from './closure.js';
import type { ClosureFinder, InputSet } from './closure.js';
import { toJson } from './shared-builds.js';

export class WrittenInputs {
  private readonly sets = new Map<FluxKustomization, InputSet>();
  private readonly lineages = new Map<FluxKustomization, string>();

  constructor(
    private readonly closures: ClosureFinder,
    private readonly parentOf: (ks: FluxKustomization) => FluxKustomization | undefined,
    /** The changed files (repository-relative); undefined: everything counts as changed. */
    private readonly changed: ReadonlySet<string> | undefined,
  ) {}

  /** Ancestors as written (parent first), stopping at a cycle. */
  private ancestors(ks: FluxKustomization): FluxKustomization[] {
    const out: FluxKustomization[] = [];
    const seen = new Set([ksKey(ks)]);
    for (let p = this.parentOf(ks); p && !seen.has(ksKey(p)); p = this.parentOf(p)) {
      seen.add(ksKey(p));
      out.push(p);
    }
    return out;
  }

  inputs(ks: FluxKustomization): InputSet {
    let set = this.sets.get(ks);
    if (!set) {
      const words: string[] = [];
      for (const a of this.ancestors(ks)) {
        const spec = isMap(a.object['spec']) ? a.object['spec'] : {};
        for (const p of Array.isArray(spec['patches']) ? spec['patches'] : []) {
          if (isMap(p) && typeof p['patch'] === 'string') words.push(...pathWords(p['patch']).filter((w) => w.includes('/')));
        }
      }
      this.sets.set(ks, (set = this.closures.inputs(ks, words)));
    }
    return set;
  }

  /** Whether it may read one of `files` (by default the changed files). */
  touches(ks: FluxKustomization, files: ReadonlySet<string> | undefined = this.changed): boolean {
    return files ? touches(this.inputs(ks), files) : true;
  }

  /** The Kustomization and its ancestors, as JSON text. */
  private lineage(ks: FluxKustomization): string {
    let t = this.lineages.get(ks);
    if (t === undefined) this.lineages.set(ks, (t = [ks, ...this.ancestors(ks)].map((k) => toJson(k.object)).join('\n')));
    return t;
  }

  /** Whether `text` occurs in it or in any of its ancestors (e.g. a substituteFrom name). */
  mentions(ks: FluxKustomization, text: string): boolean {
    return this.lineage(ks).includes(text);
  }

  /** Variable names it may substitute: in its inputs, in itself and in its ancestors' patches. */
  usedVars(ks: FluxKustomization): Set<string> {
    const names = this.closures.variables(this.inputs(ks));
    for (const n of variableNames(this.lineage(ks))) names.add(n);
    return names;
  }
}
