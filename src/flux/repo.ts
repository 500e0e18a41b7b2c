// A repository seen the way Flux sees it: every Flux Kustomization, built as its parent applies it (a parent's
// patches reach its children), which Kustomizations Flux applies at all, and substituteFrom objects looked up among
// the builds of those it applies. Nothing is built until asked for; builds are memoised and run one at a time, so a
// lookup that would need a build already in progress (a cycle, or a parent still building) is skipped. Two views of one repository (the
// sides of a diff) can share parsed files (parseCache) and the builds of Kustomizations whose inputs are the same in
// both (reuse).
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { buildAll } from './build-all.js';
import type { BuildAllOptions, UnappliedKustomization } from './build-all.js';
import { buildFluxKustomization } from './build-ks.js';
import type { KsBuild } from './build-ks.js';
import type { KustomizeEngine } from './engine.js';
import { isFluxKustomization, ksKey, readKustomization } from './model.js';
import type { FluxKustomization, SubstituteReference } from './model.js';
import { ParseCache } from './parse-cache.js';
import { scanRepository } from './scan.js';
import type { ScannedFile } from './scan.js';
import { decryptSopsYaml } from './sops.js';
import type { SopsResult } from './sops.js';
import { collectVars } from './substitute-from.js';
import type { Vars } from './substitute-from.js';

export type { BuildAllOptions, UnappliedKustomization } from './build-all.js';
export { mayDeclareKsOrSource } from './scan.js';
export type { ScannedFile } from './scan.js';

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

