// A repository seen the way Flux sees it: every Flux Kustomization, built as its parent applies it (a parent's
// patches reach its children), substituteFrom objects looked up among what the repository builds. Builds are
// memoised and run one at a time, so a lookup that would need a build already in progress (a cycle) is skipped.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import { buildFluxKustomization } from './build-ks.js';
import type { KsBuild } from './build-ks.js';
import type { KustomizeEngine } from './engine.js';
import { isSourceIgnored } from './generate.js';
import { isFluxKustomization, ksKey, readKustomization, SOURCE_GROUP } from './model.js';
import type { FluxKustomization, SubstituteReference } from './model.js';
import { collectVars } from './substitute-from.js';

export interface FluxRepoOptions {
  fs: FileSystem;
  /** Absolute repository root. */
  root: string;
  engine: KustomizeEngine;
  identities: readonly string[];
  strict: boolean;
}

interface ScannedFile {
  /** Relative to the root. */
  file: string;
  text: string;
}

const SKIP_DIRS = new Set(['node_modules', '.cache', 'dist']);
const dirOf = (ks: FluxKustomization): string => posix.normalize(ks.path.replace(/^\.?\/+/, '') || '.').replace(/\/$/, '');
const covers = (dir: string, file: string): boolean => dir === '.' || file.startsWith(dir + '/');

/**
 * Whether a file's text can declare what the scan looks for: a Flux Kustomization (its apiVersion starts with the
 * kustomize group) or a GitRepository (kind and source group). Written plainly, those names appear in the text; the
 * only ways to spell them otherwise are escapes in double quotes (`\x2e`, a `\` line continuation) and tags
 * (`!!binary`), so files with `\` or `!` are parsed too. Everything else (HelmReleases, OCIRepositories, plain
 * manifests) is not parsed.
 */
export function mayDeclareKsOrSource(text: string): boolean {
  return (
    text.includes('kustomize.toolkit.fluxcd.io') ||
    (text.includes('GitRepository') && text.includes('source.toolkit.fluxcd.io')) ||
    text.includes('\\') ||
    text.includes('!')
  );
}

/** A Kustomization written in the repository that Flux does not apply. */
export interface UnappliedKustomization {
  /** As written. */
  ks: FluxKustomization;
  /** The applied Kustomization whose spec.path holds its file and whose build does not list it. */
  within: FluxKustomization;
  /** Kustomizations written inside it (by the same rule), not applied either. */
  declares: FluxKustomization[];
}

export interface BuildAllOptions {
  /**
   * Kustomizations Flux does not apply (see applied()): `build` (default) builds them after the applied ones, as
   * trees of their own; `skip` leaves them out. Either way they are listed in `unapplied`.
   */
  unapplied?: 'build' | 'skip';
}

export class FluxRepo {
  readonly raw: FluxKustomization[] = [];
  readonly findings: Finding[] = [];
  private readonly files: ScannedFile[] = [];
  private readonly repoSources = new Set<string>();
  private readonly assumedSources = new Set<string>();
  /** GitRepositories declared here with the URL of another repository. */
  private readonly otherSources = new Set<string>();
  private readonly builds = new Map<string, KsBuild>();
  private readonly inProgress = new Set<string>();
  private nestedMs = 0;
  /** Milliseconds each build took, without the builds it triggered. */
  readonly ms = new Map<string, number>();
  /** Kustomizations Flux does not apply, found by buildAll(). */
  readonly unapplied: UnappliedKustomization[] = [];
  /** Keys of builds buildAll() made for Kustomizations Flux does not apply (they and their trees). */
  readonly unappliedKeys = new Set<string>();

  constructor(readonly opts: FluxRepoOptions) {
    this.scan(opts.root);
    const byKey = new Map<string, FluxKustomization>();
    for (const k of this.raw) {
      const first = byKey.get(ksKey(k));
      if (!first) byKey.set(ksKey(k), k);
      else if (k.namespaceSet && first.path !== k.path) {
        this.findings.push({
          code: 'duplicate-kustomization',
          severity: 'info',
          message: `Kustomization ${ksKey(k)} is defined in ${first.origin.file} and ${k.origin.file} with different paths; only one is built`,
          file: k.origin.file,
          line: k.origin.line,
          hint: 'a repository with several clusters: build each one with --entry <cluster dir>',
        });
      }
    }
  }

