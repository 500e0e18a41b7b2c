// A repository seen the way Flux sees it: every Flux Kustomization, built as its parent applies it (a parent's
// patches reach its children), which Kustomizations Flux applies at all (applied.ts), and substituteFrom objects
// looked up among the builds of those it applies (substitute-sources.ts). Nothing is built until asked for; builds
// are memoised and run one at a time (build-memo.ts), so a lookup that would need a build already in progress (a
// cycle, or a parent still building) is skipped. Two views of one repository (the sides of a diff) can share parsed
// files (parseCache) and the builds of Kustomizations whose inputs are the same in both (reuse).
import type { Finding } from '../core/finding.js';
import type { Resource } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { AppliedResolver, emittedFrom } from './applied.js';
import { buildAll } from './build-all.js';
import type { BuildAllOptions, UnappliedKustomization } from './build-all.js';
import type { KsBuild } from './build-ks.js';
import { BuildMemo } from './build-memo.js';
import type { BuildReuse } from './build-reuse.js';
import { buildTree, entryKustomization } from './build-tree.js';
import { duplicateKustomizations } from './duplicates.js';
import type { KustomizeEngine } from './engine.js';
import { kustomizationByKey, kustomizationsNamed } from './find-kustomization.js';
import { PathHolders } from './holders.js';
import { ksKey } from './model.js';
import type { FluxKustomization, SubstituteReference } from './model.js';
import { ParseCache } from './parse-cache.js';
import { RepoSources } from './repo-sources.js';
import { scanRepository } from './scan.js';
import type { ScannedFile } from './scan.js';
import { SourceView } from './sourceignore-fs.js';
import { SubstituteSources } from './substitute-sources.js';
import type { SourcesHost } from './substitute-sources.js';

export type { BuildAllOptions, UnappliedKustomization } from './build-all.js';
export type { BuildReuse } from './build-reuse.js';
export { covers, dirOf } from './applied.js';
export { mayDeclareKsOrSource } from './scan.js';
export type { ScannedFile } from './scan.js';

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

export class FluxRepo {
  readonly raw: FluxKustomization[];
  /** Notes about the repository that accumulate while building (sources taken to be this repository). */
  readonly findings: Finding[] = [];
  /** Every YAML file of the repository with its text (substituteFrom lookups search them). */
  readonly files: ScannedFile[];
  /** The repository as the source artifact holds it (.sourceignore, spec.ignore): what the builds read. */
  readonly sourceFs: SourceView;
  /** The source ignore rules that apply to every path (spec.ignore, the built-in ones), as a key (see Scan). */
  readonly wideIgnoreRules: string;
  private readonly repoSources: RepoSources;
  private readonly holders: PathHolders;
  private readonly parseCache: ParseCache;
  private readonly resolver: AppliedResolver;
  private readonly sources: SubstituteSources;
  private readonly memo: BuildMemo;
  /** Milliseconds each build took, without the builds it triggered. */
  readonly ms: Map<string, number>;
  /** Builds this repository ran itself (not taken from `reuse`). */
  get built(): number {
    return this.memo.built;
  }
  /** Kustomizations Flux does not apply, found by buildAll(). */
  readonly unapplied: UnappliedKustomization[] = [];
  /** Keys of builds buildAll() made for Kustomizations Flux does not apply (they and their trees). */
  readonly unappliedKeys = new Set<string>();

  constructor(readonly opts: FluxRepoOptions) {
    this.parseCache = opts.parseCache ?? new ParseCache();
    const scan = scanRepository(opts.fs, opts.root, this.parseCache);
    ({ raw: this.raw, files: this.files } = scan);
    // GitRepositories declared here for this repository, and those declared with the URL of another repository
    this.repoSources = new RepoSources(opts.fs, opts.root, scan.repoSources, scan.otherSources, this.findings);
    this.holders = new PathHolders(this.raw, (k) => this.isRepoSource(k));
    this.sourceFs = new SourceView(opts.fs, opts.root, scan.ignore);
    this.wideIgnoreRules = scan.wideRules;
    const host: SourcesHost = {
      raw: this.raw,
      files: this.files,
      holderOf: (file) => this.holders.holderOf(file),
      applied: (raw) => this.resolver.resolve(raw),
      started: (key) => this.memo.started(key),
      build: (ks) => this.build(ks),
    };
    this.resolver = new AppliedResolver({ parentOf: (k) => this.parentOf(k), building: (key) => this.memo.building(key), build: (k) => this.build(k) });
    this.sources = new SubstituteSources(host, { fs: opts.fs, root: opts.root, identities: opts.identities, parseCache: this.parseCache });
    const rawSet = new Set(this.raw);
    this.memo = new BuildMemo({
      fs: this.sourceFs,
      root: opts.root,
      engine: opts.engine,
      strict: opts.strict,
      reuse: opts.reuse,
      ignoreKey: JSON.stringify(scan.ignore.patterns.map((p) => [p.domain, p.negate, p.dirOnly, p.text])),
      failedParent: async (k) => (rawSet.has(k) ? (await this.resolver.resolve(k)).failedParent : undefined),
      isRepoSource: (k) => this.isRepoSource(k),
      lookup: () => this.sources,
      remembered: (b) => this.sources.add(b),
    });
    this.ms = this.memo.ms;
  }

  /** Kustomizations defined twice with different paths (one per cluster): only the first is built. */
  duplicates(): Finding[] {
    return duplicateKustomizations(this.raw);
  }

  isRepoSource(ks: FluxKustomization): boolean {
    return this.repoSources.isRepoSource(ks);
  }

  /** The Kustomization whose spec.path holds the file that defines `ks` (the deepest one), if any. */
  parentOf(ks: FluxKustomization): FluxKustomization | undefined {
    return this.holders.parentOf(ks);
  }

  /** The Kustomization as its parent applies it (patched, substituted), or as written when it has no parent. */
  async effective(ks: FluxKustomization, seen = new Set<string>()): Promise<FluxKustomization> {
    const parent = this.parentOf(ks);
    if (!parent || seen.has(ksKey(parent)) || this.memo.building(ksKey(parent))) return ks;
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
  byKey(key: string): Promise<FluxKustomization | undefined> {
    return kustomizationByKey(this, key);
  }

  /** The builds made so far, in the order they were memoised. */
  doneBuilds(): IterableIterator<KsBuild> {
    return this.memo.done();
  }

  build(ks: FluxKustomization): Promise<KsBuild> {
    return this.memo.build(ks);
  }

  /** The ConfigMap/Secret a substituteFrom reference names, as the cluster would hold it (see SubstituteSources). */
  find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    return this.sources.find(ref, namespace);
  }

  /** Builds `ks` and, breadth first, every Kustomization its output declares. */
  buildTree(ks: FluxKustomization): Promise<KsBuild[]> {
    return buildTree((k) => this.build(k), ks);
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
    return entryKustomization(dir);
  }

  /** Kustomizations named `name` (in `namespace` when given), as their parents apply them. */
  lookup(name: string, namespace?: string): Promise<FluxKustomization[]> {
    return kustomizationsNamed(this, name, namespace);
  }
}
