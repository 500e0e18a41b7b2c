// The trees of Flux Kustomizations a build yields: which Kustomization applies which (from the Kustomization objects in
// each build) and the root of each tree (a cluster). Which Kustomizations Flux applies at all is the build's to say
// (FluxRepo.applied).
import type { BuildUnit } from '../flux/build.js';
import { isFluxKustomization, ksKey, readKustomization } from '../flux/model.js';

/** The unit that applies each unit (its parent), from the Flux Kustomization objects in the builds. */
export function parents(units: readonly BuildUnit[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of units) {
    for (const r of u.resources) {
      if (!isFluxKustomization(r.object)) continue;
      const child = ksKey(readKustomization(r, u.kustomization?.namespace));
      if (child !== u.id && !out.has(child)) out.set(child, u.id);
    }
  }
  return out;
}

export function rootOf(id: string, parent: Map<string, string>): string {
  const seen = new Set<string>();
  let cur = id;
  while (parent.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    cur = parent.get(cur)!;
  }
  return cur;
}
