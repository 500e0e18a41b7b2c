// Changed-only mode: which Flux Kustomizations to build on each side. It starts from those whose inputs (files
// below their path, components, patches, their own definition) changed, builds them on both sides, and follows
// the consequences: a child Kustomization whose object came out different, and every Kustomization that may
// substitute from a ConfigMap/Secret that came out different. Everything else is the same on both sides and is
// not built at all (or built once, when a changed Kustomization needs it as a parent or a variable source).
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import type { KsBuild } from '../flux/build-ks.js';
import { isFluxKustomization, ksKey, readKustomization } from '../flux/model.js';
import { valuesEqual } from './field-paths.js';
import { toJson } from './shared-builds.js';
import type { SideRepo } from './side-repo.js';
import type { FluxKustomization } from '../flux/model.js';

export interface PairedBuild {
  key: string;
  before?: KsBuild;
  after?: KsBuild;
}

function fluxChildren(b: KsBuild | undefined): Map<string, YMap> {
  const m = new Map<string, YMap>();
  for (const r of b?.resources ?? []) if (isFluxKustomization(r.object)) m.set(ksKey(readKustomization(r, b!.ks.namespace)), r.object);
  return m;
}

/** ConfigMaps and Secrets a build makes (`Kind/namespace/name` → object): possible substitution sources. */
function sources(b: KsBuild | undefined): Map<string, YMap> {
  const m = new Map<string, YMap>();
  for (const r of b?.resources ?? []) {
    const kind = r.object['kind'];
    if (kind !== 'ConfigMap' && kind !== 'Secret') continue;
    const meta = isMap(r.object['metadata']) ? r.object['metadata'] : {};
    m.set(`${String(kind)}/${String(meta['namespace'] ?? '')}/${String(meta['name'] ?? '')}`, r.object);
  }
  return m;
}

/** Keys of a ConfigMap/Secret whose values differ; 'all' when it exists on one side only (its absence changes how unset variables are treated). */
function changedVars(a: YMap | undefined, b: YMap | undefined): Set<string> | 'all' {
  if (!a || !b) return 'all';
  const out = new Set<string>();
  for (const field of ['data', 'stringData', 'binaryData']) {
    const x = isMap(a[field]) ? a[field] : {};
    const y = isMap(b[field]) ? b[field] : {};
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) if (!valuesEqual(x[k], y[k])) out.add(k);
  }
  return out;
}

function differing(a: Map<string, YMap>, b: Map<string, YMap>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (!b.has(k) || !valuesEqual(v, b.get(k)!)) out.push(k);
  for (const k of b.keys()) if (!a.has(k)) out.push(k);
  return out;
}

/** Builds the given Kustomizations on both sides and everything their changes reach. */
export async function expand(before: SideRepo, after: SideRepo, initial: Iterable<string>): Promise<PairedBuild[]> {
  const queue: string[] = [];
  const seen = new Set<string>();
  const add = (k: string): void => {
    if (!seen.has(k)) (seen.add(k), queue.push(k));
  };
  for (const k of initial) add(k);
  // substitution sources that came out different: name → the variables that differ (or all of them)
  const dirty = new Map<string, Set<string> | 'all'>();
  const pairs: PairedBuild[] = [];
  while (queue.length > 0) {
    const key = queue.shift()!;
    const ka = await before.byKey(key);
    const kb = await after.byKey(key);
    const pair: PairedBuild = { key };
    if (ka) pair.before = await before.build(ka);
    if (kb) pair.after = await after.build(kb);
    pairs.push(pair);
    if (pair.before === pair.after) continue;
    for (const child of differing(fluxChildren(pair.before), fluxChildren(pair.after))) add(child);
    const sa = sources(pair.before);
    const sb = sources(pair.after);
    for (const src of differing(sa, sb)) {
      const name = src.slice(src.lastIndexOf('/') + 1);
      const had = dirty.get(name);
      const vars = changedVars(sa.get(src), sb.get(src));
      if (had === 'all' || (had && vars !== 'all' && [...vars].every((v) => had.has(v)))) continue;
      const now = vars === 'all' || had === undefined ? vars : new Set([...had, ...vars]);
      dirty.set(name, now);
      // anything that may substitute from it (a name in an ancestor's patches counts: they add substituteFrom)
      // and writes one of the changed variables somewhere it reads
      for (const side of [before, after]) {
        for (const k of side.raw) {
          if (!side.written.mentions(k, 'substituteFrom') || !side.written.mentions(k, name)) continue;
          if (now !== 'all' && ![...side.written.usedVars(k)].some((v) => now.has(v))) continue;
          add(ksKey(await side.effective(k)));
        }
      }
    }
  }
  return pairs;
}

/** Kustomizations (effective keys) whose definition or inputs changed, on either side. */
export async function changedKustomizations(before: SideRepo, after: SideRepo, changed: ReadonlySet<string>): Promise<string[]> {
  const keys = new Set<string>();
  // spec.ignore, or the built-in exclusions coming or going (a first .sourceignore anywhere), may change what any
  // build sees without a change to its files: every Kustomization is rebuilt. (A .sourceignore's own patterns are
  // inputs of the builds below its folder, closure.ts.)
  if (before.wideIgnoreRules !== after.wideIgnoreRules) {
    for (const side of [after, before]) for (const k of side.raw) keys.add(ksKey(await side.effective(k)));
    return [...keys];
  }
  // A Kustomization written the same way on both sides needs checking on one side only: if none of the files its
  // build reads on that side changed, the other side reads the very same files.
  const same = (k: FluxKustomization): string => `${k.origin.file}\0${toJson(k.object)}`;
  const onAfter = new Set(after.raw.map(same));
  for (const side of [after, before]) {
    for (const k of side.raw) {
      if (side === before && onAfter.has(same(k))) continue;
      if (changed.has(k.origin.file) || side.written.touches(k)) keys.add(ksKey(await side.effective(k)));
    }
  }
  return [...keys];
}

/** Distinct Kustomizations written on either side (by name and namespace when written). */
export function knownCount(before: SideRepo, after: SideRepo): number {
  const names = new Set<string>();
  for (const side of [before, after]) for (const k of side.raw) names.add(k.namespaceSet ? ksKey(k) : `?/${k.name}`);
  return names.size;
}
