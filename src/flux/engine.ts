// The kustomize engine the Flux layer builds on (src/kustomize). Kept behind this small interface so the Flux layer
// can be tested on its own and the engine can be swapped (e.g. for a real `kustomize` binary as an oracle).
import type { FileSystem } from '../io/fs.js';
import type { Resource } from '../core/resource.js';
import { HopsError } from '../core/errors.js';

export type LoadRestrictor = 'rootOnly' | 'none';

export interface KustomizeEngine {
  /** Builds the kustomization in `dir` (absolute); resources in kustomize's output order, with origins. */
  build(fs: FileSystem, dir: string, opts: { loadRestrictor: LoadRestrictor; repoRoot: string }): Promise<Resource[]>;
}

type Built = Resource[] | { resources: Resource[] } | Iterable<Resource>;
type Facade = (fs: FileSystem, dir: string, opts: { loadRestrictor: LoadRestrictor; repoRoot: string }) => Built | Promise<Built>;

function toList(b: Built): Resource[] {
  if (Array.isArray(b)) return b;
  if (typeof b === 'object' && b !== null && 'resources' in b && Array.isArray((b as { resources: unknown }).resources)) {
    return (b as { resources: Resource[] }).resources;
  }
  return [...(b as Iterable<Resource>)];
}

let cached: Promise<KustomizeEngine | null> | undefined;

/** The native engine (src/kustomize's `buildKustomization` façade), or null while it is not part of this build. */
export function nativeEngine(): Promise<KustomizeEngine | null> {
  cached ??= (async () => {
    const modulePath = '../kustomize/index.js';
    try {
      const mod = (await import(modulePath)) as { buildKustomization?: Facade };
      const facade = mod.buildKustomization;
      if (typeof facade !== 'function') return null;
      return { build: async (fs, dir, opts) => toList(await facade(fs, dir, opts)) } satisfies KustomizeEngine;
    } catch {
      return null;
    }
  })();
  return cached;
}

export async function requireEngine(engine?: KustomizeEngine): Promise<KustomizeEngine> {
  const e = engine ?? (await nativeEngine());
  if (!e) throw new HopsError('the kustomize engine is not available in this build of hops', { hint: 'this is a development build; src/kustomize has not landed yet' });
  return e;
}