  private scan(dir: string): void {
    const { fs, root } = this.opts;
    for (const name of fs.readDir(dir)) {
      if (isSourceIgnored(name) || SKIP_DIRS.has(name)) continue;
      const abs = posix.join(dir, name);
      if (fs.isDirectory(abs)) {
        this.scan(abs);
        continue;
      }
      if (!/\.ya?ml$/.test(name)) continue;
      const file = posix.relative(root, abs);
      const text = fs.readText(abs);
      this.files.push({ file, text });
      if (!mayDeclareKsOrSource(text)) continue;
      let docs;
      try {
        docs = parseYamlDocuments(text, file);
      } catch {
        continue; // reported when a build reads the file
      }
      for (const d of docs) {
        if (!isMap(d.value)) continue;
        const obj = d.value as YMap;
        const r: Resource = { object: obj, origin: { file, line: d.startLine } };
        if (isFluxKustomization(obj)) this.raw.push(readKustomization(r));
        else if (String(obj['apiVersion'] ?? '').startsWith(SOURCE_GROUP + '/') && obj['kind'] === 'GitRepository') {
          const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
          const spec = isMap(obj['spec']) ? obj['spec'] : {};
          // the bootstrap source is this repository; so is any other GitRepository whose URL names the same repo
          if (meta['name'] === 'flux-system') this.repoSources.add(String(meta['name']));
          else if (typeof spec['url'] === 'string' && this.sameRepoUrl(spec['url'])) this.repoSources.add(String(meta['name']));
          else if (typeof spec['url'] === 'string') this.otherSources.add(String(meta['name']));
        }
      }
    }
  }

  private sameRepoUrl(url: string): boolean {
    // a clone is usually named after its repository (the shared corpus uses owner__repo)
    const repoName = url.replace(/\.git$/, '').replace(/\/+$/, '').split(/[/:]/).pop()?.toLowerCase() ?? '';
    const base = posix.basename(this.opts.root).toLowerCase();
    if (repoName && (base === repoName || base.endsWith('__' + repoName))) return true;
    const cfg = posix.join(this.opts.root, '.git/config');
    if (!this.opts.fs.isFile(cfg)) return false;
    const norm = (u: string): string => u.replace(/^(ssh:\/\/)?git@([^:/]+)[:/]/, 'https://$2/').replace(/\.git$/, '').replace(/\/$/, '').toLowerCase();
    return [...this.opts.fs.readText(cfg).matchAll(/^\s*url\s*=\s*(\S+)/gm)].some((m) => norm(m[1]!) === norm(url));
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
    let best: FluxKustomization | undefined;
    for (const p of this.raw) {
      if (ksKey(p) === ksKey(ks) || !this.isRepoSource(p) || !covers(dirOf(p), ks.origin.file)) continue;
      if (!best || dirOf(p).length > dirOf(best).length) best = p;
    }
    return best;
  }

