// The kustomize engine the Flux layer builds on (src/kustomize), behind a small interface so the Flux layer can be
// tested on its own and another engine (e.g. a real kustomize binary as an oracle) can stand in.
import type { FileSystem } from '../io/fs.js';
import type { Resource, YMap } from '../core/resource.js';
import { buildFromKustomization, buildKustomization, newSession } from '../kustomize/index.js';
import type { LoadSession } from '../kustomize/index.js';

export type LoadRestrictor = 'rootOnly' | 'none';

export interface EngineOptions {
  loadRestrictor: LoadRestrictor;
  repoRoot: string;
}

export interface KustomizeEngine {
  /** Builds the kustomization in `dir` (absolute); resources in kustomize's output order, with origins. */
  build(fs: FileSystem, dir: string, opts: EngineOptions): Promise<Resource[]>;
  /**
   * Builds `dir` with `kustomization` in place of its kustomization file (what Flux writes before building).
   * Engines without it are given the kustomization through an overlay filesystem.
   */
  buildFrom?(fs: FileSystem, dir: string, kustomization: YMap, opts: EngineOptions & { file: string }): Promise<Resource[]>;
}

/** The native engine; one instance per job so parse caches are shared across the builds of a repository. */
export function nativeEngine(): KustomizeEngine {
  const sessions = new Map<string, LoadSession>();
  const session = (fs: FileSystem, opts: EngineOptions): LoadSession => {
    const key = `${opts.loadRestrictor}:${opts.repoRoot}`;
    let s = sessions.get(key);
    if (!s || s.fs !== fs) {
      s = newSession(fs, opts.loadRestrictor, opts.repoRoot);
      sessions.set(key, s);
    }
    return s;
  };
  return {
    async build(fs, dir, opts) {
      return buildKustomization(fs, dir, { ...opts, session: session(fs, opts) }).resources;
    },
    async buildFrom(fs, dir, kustomization, opts) {
      return buildFromKustomization(fs, dir, kustomization, { ...opts, session: session(fs, opts) }).resources;
    },
  };
}
