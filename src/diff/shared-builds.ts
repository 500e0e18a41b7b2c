// The builds of Kustomizations that come out the same on both sides of a diff, made once: a build whose input files
// did not change is keyed by everything else it depends on (FluxRepo's `reuse` hook).
import { createHash } from 'node:crypto';
import type { KsBuild } from '../flux/build-ks.js';
import { UNKNOWN } from '../flux/envsubst.js';
import type { FluxKustomization } from '../flux/model.js';
import type { BuildReuse } from '../flux/repo.js';
import type { Vars } from '../flux/substitute-from.js';
import type { ClosureFinder } from './closure.js';
import { touches, variableNames } from './closure.js';

/** Builds of unchanged Kustomizations, made once and handed to both sides. */
export class SharedBuilds {
  private readonly builds = new Map<string, KsBuild>();
  constructor(readonly changed: ReadonlySet<string>) {}

  /** The reuse hook of one side, which knows that side's inputs. */
  forSide(closures: ClosureFinder): BuildReuse {
    return {
      sameInputs: (ks) => !touches(closures.inputs(ks), this.changed),
      key: (ks, vars, repoSource) => {
        // variable names the build may substitute: in its inputs or in its own object (inline patches)
        const used = closures.variables(closures.inputs(ks));
        for (const n of variableNames(toJson(ks.object))) used.add(n);
        return `${ks.namespace}/${ks.name}\0${buildFingerprint(ks, vars, used, repoSource)}`;
      },
      get: (key) => this.builds.get(key),
      set: (key, b) => void this.builds.set(key, b),
    };
  }
}

/** JSON that survives bigint values. */
export const toJson = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/**
 * The variables as far as a build can see them: substitution only replaces `${NAME...}` written somewhere in
 * what the build reads, so a variable no input names cannot change its output (a cluster-settings change rebuilds
 * only the Kustomizations that use the changed variable).
 */
function varsFingerprint(v: Vars | undefined, used: ReadonlySet<string>): string {
  if (!v) return '';
  const seen = [...v.values].filter(([k]) => used.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // whether a value is secret decides how a failing substitution is reported
  return JSON.stringify([seen.map(([k, x]) => [k, x === UNKNOWN ? { unknown: true } : x, v.secret.has(k)]), v.incomplete, v.findings]);
}

/** The key of a build whose input files did not change: its object, its visible variables, its source, its origin. */
export function buildFingerprint(ks: FluxKustomization, vars: Vars | undefined, used: ReadonlySet<string>, repoSource: boolean): string {
  return createHash('sha1')
    .update(toJson(ks.object))
    .update('\0')
    .update(varsFingerprint(vars, used))
    .update(`\0${repoSource}\0${ks.origin.file}:${ks.origin.line}`)
    .digest('hex');
}