  /** The Kustomization as its parent applies it (patched, substituted), or as written when it has no parent. */
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
   * The Kustomization as Flux applies it: as its parent's build emits it; as written when no other Kustomization's
   * path holds its file (bootstrap applies it) or when its parent does not build (then nobody can tell). Undefined
   * when Flux does not apply it: its parent builds fine without it (its entry commented out of the folder's
   * kustomization.yaml, the file still there), or its parent is not applied itself. A parent that emits it from the
   * same file under another name or namespace applies it under that key.
   */
  async applied(raw: FluxKustomization, seen = new Set<string>()): Promise<FluxKustomization | undefined> {
    const parent = this.parentOf(raw);
    if (!parent || seen.has(ksKey(parent)) || this.inProgress.has(ksKey(parent))) return raw;
    seen.add(ksKey(raw));
    const p = await this.applied(parent, seen);
    if (!p) return undefined;
    const pb = await this.build(p);
    // a parent known by the same key as another (one per cluster, without --entry): its build is the other's
    if (dirOf(pb.ks) !== dirOf(p) || pb.ks.origin.file !== p.origin.file) return raw;
    let sameFile: FluxKustomization | undefined;
    for (const r of pb.resources) {
      if (!isFluxKustomization(r.object)) continue;
      const child = readKustomization(r, pb.ks.namespace);
      if (child.name === raw.name && (!raw.namespaceSet || child.namespace === raw.namespace)) return child;
      if (!sameFile && r.origin.file === raw.origin.file && r.origin.line === raw.origin.line) sameFile = child;
    }
    if (sameFile) return sameFile;
    const built = pb.ok && !pb.findings.some((f) => f.severity === 'error') && pb.resources.length > 0;
    return built && !this.inProgress.has(ksKey(pb.ks)) ? undefined : raw;
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
      const b = await buildFluxKustomization(ks, {
        fs: this.opts.fs,
        root: this.opts.root,
        engine: this.opts.engine,
        strict: this.opts.strict,
        isRepoSource: (k) => this.isRepoSource(k),
        vars: (k) =>
          collectVars(k, {
            find: (ref, ns) => this.find(ref, ns),
            sourceDocument: (r) => this.sourceDocument(r),
            identities: this.opts.identities,
          }),
      });
      // time spent building other Kustomizations for variable lookups is theirs
      const ms = performance.now() - t0 - (this.nestedMs - nested);
      this.nestedMs += ms;
      this.ms.set(key, ms);
      this.builds.set(key, b);
      return b;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The ConfigMap/Secret a substituteFrom reference names, among the builds of this repository. */
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
    // build the Kustomizations whose paths hold a file mentioning the name
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

  /** The text of the YAML document a resource was read from (SOPS MACs cover the document as written). */
  sourceDocument(r: Resource): string | undefined {
    const abs = posix.join(this.opts.root, r.origin.file);
    if (!this.opts.fs.isFile(abs)) return undefined;
    const text = this.opts.fs.readText(abs);
    let docs;
    try {
      docs = parseYamlDocuments(text, r.origin.file);
    } catch {
      return undefined;
    }
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
  async buildAll(opts: BuildAllOptions = {}): Promise<KsBuild[]> {
    const out: KsBuild[] = [];
    const seen = new Set<string>();
    this.unapplied.length = 0;
    this.unappliedKeys.clear();
    const add = (bs: KsBuild[], applied: boolean): void => {
      for (const b of bs) {
        if (seen.has(ksKey(b.ks))) continue;
        seen.add(ksKey(b.ks));
        out.push(b);
        if (!applied) this.unappliedKeys.add(ksKey(b.ks));
      }
    };
    for (const root of this.raw.filter((k) => !this.parentOf(k))) add(await this.buildTree(root), true);
    for (const k of this.raw) {
      if (opts.unapplied === 'skip') {
        // decided first, so that nothing Flux does not apply is built (effective() builds the whole parent chain)
        const app = await this.applied(k);
        if (!app || seen.has(ksKey(app))) continue;
      }
      const eff = await this.effective(k);
      if (seen.has(ksKey(eff))) continue;
      const app = await this.applied(k);
      if (app && ksKey(app) === ksKey(eff)) add(await this.buildTree(eff), true);
      // not applied under this key: not at all, or under another key (built there)
      else if (opts.unapplied !== 'skip') add(await this.buildTree(eff), false);
    }
    const unapplied: FluxKustomization[] = [];
    for (const k of this.raw) if (!(await this.applied(k))) unapplied.push(k);
    await this.listUnapplied(unapplied);
    return out;
  }

  /** Groups unapplied Kustomizations under the first one up their parent chain (whose parent is applied). */
  private async listUnapplied(list: FluxKustomization[]): Promise<void> {
    const byRoot = new Map<FluxKustomization, UnappliedKustomization>();
    const top = async (k: FluxKustomization): Promise<{ root: FluxKustomization; within: FluxKustomization } | undefined> => {
      const seen = new Set<string>();
      for (let cur = k; !seen.has(ksKey(cur)); ) {
        seen.add(ksKey(cur));
        const parent = this.parentOf(cur);
        if (!parent) return undefined;
        const p = await this.applied(parent);
        if (p) return { root: cur, within: p };
        cur = parent;
      }
      return undefined;
    };
    for (const k of list) {
      const t = await top(k);
      if (!t) continue;
      let entry = byRoot.get(t.root);
      if (!entry) {
        byRoot.set(t.root, (entry = { ks: t.root, within: t.within, declares: [] }));
        this.unapplied.push(entry);
      }
      if (k !== t.root) entry.declares.push(k);
    }
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
