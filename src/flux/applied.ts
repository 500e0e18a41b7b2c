// Which Kustomizations Flux applies, and as what (FluxRepo.applied): as its parent's build emits it; as written when
// no other Kustomization's path holds its file (bootstrap applies it) or when its parent does not build (then nobody
// can tell). Not at all when its parent builds fine without it (its entry commented out of the folder's
// kustomization.yaml, the file still there), or when its parent is not applied itself. A parent that emits it from
// the same document under another name or namespace applies it under that key. When a parent up the chain fails
// to build, the answer says which (failedParent): Flux applies nothing of it until that one builds.
import { posix } from 'node:path';
import type { KsBuild } from './build-ks.js';
import { stopsBuild } from './lenient-kustomization.js';
import { isFluxKustomization, ksKey, readKustomization } from './model.js';
import type { FluxKustomization } from './model.js';
import type { Finding } from '../core/finding.js';

const dirs = new WeakMap<FluxKustomization, string>();
/** spec.path relative to the root, without `./` or a trailing `/`. */
export function dirOf(ks: FluxKustomization): string {
  let d = dirs.get(ks);
  if (d === undefined) dirs.set(ks, (d = posix.normalize(ks.path.replace(/^\.?\/+/, '') || '.').replace(/\/$/, '')));
  return d;
}
export const covers = (dir: string, file: string): boolean => dir === '.' || file.startsWith(dir + '/');

/**
 * The Kustomization a parent's build emits from the document that defines `raw`: by file and line, else by file and
 * name. Never by name alone: two folders may each set their namespace on a Kustomization of the same name.
 */
export function emittedFrom(pb: KsBuild, raw: FluxKustomization): FluxKustomization | undefined {
  let sameName: FluxKustomization | undefined;
  for (const r of pb.resources) {
    if (r.origin.file !== raw.origin.file || !isFluxKustomization(r.object)) continue;
    if (r.origin.line === raw.origin.line) return readKustomization(r, pb.ks.namespace);
    if (!sameName) {
      const child = readKustomization(r, pb.ks.namespace);
      if (child.name === raw.name) sameName = child;
    }
  }
  return sameName;
}

export interface Resolved {
  /** As Flux applies it; undefined when it does not. */
  ks: FluxKustomization | undefined;
  /** False while a Kustomization up the parent chain is being built (then `ks` is as written). */
  final: boolean;
  /**
   * Applied through a parent whose key another Kustomization took (a second cluster's, without --entry): that
   * parent's build is the other one's, so `ks` is as written and this view does not build it.
   */
  viaTwin?: boolean;
  /**
   * The Kustomization up the parent chain that fails to build (an error, nothing built), when there is one: `ks` is
   * then as written, a guess (no namespace, patches or variables from the parent), and Flux does not apply it.
   */
  failedParent?: FluxKustomization;
}

/** What the resolution needs of the repository (FluxRepo). */
export interface AppliedHost {
  parentOf(ks: FluxKustomization): FluxKustomization | undefined;
  /** Whether the build under `key` is under way (its output is not known yet). */
  building(key: string): boolean;
  build(ks: FluxKustomization): Promise<KsBuild>;
}

export class AppliedResolver {
  /** Final answers, by key and defining document. */
  private readonly memo = new Map<string, Resolved>();

  constructor(private readonly host: AppliedHost) {}

  /** How Flux applies `raw`; final answers are memoised (answers reached inside a parent cycle depend on the start). */
  async resolve(raw: FluxKustomization, seen = new Set<string>()): Promise<Resolved> {
    const memoKey = `${ksKey(raw)}\0${raw.origin.file}:${raw.origin.line}`;
    const top = seen.size === 0;
    const known = top ? this.memo.get(memoKey) : undefined;
    if (known) return known;
    const r = await this.once(raw, seen);
    if (top && r.final) this.memo.set(memoKey, r);
    return r;
  }

  private async once(raw: FluxKustomization, seen: Set<string>): Promise<Resolved> {
    const parent = this.host.parentOf(raw);
    if (!parent || seen.has(ksKey(parent))) return { ks: raw, final: true };
    if (this.host.building(ksKey(parent))) return { ks: raw, final: false };
    seen.add(ksKey(raw));
    const up = await this.resolve(parent, seen);
    if (!up.final) return { ks: raw, final: false };
    if (!up.ks) return up;
    if (up.viaTwin) return { ks: raw, final: true, viaTwin: true };
    if (up.failedParent) return { ks: raw, final: true, failedParent: up.failedParent };
    const p = up.ks;
    if (this.host.building(ksKey(p))) return { ks: raw, final: false };
    const pb = await this.host.build(p);
    // a parent known by the same key as another (one per cluster, without --entry): its build is the other's
    if (dirOf(pb.ks) !== dirOf(p) || pb.ks.origin.file !== p.origin.file) return { ks: raw, final: true, viaTwin: true };
    const child = emittedFrom(pb, raw);
    if (child) return { ks: child, final: true };
    const errors = stopsBuild(pb.findings);
    const built = pb.ok && !errors && pb.resources.length > 0;
    // nothing built, and an error says why (a remote resource alone is no failure: Flux fetches it)
    const failed = errors && pb.resources.length === 0;
    return { ks: built ? undefined : raw, final: true, ...(failed ? { failedParent: p } : {}) };
  }
}

/**
 * What a Kustomization whose parent fails to build comes to: nothing built, and one note saying why. Its own build
 * would use a guess (no namespace, patches or variables from the parent) and report problems of that guess, such as
 * substituteFrom sources looked for in namespace `default`; the parent's error is the one to fix. Not ok, so that
 * its files count among those that did not build.
 */
export function parentFailedBuild(ks: FluxKustomization, parent: FluxKustomization): KsBuild {
  const name = ks.namespaceSet ? ksKey(ks) : ks.name;
  const finding: Finding = {
    code: 'parent-failed',
    severity: 'info',
    message: `Kustomization ${name} is not built: its file is inside spec.path of Kustomization ${ksKey(parent)} (${dirOf(parent)}), which fails to build; Flux applies nothing of it until that one builds`,
    file: ks.origin.file,
    line: ks.origin.line,
    data: { parent: ksKey(parent) },
    hint: `fix the error of Kustomization ${ksKey(parent)}`,
  };
  const b: KsBuild = { ks, dir: ks.path, resources: [], findings: [finding], ok: false };
  failedParents.set(b, parent);
  return b;
}

const failedParents = new WeakMap<KsBuild, FluxKustomization>();
/** For a build parentFailedBuild() made (nothing was built): the Kustomization that fails. */
export const failedParentOf = (b: KsBuild): FluxKustomization | undefined => failedParents.get(b);

/** One note for all the Kustomizations a failing one leaves unbuilt (`build all`), where the failing one is written. */
export function notBuiltFinding(parent: FluxKustomization, children: readonly FluxKustomization[]): Finding {
  const names = children.map((k) => (k.namespaceSet ? ksKey(k) : k.name));
  const shown = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
  const where = `written inside its spec.path (${dirOf(parent)})`;
  const what = names.length === 1 ? `1 Kustomization ${where} is` : `${names.length} Kustomizations ${where} are`;
  return {
    code: 'parent-failed',
    severity: 'info',
    message: `Kustomization ${ksKey(parent)} fails to build: ${what} not built, as Flux applies nothing written there until it builds (${shown})`,
    file: parent.origin.file,
    line: parent.origin.line,
    data: { parent: ksKey(parent), kustomizations: names },
    hint: `fix the error of Kustomization ${ksKey(parent)}`,
  };
}
