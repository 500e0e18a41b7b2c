// The Kustomizations a build declares (its output's Flux Kustomizations), and the tree of builds they lead to.
import type { YMap } from '../core/resource.js';
import type { KsBuild } from './build-ks.js';
import { isFluxKustomization, ksKey, readKustomization } from './model.js';
import type { FluxKustomization } from './model.js';

/** The Flux Kustomizations in a build's output, in output order (namespace defaulting to the built one's). */
export function* declaredKustomizations(b: KsBuild): Generator<FluxKustomization> {
  for (const r of b.resources) if (isFluxKustomization(r.object)) yield readKustomization(r, b.ks.namespace);
}

/** Builds `ks` and, breadth first, every Kustomization its output declares. */
export async function buildTree(build: (ks: FluxKustomization) => Promise<KsBuild>, ks: FluxKustomization): Promise<KsBuild[]> {
  const order: KsBuild[] = [];
  const queue = [ks];
  const queued = new Set([ksKey(ks)]);
  while (queue.length > 0) {
    const b = await build(queue.shift()!);
    order.push(b);
    for (const child of declaredKustomizations(b)) {
      if (queued.has(ksKey(child))) continue;
      queued.add(ksKey(child));
      queue.push(child);
    }
  }
  return order;
}

/** The Kustomization Flux bootstrap would create for a cluster directory (flux-system/flux-system). */
export function entryKustomization(dir: string): FluxKustomization {
  const object: YMap = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    spec: { interval: '10m', path: './' + dir, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
  };
  return readKustomization({ object, origin: { file: dir, line: 1 } });
}
