// One side of a diff: a FluxRepo (src/flux/repo.ts) that shares parsed files and unchanged builds with the other
// side, plus what the plan needs to decide what to build without building: the inputs of each Kustomization
// (closures) and those of the Kustomizations as written (written).
import type { ParseCache } from '../flux/parse-cache.js';
import { FluxRepo } from '../flux/repo.js';
import type { FluxRepoOptions } from '../flux/repo.js';
import { ClosureFinder } from './closure.js';
import type { SharedBuilds } from './shared-builds.js';
import { WrittenInputs } from './written-inputs.js';

export type SideRepoOptions = Omit<FluxRepoOptions, 'reuse'> & { parseCache: ParseCache; shared?: SharedBuilds };

export class SideRepo extends FluxRepo {
  readonly closures: ClosureFinder;
  /** Inputs of the Kustomizations as written, for deciding what to build. */
  readonly written: WrittenInputs;

  constructor(opts: SideRepoOptions) {
    const closures = new ClosureFinder(opts.fs, opts.root);
    const { shared, ...rest } = opts;
    super({ ...rest, ...(shared ? { reuse: shared.forSide(closures) } : {}) });
    this.closures = closures;
    this.written = new WrittenInputs(closures, (k) => this.parentOf(k), shared?.changed);
  }
}
