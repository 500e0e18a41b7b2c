// Kustomizations a diff does not compare: those that fail to build on a side, and those not built there because a
// Kustomization above them fails. Flux applies nothing of a Kustomization whose build fails, and prunes nothing:
// the cluster keeps what it last applied. Shown as removed (or added), its objects would say the opposite.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import { buildStopper } from '../flux/lenient-kustomization.js';
import { isFluxKustomization } from '../flux/model.js';
import type { KsFailure } from './result.js';
import type { Unit } from './units.js';

export interface Pair {
  key: string;
  before?: Unit;
  after?: Unit;
}

const failedUnit = (u: Unit | undefined): u is Unit => u !== undefined && !u.ok;

/** Why a unit did not build: its first error (a field Flux drops does not count), or the parent that fails. */
function reasonOf(u: Unit): Omit<KsFailure, 'side'> {
  const err = buildStopper(u.findings);
  // (the one that fails carries the note on those below it, naming itself)
  const parent = u.findings.find((f) => f.code === 'parent-failed' && f.data?.['parent'] !== u.key);
  // below a failing Kustomization: its error may be listed too (build ks), but this one is not built because of it
  const f = parent ?? err;
  if (!f) return { code: 'build-failed', reason: 'it does not build' };
  const p = f.code === 'parent-failed' && typeof f.data?.['parent'] === 'string' ? f.data['parent'] : undefined;
  return {
    code: f.code,
    // the summary names the Kustomization already
    reason: p ? `Kustomization ${p} above it fails to build` : f.message.replace(/^Kustomization \S+: /, ''),
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(p ? { parent: p } : {}),
  };
}

/** Keys of the Flux Kustomizations a unit's build emits. */
function emitted(u: Unit | undefined): string[] {
  const out: string[] = [];
  for (const r of u?.resources ?? []) {
    if (!isFluxKustomization(r.object)) continue;
    const md = isMap(r.object['metadata']) ? r.object['metadata'] : {};
    if (typeof md['name'] === 'string') out.push(`${typeof md['namespace'] === 'string' ? md['namespace'] : ''}/${md['name']}`);
  }
  return out;
}

const nameOf = (key: string): string => key.slice(key.indexOf('/') + 1);
// a unit that built has its spec.path normalised, one that did not has it as written
const dirOf = (u: Unit | undefined): string => posix.normalize((u?.path ?? '').replace(/^\.?\/+/, '') || '.').replace(/\/$/, '');
const parentFailed = (u: Unit | undefined): boolean => u !== undefined && u.findings.some((f) => f.code === 'parent-failed');

/**
 * Pairs with the Kustomizations not built below a failing one put together with their other side. Not built, a
 * Kustomization whose namespace its parent's folder sets is known by a guessed key (`default/<name>`); it is the
 * one of the same name and spec.path the other side knows by its real key.
 */
export function joinUnbuilt<P extends Pair>(pairs: readonly P[]): P[] {
  const out = [...pairs];
  for (const p of pairs) {
    const side = p.after && !p.before ? 'after' : p.before && !p.after ? 'before' : undefined;
    if (!side || !parentFailed(p[side])) continue;
    const twin = out.find((q) => q !== p && q[side] === undefined && nameOf(q.key) === nameOf(p.key) && dirOf(q.before ?? q.after) === dirOf(p[side]));
    if (!twin) continue;
    twin[side] = p[side];
    out.splice(out.indexOf(p), 1);
  }
  return out;
}

/**
 * The Kustomizations not to compare, by key. A side where a Kustomization fails also lacks what its build would
 * emit: the Kustomizations the other side's build of it emits (and theirs) have no unit there when the whole side
 * was built (`--full`) and count as not built because of it.
 */
export function failedKustomizations(pairs: readonly Pair[]): Map<string, KsFailure> {
  const out = new Map<string, KsFailure>();
  const byKey = new Map(pairs.map((p) => [p.key, p]));
  const below = (p: Pair, side: 'before' | 'after', parent: string): void => {
    const other = side === 'before' ? p.after : p.before;
    for (const key of emitted(other)) {
      const child = byKey.get(key);
      if (!child || out.has(key) || child[side] !== undefined) continue;
      out.set(key, { side: side === 'after' ? 'new' : 'old', code: 'parent-failed', reason: `Kustomization ${parent} above it fails to build`, parent });
      below(child, side, parent);
    }
  };
  for (const p of pairs) {
    const a = failedUnit(p.after);
    const b = failedUnit(p.before);
    if (!a && !b) continue;
    const why = reasonOf((a ? p.after : p.before)!);
    out.set(p.key, { side: a && b ? 'both' : a ? 'new' : 'old', ...why });
  }
  for (const p of pairs) {
    const f = out.get(p.key);
    if (!f || f.code === 'parent-failed') continue;
    if (f.side !== 'old') below(p, 'after', p.key);
    if (f.side !== 'new') below(p, 'before', p.key);
  }
  return out;
}