export interface FluxRepoOptions {
  fs: FileSystem;
  /** Absolute repository root. */
  root: string;
  engine: KustomizeEngine;
  identities: readonly string[];
  strict: boolean;
  /** Parsed YAML shared with other views of the repository (default: one of its own). */
  parseCache?: ParseCache;
  reuse?: BuildReuse;
}

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
function emittedFrom(pb: KsBuild, raw: FluxKustomization): FluxKustomization | undefined {
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

interface Resolved {
  ks: FluxKustomization | undefined;
  /** False while a Kustomization up the parent chain is being built (then `ks` is as written). */
  final: boolean;
  /**
   * Applied through a parent whose key another Kustomization took (a second cluster's, without --entry): that
   * parent's build is the other one's, so `ks` is as written and this view does not build it.
   */
  viaTwin?: boolean;
}

export class FluxRepo {
  readonly raw: FluxKustomization[];
  /** Notes about the repository that accumulate while building (sources taken to be this repository). */
  readonly findings: Finding[] = [];
  /** Every YAML file of the repository with its text (substituteFrom lookups search them). */
  readonly files: ScannedFile[];
  private readonly repoSources: Set<string>;
  /** GitRepositories declared here with the URL of another repository. */
  private readonly otherSources: Set<string>;
  private readonly assumedSources = new Set<string>();
  private readonly parseCache: ParseCache;
  private readonly builds = new Map<string, KsBuild>();
  private readonly inProgress = new Set<string>();
  private readonly parents = new Map<string, FluxKustomization | undefined>();
  /** Final answers of applied(), by key and defining document. */
  private readonly appliedMemo = new Map<string, Resolved>();
  private readonly appliedBuilds = new WeakMap<KsBuild, boolean>();
  /** ConfigMaps and Secrets of the builds so far, by name, in build order. */
  private readonly byName = new Map<string, Array<{ build: KsBuild; r: Resource }>>();
  private readonly candidateMemo = new Map<string, FluxKustomization[]>();
  private readonly decrypted = new Map<string, Promise<SopsResult>>();
  private nestedMs = 0;
  /** Milliseconds each build took, without the builds it triggered. */
  readonly ms = new Map<string, number>();
  /** Builds this repository ran itself (not taken from `reuse`). */
  built = 0;
  /** Kustomizations Flux does not apply, found by buildAll(). */
  readonly unapplied: UnappliedKustomization[] = [];
  /** Keys of builds buildAll() made for Kustomizations Flux does not apply (they and their trees). */
  readonly unappliedKeys = new Set<string>();

  constructor(readonly opts: FluxRepoOptions) {
    this.parseCache = opts.parseCache ?? new ParseCache();
    ({ raw: this.raw, files: this.files, repoSources: this.repoSources, otherSources: this.otherSources } = scanRepository(opts.fs, opts.root, this.parseCache));
  }

  /** Kustomizations defined twice with different paths (one per cluster): only the first is built. */
  duplicates(): Finding[] {
    const out: Finding[] = [];
    const byKey = new Map<string, FluxKustomization>();
    for (const k of this.raw) {
      const first = byKey.get(ksKey(k));
      if (!first) byKey.set(ksKey(k), k);
      else if (k.namespaceSet && first.path !== k.path) {
        out.push({
          code: 'duplicate-kustomization',
          severity: 'info',
          message: `Kustomization ${ksKey(k)} is defined in ${first.origin.file} and ${k.origin.file} with different paths; only one is built`,
          file: k.origin.file,
          line: k.origin.line,
          data: { key: ksKey(k), files: [first.origin.file, k.origin.file] },
          hint: 'a repository with several clusters: build each one with --entry <cluster dir>',
        });
      }
    }
    return out;
  }

  isRepoSource(ks: FluxKustomization): boolean {
    if (ks.sourceRef.kind !== 'GitRepository') return false;
    const name = ks.sourceRef.name;
    if (name === 'flux-system' || this.repoSources.has(name)) return true;
    if (this.otherSources.has(name)) return false;
    // Repositories often name their own source (created at bootstrap, not declared here): a GitRepository whose
    // Kustomizations point at paths that exist here is taken to be this repository, and that is said once.
    const dir = posix.join(this.opts.root, dirOf(ks));
    if (!this.opts.fs.isDirectory(dir)) return false;
    if (!this.assumedSources.has(name)) {
      this.assumedSources.add(name);
      this.findings.push({
        code: 'assumed-repository-source',
        severity: 'info',
        message: `GitRepository ${name} is taken to be this repository (the paths its Kustomizations build exist here)`,
        file: ks.origin.file,
        line: ks.origin.line,
      });
    }
    return true;
  }

  /** The Kustomization whose spec.path holds the file that defines `ks` (the deepest one), if any. */
  parentOf(ks: FluxKustomization): FluxKustomization | undefined {
    // depends only on the key and the defining file (the raw list does not change)
    const memoKey = `${ksKey(ks)}\0${ks.origin.file}`;
    if (this.parents.has(memoKey)) return this.parents.get(memoKey);
    let best: FluxKustomization | undefined;
    for (const p of this.raw) {
      if (ksKey(p) === ksKey(ks) || !this.isRepoSource(p) || !covers(dirOf(p), ks.origin.file)) continue;
      if (!best || dirOf(p).length > dirOf(best).length) best = p;
    }
    this.parents.set(memoKey, best);
    return best;
  }

  /** The Kustomization as its parent applies it (patched, substituted), or as written when it has no parent. */
  async effective(ks: FluxKustomization, seen = new Set<string>()): Promise<FluxKustomization> {
    const parent = this.parentOf(ks);
    if (!parent || seen.has(ksKey(parent)) || this.inProgress.has(ksKey(parent))) return ks;
    seen.add(ksKey(ks));
    return emittedFrom(await this.build(await this.effective(parent, seen)), ks) ?? ks;
  }

  /**
   * The Kustomization as Flux applies it: as its parent's build emits it; as written when no other Kustomization's
   * path holds its file (bootstrap applies it) or when its parent does not build (then nobody can tell). Undefined
   * when Flux does not apply it: its parent builds fine without it (its entry commented out of the folder's
   * kustomization.yaml, the file still there), or its parent is not applied itself. A parent that emits it from the
   * same file under another name or namespace applies it under that key.
   */
  async applied(raw: FluxKustomization): Promise<FluxKustomization | undefined> {
    return (await this.resolveApplied(raw, new Set())).ks;
  }

  /** applied(), and whether that is through a twin parent (another cluster's; see buildAll). */
  async appliedAs(raw: FluxKustomization): Promise<{ ks: FluxKustomization | undefined; viaTwin: boolean }> {
    const r = await this.resolveApplied(raw, new Set());
    return { ks: r.ks, viaTwin: r.viaTwin === true };
  }

  /**
   * applied(), and whether the answer is final: it is not while a Kustomization up the parent chain is being built
   * (its output is not known yet, so the Kustomization is taken as written). Final answers are memoised.
   */
  private async resolveApplied(raw: FluxKustomization, seen: Set<string>): Promise<Resolved> {
    const memoKey = `${ksKey(raw)}\0${raw.origin.file}:${raw.origin.line}`;
    const top = seen.size === 0;
    const known = top ? this.appliedMemo.get(memoKey) : undefined;
    if (known) return known;
    const r = await this.resolveOnce(raw, seen);
    if (top && r.final) this.appliedMemo.set(memoKey, r);
    return r;
  }

  private async resolveOnce(raw: FluxKustomization, seen: Set<string>): Promise<Resolved> {
    const parent = this.parentOf(raw);
    if (!parent || seen.has(ksKey(parent))) return { ks: raw, final: true };
    if (this.inProgress.has(ksKey(parent))) return { ks: raw, final: false };
    seen.add(ksKey(raw));
    const up = await this.resolveApplied(parent, seen);
    if (!up.final) return { ks: raw, final: false };
    if (!up.ks) return up;
    if (up.viaTwin) return { ks: raw, final: true, viaTwin: true };
    const p = up.ks;
    if (this.inProgress.has(ksKey(p))) return { ks: raw, final: false };
    const pb = await this.build(p);
    // a parent known by the same key as another (one per cluster, without --entry): its build is the other's
    if (dirOf(pb.ks) !== dirOf(p) || pb.ks.origin.file !== p.origin.file) return { ks: raw, final: true, viaTwin: true };
    const child = emittedFrom(pb, raw);
    if (child) return { ks: child, final: true };
    const built = pb.ok && !pb.findings.some((f) => f.severity === 'error') && pb.resources.length > 0;
    return { ks: built ? undefined : raw, final: true };
  }

  /** The Kustomization known by `namespace/name`, as Flux applies it; undefined when Flux does not apply one. */
  async byKey(key: string): Promise<FluxKustomization | undefined> {
    const name = key.slice(key.indexOf('/') + 1);
    const written = this.raw.filter((k) => k.name === name && (ksKey(k) === key || !k.namespaceSet));
    let unapplied = false;
    for (const raw of written) {
      const app = await this.applied(raw);
      if (app && ksKey(app) === key) return app;
      if (!app && ksKey(raw) === key) unapplied = true;
    }
    // written with this key, and Flux does not apply it
    if (unapplied) return undefined;
    // declared only by another Kustomization's output
    for (const b of this.builds.values()) {
      for (const r of b.resources) {
        if (!isFluxKustomization(r.object)) continue;
        const child = readKustomization(r, b.ks.namespace);
        if (ksKey(child) === key) return child;
      }
    }
    return undefined;
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
      const lookup = {
        find: (ref: SubstituteReference, ns: string) => this.find(ref, ns),
        sourceDocument: (r: Resource) => this.sourceDocument(r),
        identities: this.opts.identities,
        decrypt: (doc: string) => this.decrypt(doc),
      };
      let vars: Vars | undefined;
      let sharedKey: string | undefined;
      const reuse = this.opts.reuse;
      if (reuse?.sameInputs(ks)) {
        vars = ks.postBuild ? await collectVars(ks, lookup) : undefined;
        sharedKey = reuse.key(ks, vars, this.isRepoSource(ks));
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
        isRepoSource: (k) => this.isRepoSource(k),
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

  /**
   * The ConfigMap/Secret a substituteFrom reference names, among the builds of Kustomizations Flux applies (Flux
   * reads it from the cluster, where nothing else puts it). Builds the applied Kustomizations whose paths hold a file
   * mentioning the name, each as its parent emits it; one whose parent is still being built is left out (its build
   * as Flux applies it is not known yet).
   */
  async find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    const hit = await this.search(ref, namespace);
    if (hit) return hit;
    for (const k of this.candidates(ref.name)) {
      const app = await this.resolveApplied(k, new Set());
      if (!app.final || !app.ks) continue;
      const key = ksKey(app.ks);
      if (this.inProgress.has(key) || this.builds.has(key)) continue;
      await this.build(app.ks);
      const found = await this.search(ref, namespace);
      if (found) return found;
    }
    return undefined;
  }

  /** The first object named by `ref` in `namespace` among the builds made so far of Kustomizations Flux applies. */
  private async search(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    for (const { build, r } of this.byName.get(ref.name) ?? []) {
      const m = isMap(r.object['metadata']) ? r.object['metadata'] : {};
      if (r.object['kind'] !== ref.kind || (m['namespace'] ?? namespace) !== namespace) continue;
      if (await this.isAppliedBuild(build)) return r;
    }
    return undefined;
  }

  /** Whether a build is of a Kustomization Flux applies, under the key it was built with. */
  private async isAppliedBuild(b: KsBuild): Promise<boolean> {
    const known = this.appliedBuilds.get(b);
    if (known !== undefined) return known;
    const app = await this.resolveApplied(b.ks, new Set());
    const yes = app.ks !== undefined && ksKey(app.ks) === ksKey(b.ks);
    if (app.final) this.appliedBuilds.set(b, yes);
    return yes;
  }

  /** The deepest Kustomization holding each file that mentions `name` (the places an object so named may come from). */
  private candidates(name: string): FluxKustomization[] {
    let list = this.candidateMemo.get(name);
    if (list) return list;
    const byKey = new Map<string, FluxKustomization>();
    for (const f of this.files) {
      if (!f.text.includes(name)) continue;
      let best: FluxKustomization | undefined;
      for (const k of this.raw) {
        if (this.isRepoSource(k) && covers(dirOf(k), f.file) && (!best || dirOf(k).length > dirOf(best).length)) best = k;
      }
      if (best && !byKey.has(ksKey(best))) byKey.set(ksKey(best), best);
    }
    this.candidateMemo.set(name, (list = [...byKey.values()]));
    return list;
  }

  /** Memoises a build and indexes its ConfigMaps and Secrets by name for search(). */
  private remember(key: string, b: KsBuild): void {
    this.builds.set(key, b);
    for (const r of b.resources) {
      const kind = r.object['kind'];
      if (kind !== 'ConfigMap' && kind !== 'Secret') continue;
      const m = isMap(r.object['metadata']) ? r.object['metadata'] : {};
      const name = String(m['name']);
      let list = this.byName.get(name);
      if (!list) this.byName.set(name, (list = []));
      list.push({ build: b, r });
    }
  }

  /** A SOPS document decrypted (or not) once per job: the plaintext stays in this object's memory only. */
  private decrypt(doc: string): Promise<SopsResult> {
    let r = this.decrypted.get(doc);
    if (!r) this.decrypted.set(doc, (r = decryptSopsYaml(doc, this.opts.identities)));
    return r;
  }

  /** The text of the YAML document a resource was read from (SOPS MACs cover the document as written). */
  sourceDocument(r: Resource): string | undefined {
    const abs = posix.join(this.opts.root, r.origin.file);
    if (!this.opts.fs.isFile(abs)) return undefined;
    const text = this.opts.fs.readText(abs);
    const docs = this.parseCache.parse(text, r.origin.file);
    if (!docs) return undefined;
    const starts = docs.map((d) => d.startLine);
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > r.origin.line) i--;
    const lines = text.split('\n');
    return lines.slice((starts[i] ?? 1) - 1, i + 1 < starts.length ? starts[i + 1]! - 1 : lines.length).join('\n');
  }

  /** Builds `ks` and, breadth first, every Kustomization its output declares. */
  async buildTree(ks: FluxKustomization): Promise<KsBuild[]> {
    const order: KsBuild[] = [];
    const queue = [ks];
    const queued = new Set([ksKey(ks)]);
    while (queue.length > 0) {
      const b = await this.build(queue.shift()!);
      order.push(b);
      for (const r of b.resources) {
        if (!isFluxKustomization(r.object)) continue;
        const child = readKustomization(r, b.ks.namespace);
        if (queued.has(ksKey(child))) continue;
        queued.add(ksKey(child));
        queue.push(child);
      }
    }
    return order;
  }

  /**
   * Every Kustomization: trees from the ones no other Kustomization's path holds (roots), then any left over —
   * those Flux applies although no root's tree reached them (their parent does not build), and those it does not
   * apply (listed in `unapplied`; built as their own trees unless `unapplied: 'skip'`).
   */
  buildAll(opts: BuildAllOptions = {}): Promise<KsBuild[]> {
    return buildAll(this, opts);
  }

  /** The Kustomization Flux bootstrap would create for a cluster directory (flux-system/flux-system). */
  entryKustomization(dir: string): FluxKustomization {
    const object: YMap = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { interval: '10m', path: './' + dir, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    };
    return readKustomization({ object, origin: { file: dir, line: 1 } });
  }

  /** Kustomizations named `name` (in `namespace` when given), as their parents apply them. */
  async lookup(name: string, namespace?: string): Promise<FluxKustomization[]> {
    const out: FluxKustomization[] = [];
    for (const k of this.raw.filter((x) => x.name === name)) {
      const eff = await this.effective(k);
      if (namespace === undefined || eff.namespace === namespace) out.push(eff);
    }
    return out;
  }
}
