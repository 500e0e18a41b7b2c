// One side of a diff seen the way Flux sees it, built on demand. It follows FluxRepo (src/flux/repo.ts) rule for
// rule — Kustomizations as their parents apply them, substituteFrom objects looked up among what the repository
// builds, the repository's own GitRepository — with three differences that make a one-file diff cheap:
// - the scan parses only files that can declare a Kustomization or a GitRepository, through a parse memo shared
//   by both sides (the second side re-parses only what changed);
// - nothing is built until asked for;
// - a Kustomization whose inputs did not change is built once for both sides (SharedBuilds), keyed by everything
//   else its build depends on: its effective object, whether its source is this repository, and its variables.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { buildFluxKustomization } from '../flux/build-ks.js';
import type { KsBuild } from '../flux/build-ks.js';
import type { KustomizeEngine } from '../flux/engine.js';
import { isFluxKustomization, ksKey, readKustomization } from '../flux/model.js';
import type { FluxKustomization, SubstituteReference } from '../flux/model.js';
import { collectVars } from '../flux/substitute-from.js';
import type { Vars } from '../flux/substitute-from.js';
import { ClosureFinder, touches, variableNames } from './closure.js';
import { WrittenInputs } from './written-inputs.js';
import { buildFingerprint, toJson } from './shared-builds.js';
import type { ParseMemo, SharedBuilds } from './shared-builds.js';
import { scanRepo } from './side-scan.js';
import type { ScannedFile } from './side-scan.js';

export interface SideRepoOptions {
  fs: FileSystem;
  root: string;
  engine: KustomizeEngine;
  identities: readonly string[];
  strict: boolean;
  memo: ParseMemo;
  shared?: SharedBuilds;
}

const dirs = new WeakMap<FluxKustomization, string>();
function dirOf(ks: FluxKustomization): string {
  let d = dirs.get(ks);
  if (d === undefined) dirs.set(ks, (d = posix.normalize(ks.path.replace(/^\.?\/+/, '') || '.').replace(/\/$/, '')));
  return d;
}
const covers = (dir: string, file: string): boolean => dir === '.' || file.startsWith(dir + '/');

export class SideRepo {
  readonly raw: FluxKustomization[];
  readonly findings: Finding[] = [];
  readonly files: ScannedFile[];
  readonly closures: ClosureFinder;
  /** Inputs of the Kustomizations as written, for deciding what to build. */
  readonly written: WrittenInputs;
  private readonly repoSources: Set<string>;
  private readonly otherSources: Set<string>;
  private readonly assumedSources = new Set<string>();
  private readonly builds = new Map<string, KsBuild>();
  private readonly inProgress = new Set<string>();
  private readonly parents = new Map<string, FluxKustomization | undefined>();
  /** Builds this side ran itself (not taken from the other side). */
  built = 0;

  constructor(readonly opts: SideRepoOptions) {
    this.closures = new ClosureFinder(opts.fs, opts.root);
    this.written = new WrittenInputs(this.closures, (k) => this.parentOf(k), opts.shared?.changed);
    ({ raw: this.raw, files: this.files, repoSources: this.repoSources, otherSources: this.otherSources } = scanRepo(opts.fs, opts.root, opts.memo));
  }

