// The contract by which two views of one repository (the sides of a diff) share builds: see FluxRepo.build.
import type { KsBuild } from './build-ks.js';
import type { FluxKustomization } from './model.js';
import type { Vars } from './substitute-from.js';

/**
 * Builds of another view of the repository that this one may take instead of building (the other side of a diff):
 * a Kustomization whose build reads the same files there and here builds the same, given the same variables.
 */
export interface BuildReuse {
  /** Whether the build of `ks` reads only files that are the same in the other view. */
  sameInputs(ks: FluxKustomization): boolean;
  /** The key a build with these inputs is shared under (`vars`: undefined without postBuild). */
  key(ks: FluxKustomization, vars: Vars | undefined, repoSource: boolean): string;
  get(key: string): KsBuild | undefined;
  set(key: string, build: KsBuild): void;
}
