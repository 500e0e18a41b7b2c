// The `build` façade, for the CLI and the dashboard: plain kustomize builds of directories (`path`), one Flux
// Kustomization as Flux would build it (`ks`), or every Flux Kustomization of the repository or of a cluster entry
// directory (`all`). Results and problems are data; resources are unmasked (use maskSecrets before printing).
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import { hasErrors } from '../core/finding.js';
import { UsageError } from '../core/errors.js';
import type { Resource } from '../core/resource.js';
import { DiskFS } from '../io/fs.js';
import type { FileSystem } from '../io/fs.js';
import { discoverAgeKeys } from './age-keys.js';
import { engineFailure } from './build-ks.js';
import type { KsBuild } from './build-ks.js';
import { nativeEngine } from './engine.js';
import type { KustomizeEngine, LoadRestrictor } from './engine.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';
import { failedParentOf, notBuiltFinding } from './applied.js';
import { stopsBuild } from './lenient-kustomization.js';
import { FluxRepo } from './repo.js';
import type { UnappliedKustomization } from './repo.js';

export type BuildRequest =
  | { mode: 'path'; dirs: string[]; loadRestrictor?: LoadRestrictor }
  | { mode: 'ks'; name: string; namespace?: string }
  | {
      mode: 'all';
      entry?: string;
      /**
       * Kustomizations Flux does not apply (written inside another one's path, which does not list them; see
       * FluxRepo.applied). Default: built like the others, marked `applied: false` and listed in `unapplied`.
       * `skip`: not built, each reported by an info finding `kustomization-unapplied`. `build`: built, marked,
       * listed and reported. Not used with `entry` (only what the entry reaches is built).
       */
      unapplied?: 'skip' | 'build';
      /**
       * A repository with several clusters (root Kustomizations defined once per cluster directory; see the
       * `duplicate-kustomization` findings): `first` (default) builds the first cluster's tree; `none` builds
       * nothing and returns those findings, for a caller that builds each cluster with `entry`. Not used with `entry`.
       */
      severalClusters?: 'first' | 'none';
    };

export interface BuildOptions {
  /** Absolute repository root; `path` dirs and Kustomization paths are relative to it. */
  root: string;
  fs?: FileSystem;
  engine?: KustomizeEngine;
  /** Environment for age key discovery (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, XDG_CONFIG_HOME, HOME). */
  env?: Record<string, string | undefined>;
  /** Fail on variables without a value or default (Flux's --strict-substitute). */
  strict?: boolean;
}

export interface BuildUnit {
  /** The directory (path mode) or `namespace/name` of the Flux Kustomization. */
  id: string;
  kind: 'path' | 'kustomization';
  /** Directory built, relative to the root. */
  dir: string;
  resources: Resource[];
  findings: Finding[];
  /**
   * Built as Flux would build it. An error among the findings may leave it built: a field Flux drops from the
   * kustomization at spec.path (`kustomization-unknown-field`); the result is then not ok.
   */
  ok: boolean;
  ms: number;
  /** The Flux Kustomization as it was built (its parent's patches applied), in `ks`/`all` mode. */
  kustomization?: FluxKustomization;
  /** `false` for a Kustomization Flux does not apply (and the ones it declares), in `all` mode. */
  applied?: boolean;
}

export interface BuildResult {
  units: BuildUnit[];
  /** Findings not tied to one unit (e.g. an unreadable age key file). */
  findings: Finding[];
  ok: boolean;
  /** `all` mode without an entry: Kustomizations written in the repository that Flux does not apply. */
  unapplied?: UnappliedKustomization[];
}

function unitOf(b: KsBuild, ms: number): BuildUnit {
  return { id: ksKey(b.ks), kind: 'kustomization', dir: b.dir, resources: b.resources, findings: b.findings, ok: b.ok && !stopsBuild(b.findings), ms, kustomization: b.ks };
}

function unappliedFinding(u: UnappliedKustomization, built: boolean): Finding {
  const n = u.declares.length;
  const more = n ? ` (nor the ${n} Kustomization${n === 1 ? '' : 's'} written inside it)` : '';
  const within = posix.normalize(u.within.path.replace(/^\.?\/+/, '') || '.');
  return {
    code: 'kustomization-unapplied',
    severity: 'info',
    message: `Kustomization ${ksKey(u.ks)} is not applied: its file is inside spec.path of Kustomization ${ksKey(u.within)} (${within}), whose kustomization does not list it${more}; ${built ? 'built anyway, as asked' : 'not built'}`,
    file: u.ks.origin.file,
    line: u.ks.origin.line,
    hint: 'list it in the kustomization.yaml of that folder to deploy it, or delete it',
  };
}

function relDir(root: string, dir: string): string {
  const abs = posix.resolve(root, dir);
  if (abs !== root && !abs.startsWith(root + '/')) throw new UsageError(`${dir} is outside the repository ${root}`, 'give directories inside the repository; --path <repo> sets its root');
  return posix.relative(root, abs) || '.';
}

