// Finding a Flux Kustomization by name or key, as Flux applies it (the `build ks` and `diff` lookups).
import { declaredKustomizations } from './build-tree.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';
import type { FluxRepo } from './repo.js';

/** The Kustomization known by `namespace/name`, as Flux applies it; undefined when Flux does not apply one. */
export async function kustomizationByKey(repo: FluxRepo, key: string): Promise<FluxKustomization | undefined> {
  const name = key.slice(key.indexOf('/') + 1);
  const written = repo.raw.filter((k) => k.name === name && (ksKey(k) === key || !k.namespaceSet));
  let unapplied = false;
  for (const raw of written) {
    const app = await repo.applied(raw);
    if (app && ksKey(app) === key) return app;
    if (!app && ksKey(raw) === key) unapplied = true;
  }
  // written with this key, and Flux does not apply it
  if (unapplied) return undefined;
  // declared only by another Kustomization's output
  for (const b of repo.doneBuilds()) {
    for (const child of declaredKustomizations(b)) if (ksKey(child) === key) return child;
  }
  return undefined;
}

/** Kustomizations named `name` (in `namespace` when given), as their parents apply them. */
export async function kustomizationsNamed(repo: FluxRepo, name: string, namespace?: string): Promise<FluxKustomization[]> {
  const out: FluxKustomization[] = [];
  for (const k of repo.raw.filter((x) => x.name === name)) {
    const eff = await repo.effective(k);
    if (namespace === undefined || eff.namespace === namespace) out.push(eff);
  }
  return out;
}
