// The units both build paths produce (changed-only: one Flux Kustomization build; full: a build() unit), reduced to
// what the comparison needs, and the full path: build() of a whole side, left with the units Flux would apply.
import type { Finding } from '../core/finding.js';
import { UsageError } from '../core/errors.js';
import { build } from '../flux/build.js';
import type { BuildRequest, BuildUnit } from '../flux/build.js';
import type { KsBuild } from '../flux/build-ks.js';
import { isFluxKustomization, ksKey, readKustomization } from '../flux/model.js';
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

export const fromKs = (b: KsBuild): Unit => ({ key: ksKey(b.ks), path: b.dir, resources: b.resources, findings: b.findings, ok: b.ok && !b.findings.some((f) => f.severity === 'error') });
export const fromUnit = (u: BuildUnit): Unit => ({ key: u.id, path: u.dir, resources: u.resources, findings: u.findings, ok: u.ok });

/** build() of one side (every Kustomization, or the one asked for); undefined when that one is not on this side. */
export async function fullBuild(req: DiffRequest, side: Side, opts: { env?: Record<string, string | undefined>; strict?: boolean }): Promise<{ units: Unit[]; findings: Finding[] } | undefined> {
  const breq: BuildRequest = req.mode === 'ks' ? { mode: 'ks', name: req.name, ...(req.namespace ? { namespace: req.namespace } : {}) } : { mode: 'all' };
  try {
    const r = await build(breq, { root: side.root, fs: side.fs, env: opts.env ?? {}, strict: opts.strict === true });
    return { units: applied(r.units).map(fromUnit), findings: r.findings };
  } catch (e) {
    // a Kustomization that exists on one side only
    if (req.mode === 'ks' && e instanceof UsageError && /^no Flux Kustomization named/.test(e.message)) return undefined;
    throw e;
  }
}

/**
 * The units Flux would apply. build() also builds Kustomizations no parent emits (an entry commented out of the
 * parent's kustomization, the file still there); Flux does not apply those, so a diff leaves them out (as SideRepo
 * does). The parent is the deepest other unit whose path holds the defining file, as FluxRepo finds it.
 */
function applied(units: BuildUnit[]): BuildUnit[] {
  const covers = (dir: string, file: string): boolean => dir === '.' || file.startsWith(dir + '/');
  const repoUnits = units.filter((u) => u.kustomization && !u.findings.some((f) => f.code === 'external-source'));
  return units.filter((u) => {
    const k = u.kustomization;
    if (!k) return true;
    let parent: BuildUnit | undefined;
    for (const p of repoUnits) if (p !== u && covers(p.dir, k.origin.file) && (!parent || p.dir.length > parent.dir.length)) parent = p;
    if (!parent || !parent.ok || parent.resources.length === 0) return true;
    return parent.resources.some((r) => isFluxKustomization(r.object) && ksKey(readKustomization(r, parent.kustomization!.namespace)) === u.id);
  });
}

