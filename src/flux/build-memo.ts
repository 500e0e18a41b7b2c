// The builds of one view of a repository: memoised by Kustomization key and run one at a time, so a lookup that
// leads back to a build under way (a cycle, or a parent still building) gets an empty build instead of waiting.
// A build the other view of a diff already made with the same inputs is taken from there (BuildReuse).
import type { FileSystem } from '../io/fs.js';
import { parentFailedBuild } from './applied.js';
import { buildFluxKustomization } from './build-ks.js';
import type { KsBuild } from './build-ks.js';
import type { BuildReuse } from './build-reuse.js';
import type { KustomizeEngine } from './engine.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';
import { collectVars } from './substitute-from.js';
import type { Vars, VarLookupContext } from './substitute-from.js';

export interface BuildMemoOptions {
  /** What the builds read (the source artifact's view of the repository). */
  fs: FileSystem;
  root: string;
  engine: KustomizeEngine;
  strict: boolean;
  reuse?: BuildReuse | undefined;
  /** The source ignore rules, as a key: builds are shared only with a view that leaves out the same files. */
  ignoreKey: string;
  /** The failing parent up the chain of `ks` (as written), if any; resolving it may build the parents. */
  failedParent(ks: FluxKustomization): Promise<FluxKustomization | undefined>;
  isRepoSource(ks: FluxKustomization): boolean;
  /** Where substituteFrom variables are looked up. */
  lookup(): VarLookupContext;
  /** Told of each build as it is memoised (its ConfigMaps and Secrets become substituteFrom sources). */
  remembered(b: KsBuild): void;
}

export class BuildMemo {
  private readonly builds = new Map<string, KsBuild>();
  private readonly inProgress = new Set<string>();
  private nestedMs = 0;
  /** Milliseconds each build took, without the builds it triggered. */
  readonly ms = new Map<string, number>();
  /** Builds run here (not taken from `reuse`). */
  built = 0;

  constructor(private readonly opts: BuildMemoOptions) {}

  /** Whether the build under this key is under way. */
  building(key: string): boolean {
    return this.inProgress.has(key);
  }

  /** Whether the build under this key is under way or done. */
  started(key: string): boolean {
    return this.inProgress.has(key) || this.builds.has(key);
  }

  /** The builds done so far, in the order they were memoised. */
  done(): IterableIterator<KsBuild> {
    return this.builds.values();
  }

  async build(ks: FluxKustomization): Promise<KsBuild> {
    const key = ksKey(ks);
    const done = this.builds.get(key);
    if (done) return done;
    if (this.inProgress.has(key)) {
      // a lookup led back to a build under way: that build's output cannot serve it (not memoised)
      return { ks, dir: ks.path, resources: [], findings: [], ok: true };
    }
    this.inProgress.add(key);
    const t0 = performance.now();
    const nested = this.nestedMs;
    try {
      // as written (not as a parent emitted it): not built when a parent up the chain fails to build. Resolving may
      // build the parents; this one counts as under way meanwhile, which also ends parent cycles.
      const failed = await this.opts.failedParent(ks);
      if (failed) {
        const b = parentFailedBuild(ks, failed);
        this.remember(key, b);
        return b;
      }
      const lookup = this.opts.lookup();
      let vars: Vars | undefined;
      let sharedKey: string | undefined;
      const reuse = this.opts.reuse;
      if (reuse?.sameInputs(ks)) {
        vars = ks.postBuild ? await collectVars(ks, lookup) : undefined;
        // the other view may leave other files out (a different spec.ignore): its builds are not these
        sharedKey = `${reuse.key(ks, vars, this.opts.isRepoSource(ks))}\0${this.opts.ignoreKey}`;
        const hit = reuse.get(sharedKey);
        if (hit) {
          this.remember(key, hit);
          return hit;
        }
      }
      this.built++;
      const b = await buildFluxKustomization(ks, {
        fs: this.opts.fs,
        root: this.opts.root,
        engine: this.opts.engine,
        strict: this.opts.strict,
        isRepoSource: (k) => this.opts.isRepoSource(k),
        vars: async (k) => vars ?? (await collectVars(k, lookup)),
      });
      // time spent building other Kustomizations for variable lookups is theirs
      const ms = performance.now() - t0 - (this.nestedMs - nested);
      this.nestedMs += ms;
      this.ms.set(key, ms);
      this.remember(key, b);
      if (sharedKey !== undefined) reuse!.set(sharedKey, b);
      return b;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private remember(key: string, b: KsBuild): void {
    this.builds.set(key, b);
    this.opts.remembered(b);
  }
}
