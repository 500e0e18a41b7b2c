// The units both build paths produce (changed-only: one Flux Kustomization build; full: a build() unit), reduced to
// what the comparison needs, and the full path: build() of a whole side, left with the units Flux would apply.
import type { Finding } from '../core/finding.js';
import { UsageError } from '../core/errors.js';
import { build } from '../flux/build.js';
import type { BuildRequest, BuildUnit } from '../flux/build.js';
import type { KsBuild } from '../flux/build-ks.js';
import { stopsBuild } from '../flux/lenient-kustomization.js';
import { ksKey } from '../flux/model.js';
import type { DiffRequest } from './result.js';
import type { Side } from './sides.js';

/** A unit of either build path, reduced to what the comparison needs. */
export interface Unit {
  key: string;
  path: string;
  resources: KsBuild['resources'];
  findings: Finding[];
  ok: boolean;
}

export const fromKs = (b: KsBuild): Unit => ({ key: ksKey(b.ks), path: b.dir, resources: b.resources, findings: b.findings, ok: b.ok && !stopsBuild(b.findings) });
export const fromUnit = (u: BuildUnit): Unit => ({ key: u.id, path: u.dir, resources: u.resources, findings: u.findings, ok: u.ok });

/** build() of one side (every Kustomization, or the one asked for); undefined when that one is not on this side. */
export async function fullBuild(req: DiffRequest, side: Side, opts: { env?: Record<string, string | undefined>; strict?: boolean }): Promise<{ units: Unit[]; findings: Finding[] } | undefined> {
  const breq: BuildRequest = req.mode === 'ks' ? { mode: 'ks', name: req.name, ...(req.namespace ? { namespace: req.namespace } : {}) } : { mode: 'all' };
  try {
    const r = await build(breq, { root: side.root, fs: side.fs, env: opts.env ?? {}, strict: opts.strict === true });
    // Flux does not apply what no parent lists (FluxRepo.applied): absent from the diff, as in changed-only mode
    return { units: r.units.filter((u) => u.applied !== false).map(fromUnit), findings: r.findings };
  } catch (e) {
    // a Kustomization that exists on one side only
    if (req.mode === 'ks' && e instanceof UsageError && /^no Flux Kustomization named/.test(e.message)) return undefined;
    throw e;
  }
}
