// `build all` over a FluxRepo: the trees of the roots, then what is left over — Kustomizations Flux applies that no
// root's tree reached (their parent does not build), and those Flux does not apply (FluxRepo.applied), grouped under
// the first of them up their parent chain.
import type { KsBuild } from './build-ks.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';
import type { FluxRepo } from './repo.js';

/** A Kustomization written in the repository that Flux does not apply. */
export interface UnappliedKustomization {
  /** As written. */
  ks: FluxKustomization;
  /** The applied Kustomization whose spec.path holds its file and whose build does not list it. */
  within: FluxKustomization;
  /** Kustomizations written inside it (by the same rule), not applied either. */
  declares: FluxKustomization[];
}

export interface BuildAllOptions {
  /**
   * Kustomizations Flux does not apply (see FluxRepo.applied): `build` (default) builds them after the applied
   * ones, as trees of their own; `skip` leaves them out. Either way they are listed in `unapplied`.
   */
  unapplied?: 'build' | 'skip';
}

export async function buildAll(repo: FluxRepo, opts: BuildAllOptions): Promise<KsBuild[]> {
  const out: KsBuild[] = [];
  const seen = new Set<string>();
  repo.unapplied.length = 0;
  repo.unappliedKeys.clear();
  const add = (bs: KsBuild[], applied: boolean): void => {
    for (const b of bs) {
      if (seen.has(ksKey(b.ks))) continue;
      seen.add(ksKey(b.ks));
      out.push(b);
      if (!applied) repo.unappliedKeys.add(ksKey(b.ks));
    }
  };
  for (const root of repo.raw.filter((k) => !repo.parentOf(k))) add(await repo.buildTree(root), true);
  for (const k of repo.raw) {
    // decided first, so that nothing Flux does not apply is built unless asked (effective() builds the parent chain)
    const { ks: app, viaTwin } = await repo.appliedAs(k);
    // applied, maybe under another key than written (a parent's `namespace:` moved it): built under that key only;
    // not at all when its parent's key is another cluster's (only the first cluster is built without --entry)
    if (app) {
      if (!viaTwin && !seen.has(ksKey(app))) add(await repo.buildTree(app), true);
      continue;
    }
    if (opts.unapplied === 'skip') continue;
    const eff = await repo.effective(k);
    if (!seen.has(ksKey(eff))) add(await repo.buildTree(eff), false);
  }
  const unapplied: FluxKustomization[] = [];
  for (const k of repo.raw) if (!(await repo.applied(k))) unapplied.push(k);
  repo.unapplied.push(...(await groupUnapplied(repo, unapplied)));
  return out;
}

/** Groups unapplied Kustomizations under the first one up their parent chain (whose parent is applied). */
async function groupUnapplied(repo: FluxRepo, list: FluxKustomization[]): Promise<UnappliedKustomization[]> {
  const out: UnappliedKustomization[] = [];
  const byRoot = new Map<FluxKustomization, UnappliedKustomization>();
  const top = async (k: FluxKustomization): Promise<{ root: FluxKustomization; within: FluxKustomization } | undefined> => {
    const seen = new Set<string>();
    for (let cur = k; !seen.has(ksKey(cur)); ) {
      seen.add(ksKey(cur));
      const parent = repo.parentOf(cur);
      if (!parent) return undefined;
      const p = await repo.applied(parent);
      if (p) return { root: cur, within: p };
      cur = parent;
    }
    return undefined;
  };
  for (const k of list) {
    const t = await top(k);
    if (!t) continue;
    let entry = byRoot.get(t.root);
    if (!entry) {
      byRoot.set(t.root, (entry = { ks: t.root, within: t.within, declares: [] }));
      out.push(entry);
    }
    if (k !== t.root) entry.declares.push(k);
  }
  return out;
}
