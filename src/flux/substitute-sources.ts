// Where substituteFrom objects come from offline (FluxRepo's variable lookups): the ConfigMaps and Secrets of the
// builds of Kustomizations Flux applies, found by name — Flux reads them from the cluster, where nothing else puts
// them. When none is built yet, the applied Kustomizations whose paths hold a file mentioning the name are built (as
// their parents emit them) and searched in turn; one whose parent is still being built is left out (its build as
// Flux applies it is not known yet). Also the source text of a SOPS Secret, and its decryption once per job.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { Resource } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import type { KsBuild } from './build-ks.js';
import { ksKey } from './model.js';
import type { FluxKustomization, SubstituteReference } from './model.js';
import type { ParseCache } from './parse-cache.js';
import type { ScannedFile } from './scan.js';
import { decryptSopsYaml } from './sops.js';
import type { SopsResult } from './sops.js';
import type { VarLookupContext } from './substitute-from.js';

/** What the lookups need of the repository (FluxRepo). */
export interface SourcesHost {
  readonly raw: readonly FluxKustomization[];
  readonly files: readonly ScannedFile[];
  /** The deepest Kustomization of this repository whose path holds `file`. */
  holderOf(file: string): FluxKustomization | undefined;
  /** FluxRepo.applied(), and whether the answer is final (not while a parent up the chain is being built). */
  applied(raw: FluxKustomization): Promise<{ ks: FluxKustomization | undefined; final: boolean }>;
  /** Whether the build under `key` is done or under way. */
  started(key: string): boolean;
  build(ks: FluxKustomization): Promise<KsBuild>;
}

export interface SourcesOptions {
  fs: FileSystem;
  /** Absolute repository root. */
  root: string;
  identities: readonly string[];
  parseCache: ParseCache;
}

export class SubstituteSources implements VarLookupContext {
  readonly identities: readonly string[];
  /** ConfigMaps and Secrets of the builds so far, by name, in build order. */
  private readonly byName = new Map<string, Array<{ build: KsBuild; r: Resource }>>();
  private readonly appliedBuilds = new WeakMap<KsBuild, boolean>();
  private readonly candidateMemo = new Map<string, FluxKustomization[]>();
  private readonly decrypted = new Map<string, Promise<SopsResult>>();

  constructor(
    private readonly host: SourcesHost,
    private readonly opts: SourcesOptions,
  ) {
    this.identities = opts.identities;
  }

  /** Indexes a build's ConfigMaps and Secrets (every build the repository memoises). */
  add(b: KsBuild): void {
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

  /** The ConfigMap/Secret a substituteFrom reference names, as the cluster would hold it; undefined when none. */
  async find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined> {
    const hit = await this.search(ref, namespace);
    if (hit) return hit;
    for (const k of this.candidates(ref.name)) {
      const app = await this.host.applied(k);
      if (!app.final || !app.ks || this.host.started(ksKey(app.ks))) continue;
      await this.host.build(app.ks);
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
    const app = await this.host.applied(b.ks);
    const yes = app.ks !== undefined && ksKey(app.ks) === ksKey(b.ks);
    if (app.final) this.appliedBuilds.set(b, yes);
    return yes;
  }

  /** The deepest Kustomization holding each file that mentions `name` (the places an object so named may come from). */
  private candidates(name: string): FluxKustomization[] {
    let list = this.candidateMemo.get(name);
    if (list) return list;
    const byKey = new Map<string, FluxKustomization>();
    for (const f of this.host.files) {
      if (!f.text.includes(name)) continue;
      const best = this.host.holderOf(f.file);
      if (best && !byKey.has(ksKey(best))) byKey.set(ksKey(best), best);
    }
    this.candidateMemo.set(name, (list = [...byKey.values()]));
    return list;
  }

  /** A SOPS document decrypted (or not) once per job: the plaintext stays in this object's memory only. */
  decrypt(doc: string): Promise<SopsResult> {
    let r = this.decrypted.get(doc);
    if (!r) this.decrypted.set(doc, (r = decryptSopsYaml(doc, this.opts.identities)));
    return r;
  }

  /** The text of the YAML document a resource was read from (SOPS MACs cover the document as written). */
  sourceDocument(r: Resource): string | undefined {
    const abs = posix.join(this.opts.root, r.origin.file);
    if (!this.opts.fs.isFile(abs)) return undefined;
    const text = this.opts.fs.readText(abs);
    const docs = this.opts.parseCache.parse(text, r.origin.file);
    if (!docs) return undefined;
    const starts = docs.map((d) => d.startLine);
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > r.origin.line) i--;
    const lines = text.split('\n');
    return lines.slice((starts[i] ?? 1) - 1, i + 1 < starts.length ? starts[i + 1]! - 1 : lines.length).join('\n');
  }
}