  isRepoSource(ks: FluxKustomization): boolean {
    if (ks.sourceRef.kind !== 'GitRepository') return false;
    const name = ks.sourceRef.name;
    if (name === 'flux-system' || this.repoSources.has(name)) return true;
    if (this.otherSources.has(name)) return false;
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

  async effective(ks: FluxKustomization, seen = new Set<string>()): Promise<FluxKustomization> {
    const parent = this.parentOf(ks);
    if (!parent || seen.has(ksKey(parent)) || this.inProgress.has(ksKey(parent))) return ks;
    seen.add(ksKey(ks));
    const pb = await this.build(await this.effective(parent, seen));
    for (const r of pb.resources) {
      if (!isFluxKustomization(r.object)) continue;
      const child = readKustomization(r, pb.ks.namespace);
      if (child.name === ks.name && (!ks.namespaceSet || child.namespace === ks.namespace)) return child;
    }
    return ks;
  }

  /**
   * The Kustomization as Flux applies it: as its parent's build emits it, or as written when it has no parent.
   * Undefined when its parent builds fine without it (e.g. its entry in the parent's kustomization is commented
   * out): Flux would not apply it, whatever file still declares it.
   */
  async applied(raw: FluxKustomization): Promise<FluxKustomization | undefined> {
    const parent = this.parentOf(raw);
    if (!parent || this.inProgress.has(ksKey(parent))) return raw;
    const eff = await this.effective(raw);
    if (eff !== raw) return eff;
    const pb = await this.build(await this.effective(parent));
    const built = pb.ok && !pb.findings.some((f) => f.severity === 'error') && pb.resources.length > 0;
    return built && !this.inProgress.has(ksKey(pb.ks)) ? undefined : raw;
  }

  /** The Kustomization known by `namespace/name` on this side, as its parent applies it; undefined when absent. */
  async byKey(key: string): Promise<FluxKustomization | undefined> {
    const raw = this.raw.find((k) => ksKey(k) === key) ?? this.raw.find((k) => !k.namespaceSet && key.endsWith('/' + k.name));
    if (raw) {
      const eff = await this.applied(raw);
      if (eff && ksKey(eff) === key) return eff;
      if (!eff) return undefined;
    }
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

  /** Whether the build of `ks` on this side may read a changed file. */
  inputsChanged(ks: FluxKustomization): boolean {
    const changed = this.opts.shared?.changed;
    if (!changed) return true;
    return touches(this.closures.inputs(ks), changed);
  }

  /** Variable names the build of `ks` may substitute: in its inputs or in its own object (inline patches). */
  usedVars(ks: FluxKustomization): Set<string> {
    const names = this.closures.variables(this.closures.inputs(ks));
    for (const n of variableNames(toJson(ks.object))) names.add(n);
    return names;
  }

  async build(ks: FluxKustomization): Promise<KsBuild> {
    const key = ksKey(ks);
    const done = this.builds.get(key);
    if (done) return done;
    if (this.inProgress.has(key)) return { ks, dir: ks.path, resources: [], findings: [], ok: true };
    this.inProgress.add(key);
    try {
      const lookup = {
        find: (ref: SubstituteReference, ns: string) => this.find(ref, ns),
        sourceDocument: (r: Resource) => this.sourceDocument(r),
        identities: this.opts.identities,
      };
      const shared = this.opts.shared;
      let vars: Vars | undefined;
      let sharedKey: string | undefined;
      if (shared && !this.inputsChanged(ks)) {
        vars = ks.postBuild ? await collectVars(ks, lookup) : undefined;
        const fp = buildFingerprint(ks, vars, this.usedVars(ks), this.isRepoSource(ks));
        sharedKey = `${key}\0${fp}`;
        const hit = shared.get(sharedKey);
        if (hit) {
          this.builds.set(key, hit);
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
      this.builds.set(key, b);
      if (sharedKey) shared!.set(sharedKey, b);
      return b;
    } finally {
      this.inProgress.delete(key);
    }
  }

  async find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    const match = (r: Resource): boolean => {
      const m = isMap(r.object['metadata']) ? r.object['metadata'] : {};
      return r.object['kind'] === ref.kind && m['name'] === ref.name && (m['namespace'] ?? namespace) === namespace;
    };
    const search = (): Resource | undefined => {
      for (const b of this.builds.values()) for (const r of b.resources) if (match(r)) return r;
      return undefined;
    };
    const hit = search();
    if (hit) return hit;
    const candidates = new Map<string, FluxKustomization>();
    for (const f of this.files) {
      if (!f.text.includes(ref.name)) continue;
      let best: FluxKustomization | undefined;
      for (const k of this.raw) {
        if (this.isRepoSource(k) && covers(dirOf(k), f.file) && (!best || dirOf(k).length > dirOf(best).length)) best = k;
      }
      if (best && !candidates.has(ksKey(best))) candidates.set(ksKey(best), best);
    }
    for (const k of candidates.values()) {
      if (this.inProgress.has(ksKey(k)) || this.builds.has(ksKey(k))) continue;
      await this.build(await this.effective(k));
      const found = search();
      if (found) return found;
    }
    return undefined;
  }

  sourceDocument(r: Resource): string | undefined {
    const abs = posix.join(this.opts.root, r.origin.file);
    if (!this.opts.fs.isFile(abs)) return undefined;
    const text = this.opts.fs.readText(abs);
    const docs = this.opts.memo.parse(text, r.origin.file);
    if (!docs) return undefined;
    const starts = docs.map((d) => d.startLine);
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > r.origin.line) i--;
    const lines = text.split('\n');
    return lines.slice((starts[i] ?? 1) - 1, i + 1 < starts.length ? starts[i + 1]! - 1 : lines.length).join('\n');
  }
}
