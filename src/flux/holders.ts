// Which Flux Kustomization's spec.path holds a file: the deepest one reading this repository. That one applies the
// Kustomizations the file defines (their parent) and is where substituteFrom lookups for the file start.
import { isMap } from '../core/resource.js';
import { covers, dirOf } from './applied.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';

/** Whether spec.path is a string (or absent): the API server refuses any other type, so that one applies nothing. */
function pathIsText(ks: FluxKustomization): boolean {
  const path = isMap(ks.object['spec']) ? ks.object['spec']['path'] : undefined;
  return path === undefined || path === null || typeof path === 'string';
}

export class PathHolders {
  private readonly parents = new Map<string, FluxKustomization | undefined>();

  constructor(
    private readonly raw: readonly FluxKustomization[],
    private readonly isRepoSource: (ks: FluxKustomization) => boolean,
  ) {}

  /** The Kustomization whose spec.path holds `file` (the deepest one), if any. */
  holderOf(file: string): FluxKustomization | undefined {
    let best: FluxKustomization | undefined;
    for (const k of this.raw) if (this.isRepoSource(k) && covers(dirOf(k), file) && (!best || dirOf(k).length > dirOf(best).length)) best = k;
    return best;
  }

  /** The Kustomization whose spec.path holds the file that defines `ks` (the deepest one), if any. */
  parentOf(ks: FluxKustomization): FluxKustomization | undefined {
    // depends only on the key and the defining file (the raw list does not change)
    const memoKey = `${ksKey(ks)}\0${ks.origin.file}`;
    if (this.parents.has(memoKey)) return this.parents.get(memoKey);
    let best: FluxKustomization | undefined;
    for (const p of this.raw) {
      if (ksKey(p) === ksKey(ks) || !this.isRepoSource(p) || !covers(dirOf(p), ks.origin.file) || !pathIsText(p)) continue;
      if (!best || dirOf(p).length > dirOf(best).length) best = p;
    }
    this.parents.set(memoKey, best);
    return best;
  }
}
