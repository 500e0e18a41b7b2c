// A repository seen the way Flux sees it: every Flux Kustomization, built as its parent applies it (a parent's
// patches reach its children), which Kustomizations Flux applies at all (applied.ts), and substituteFrom objects
// looked up among the builds of those it applies (substitute-sources.ts). Nothing is built until asked for; builds
// are memoised and run one at a time, so a lookup that would need a build already in progress (a cycle, or a parent
// still building) is skipped. Two views of one repository (the sides of a diff) can share parsed files
// (parseCache) and the builds of Kustomizations whose inputs are the same in both (reuse).
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { AppliedResolver, covers, dirOf, emittedFrom, parentFailedBuild } from './applied.js';
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
import { SourceView } from './sourceignore-fs.js';
import { collectVars } from './substitute-from.js';
import { SubstituteSources } from './substitute-sources.js';
import type { SourcesHost } from './substitute-sources.js';
import type { Vars } from './substitute-from.js';

export type { BuildAllOptions, UnappliedKustomization } from './build-all.js';
export { covers, dirOf } from './applied.js';
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

/** Whether spec.path is a string (or absent): the API server refuses any other type, so that one applies nothing. */
function pathIsText(ks: FluxKustomization): boolean {
  const path = isMap(ks.object['spec']) ? ks.object['spec']['path'] : undefined;
  return path === undefined || path === null || typeof path === 'string';
}

export class FluxRepo {
  readonly raw: FluxKustomization[];
  private readonly rawSet: Set<FluxKustomization>;
  /** Notes about the repository that accumulate while building (sources taken to be this repository). */
  readonly findings: Finding[] = [];
  /** Every YAML file of the repository with its text (substituteFrom lookups search them). */
  readonly files: ScannedFile[];
  /** The repository as the source artifact holds it (.sourceignore, spec.ignore): what the builds read. */
  readonly sourceFs: SourceView;
  private readonly ignoreKey: string;
  /** The source ignore rules that apply to every path (spec.ignore, the built-in ones), as a key (see Scan). */
  readonly wideIgnoreRules: string;
  private readonly repoSources: Set<string>;
  /** GitRepositories declared here with the URL of another repository. */
  private readonly otherSources: Set<string>;
  private readonly assumedSources = new Set<string>();
  private readonly parseCache: ParseCache;
  private readonly builds = new Map<string, KsBuild>();
  private readonly inProgress = new Set<string>();
  private readonly parents = new Map<string, FluxKustomization | undefined>();
  private readonly resolver: AppliedResolver;
  private readonly sources: SubstituteSources;
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
    const scan = scanRepository(opts.fs, opts.root, this.parseCache);
    ({ raw: this.raw, files: this.files, repoSources: this.repoSources, otherSources: this.otherSources } = scan);
    this.rawSet = new Set(this.raw);
    this.sourceFs = new SourceView(opts.fs, opts.root, scan.ignore);
    this.wideIgnoreRules = scan.wideRules;
    this.ignoreKey = JSON.stringify(scan.ignore.patterns.map((p) => [p.domain, p.negate, p.dirOnly, p.text]));
    const host: SourcesHost = {
      raw: this.raw,
      files: this.files,
      holderOf: (file) => {
        let best: FluxKustomization | undefined;
        for (const k of this.raw) if (this.isRepoSource(k) && covers(dirOf(k), file) && (!best || dirOf(k).length > dirOf(best).length)) best = k;
        return best;
      },
      applied: (raw) => this.resolver.resolve(raw),
      started: (key) => this.inProgress.has(key) || this.builds.has(key),
      build: (ks) => this.build(ks),
    };
    this.resolver = new AppliedResolver({ parentOf: (k) => this.parentOf(k), building: (key) => this.inProgress.has(key), build: (k) => this.build(k) });
    this.sources = new SubstituteSources(host, { fs: opts.fs, root: opts.root, identities: opts.identities, parseCache: this.parseCache });
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
      if (ksKey(p) === ksKey(ks) || !this.isRepoSource(p) || !covers(dirOf(p), ks.origin.file) || !pathIsText(p)) continue;
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

  /** The Kustomization as Flux applies it; undefined when Flux does not apply it (see applied.ts). */
  async applied(raw: FluxKustomization): Promise<FluxKustomization | undefined> {
    return (await this.resolver.resolve(raw)).ks;
  }

  /** applied(), and whether that is through a twin parent (another cluster's; see buildAll). */
  async appliedAs(raw: FluxKustomization): Promise<{ ks: FluxKustomization | undefined; viaTwin: boolean }> {
    const r = await this.resolver.resolve(raw);
    return { ks: r.ks, viaTwin: r.viaTwin === true };
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
      // as written (not as a parent emitted it): not built when a parent up the chain fails to build. Resolving may
      // build the parents; this one counts as under way meanwhile, which also ends parent cycles.
      const failed = this.rawSet.has(ks) ? (await this.resolver.resolve(ks)).failedParent : undefined;
      if (failed) {
        const b = parentFailedBuild(ks, failed);
        this.remember(key, b);
        return b;
      }
      const lookup = this.sources;
      let vars: Vars | undefined;
      let sharedKey: string | undefined;
      const reuse = this.opts.reuse;
      if (reuse?.sameInputs(ks)) {
        vars = ks.postBuild ? await collectVars(ks, lookup) : undefined;
        // the other view may leave other files out (a different spec.ignore): its builds are not these
        sharedKey = `${reuse.key(ks, vars, this.isRepoSource(ks))}\0${this.ignoreKey}`;
        const hit = reuse.get(sharedKey);
        if (hit) {
          this.remember(key, hit);
          return hit;
        }
      }
      this.built++;
      const b = await buildFluxKustomization(ks, {
        fs: this.sourceFs,
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

  /** The ConfigMap/Secret a substituteFrom reference names, as the cluster would hold it (see SubstituteSources). */
  find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    return this.sources.find(ref, namespace);
  }

  /** Memoises a build; its ConfigMaps and Secrets become substituteFrom sources. */
  private remember(key: string, b: KsBuild): void {
    this.builds.set(key, b);
    this.sources.add(b);
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