export async function build(req: BuildRequest, opts: BuildOptions): Promise<BuildResult> {
  const fs = opts.fs ?? new DiskFS();
  const root = posix.resolve(opts.root);
  const engine = opts.engine ?? nativeEngine();
  const findings: Finding[] = [];
  const units: BuildUnit[] = [];

  if (req.mode === 'path') {
    for (const d of req.dirs) {
      const dir = relDir(root, d);
      const t0 = performance.now();
      try {
        const resources = await engine.build(fs, posix.join(root, dir), { loadRestrictor: req.loadRestrictor ?? 'rootOnly', repoRoot: root });
        units.push({ id: dir, kind: 'path', dir, resources, findings: [], ok: true, ms: performance.now() - t0 });
      } catch (e) {
        const f = engineFailure(e);
        // a plain kustomize build: the engine's message as it is
        const message = e instanceof Error ? e.message : String(e);
        units.push({ id: dir, kind: 'path', dir, resources: [], findings: [{ ...f, message, file: dir }], ok: false, ms: performance.now() - t0 });
      }
    }
    return { units, findings, ok: units.every((u) => u.ok) };
  }

  const keys = discoverAgeKeys({ env: opts.env ?? {} });
  for (const p of keys.problems) findings.push({ code: 'age-key-problem', severity: 'warning', message: p });
  const repo = new FluxRepo({ fs, root, engine, identities: keys.identities, strict: opts.strict === true });

  if (req.mode === 'ks') {
    let candidates = await repo.lookup(req.name, req.namespace);
    if (candidates.length === 0) {
      // not written in any file: maybe declared by another Kustomization's output
      const hits = (await repo.buildAll()).filter((b) => b.ks.name === req.name && (req.namespace === undefined || b.ks.namespace === req.namespace));
      if (hits.length === 0) {
        throw new UsageError(`no Flux Kustomization named ${req.namespace ? req.namespace + '/' : ''}${req.name} in ${root}`, 'list them with `hops build all`');
      }
      candidates = hits.map((b) => b.ks);
    }
    const distinct = new Map(candidates.map((k) => [ksKey(k), k]));
    if (distinct.size > 1) {
      throw new UsageError(`${distinct.size} Flux Kustomizations are named ${req.name}: ${[...distinct.keys()].join(', ')}`, 'pick one with -n NAMESPACE');
    }
    const b = await repo.build([...distinct.values()][0]!);
    const u = unitOf(b, repo.ms.get(ksKey(b.ks)) ?? 0);
    // not built because a Kustomization above it fails: that one's error says why, before the note
    const parent = failedParentOf(b);
    if (parent) u.findings = [...(await repo.build(parent)).findings.filter((f) => f.severity === 'error'), ...u.findings];
    units.push(u);
  } else if (req.entry) {
    const builds = await repo.buildTree(repo.entryKustomization(relDir(root, req.entry)));
    for (const b of builds) units.push(unitOf(b, repo.ms.get(ksKey(b.ks)) ?? 0));
  } else {
    const duplicates = repo.duplicates();
    if (req.severalClusters === 'none' && duplicates.length > 0) {
      findings.push(...duplicates, ...repo.findings);
      return { units, findings, ok: !hasErrors(findings), unapplied: [] };
    }
    const builds = await repo.buildAll(req.unapplied === 'skip' ? { unapplied: 'skip' } : {});
    // Kustomizations whose parent fails to build: no unit (nothing of them is known but a guess), one note per parent
    const notBuilt = new Map<string, { parent: FluxKustomization; list: FluxKustomization[] }>();
    for (const b of builds) {
      const failed = failedParentOf(b);
      if (failed) {
        const entry = notBuilt.get(ksKey(failed)) ?? { parent: failed, list: [] };
        entry.list.push(b.ks);
        notBuilt.set(ksKey(failed), entry);
        continue;
      }
      const u = unitOf(b, repo.ms.get(ksKey(b.ks)) ?? 0);
      if (repo.unappliedKeys.has(u.id)) u.applied = false;
      units.push(u);
    }
    // the repository's own notes first, as without unapplied Kustomizations
    findings.push(...duplicates, ...repo.findings);
    for (const [key, { parent, list }] of notBuilt) {
      // after the error of the Kustomization that fails, on its unit when it has one
      const u = units.find((x) => x.id === key);
      if (u) u.findings = [...u.findings, notBuiltFinding(parent, list)];
      else findings.push(notBuiltFinding(parent, list));
    }
    if (builds.length === 0 && repo.unapplied.length === 0) {
      // most often the wrong folder: say so rather than succeed at nothing
      findings.push({
        code: 'no-kustomizations',
        severity: 'warning',
        message: `no Flux Kustomization (kustomize.toolkit.fluxcd.io) found in ${root}; nothing was built`,
        hint: 'run in the repository root or pass --path <repo>; a plain kustomize folder: `hops build path <dir>`; plain manifests: `hops validate <files>`',
      });
    }
    if (req.unapplied) findings.push(...repo.unapplied.map((u) => unappliedFinding(u, req.unapplied === 'build')));
    return { units, findings, ok: allOk(units, findings), unapplied: [...repo.unapplied] };
  }
  // the repository's own notes (assumed sources, duplicate names) accumulate while building
  findings.push(...repo.duplicates(), ...repo.findings);
  return { units, findings, ok: allOk(units, findings) };
}

/** Every unit built and no error anywhere (a field Flux drops leaves its unit built, but is an error). */
function allOk(units: readonly BuildUnit[], findings: readonly Finding[]): boolean {
  return units.every((u) => u.ok && !hasErrors(u.findings)) && !hasErrors(findings);
}
