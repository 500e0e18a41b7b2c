// The trees of Flux Kustomizations a build yields: which Kustomization applies which (from the Kustomization objects in
// each build), the root of each tree, and roots nothing applies although they sit inside another one's path.
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

const under = (dir: string, file: string): boolean => dir === '.' || file.startsWith(dir + '/');

/**
 * Roots of trees that no Kustomization applies although their file lies inside another one's spec.path: commented
 * out of a kustomization.yaml (retired apps kept for reference). Flux never applies them.
 */
export function unappliedRoots(units: BuildUnit[], parent: Map<string, string>): { dead: Map<string, BuildUnit>; shadows: Set<string> } {
  const out = new Map<string, BuildUnit>();
  const shadows = new Set<string>();
  // Kustomization objects some unit applies, by where they are written
  const applied = new Map<string, string>();
  for (const u of units) {
    for (const r of u.resources) {
      const at = `${r.origin.file}:${r.origin.line}`;
      // a Kustomization that applies its own definition (path includes its file) is not applied by another
      if (isFluxKustomization(r.object) && ksKey(readKustomization(r, u.kustomization?.namespace)) !== u.id) applied.set(at, u.id);
    }
  }
  for (const u of units) {
    if (parent.has(u.id) || !u.kustomization) continue;
    // applied under another name or namespace (a parent kustomization's namespace: moved it): built twice
    const by = applied.get(`${u.kustomization.origin.file}:${u.kustomization.origin.line}`);
    if (by !== undefined && by !== u.id) {
      shadows.add(u.id);
      continue;
    }
    const file = u.kustomization.origin.file;
    const within = units.find((w) => w !== u && w.ok && w.kustomization && under(w.dir, file) && !under(u.dir, w.kustomization.origin.file));
    if (within) out.set(u.id, within);
  }
  return { dead: out, shadows };
}
