// The `diff` façade, for the CLI and the dashboard: build both sides with hops build — the folder on disk against
// a git ref or another folder — and compare the objects. By default only Kustomizations whose inputs changed are
// built (plan.ts); `full` builds every Kustomization on both sides with the build() façade. Objects come back
// masked (no Secret value leaves this module) and problems come back as findings.
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { FileSystem } from '../io/fs.js';
import { discoverAgeKeys } from '../flux/age-keys.js';
import { nativeEngine } from '../flux/engine.js';
import { ksKey } from '../flux/model.js';
import { compareItems, statusCounts } from './compare.js';
import type { Item, ObjectDiff } from './compare.js';
import { renderHelmReleases } from './hr.js';
import type { HelmOptions } from './hr.js';
import { changedKustomizations, expand, knownCount } from './plan.js';
import type { PairedBuild } from './plan.js';
import type { DiffRequest, DiffResult, KsFailure, KsSummary } from './result.js';
import { failedKustomizations, joinUnbuilt } from './failures.js';
import { openSides } from './sides.js';
import type { Base, Side } from './sides.js';
import { SharedBuilds } from './shared-builds.js';
import { ParseCache } from '../flux/parse-cache.js';
import { fromKs, fullBuild } from './units.js';
import type { Unit } from './units.js';
import { dedupe, sideFindings, unitFindings } from './diff-findings.js';
import { SideRepo } from './side-repo.js';
import { DEFAULT_STRIP_ATTRS } from './strip.js';

export interface DiffOptions {
  /** Absolute repository root of the new side (a folder on disk). */
  root: string;
  /** The old side: a git ref of the same repository, or another folder. */
  base: Base;
  fs?: FileSystem;
  env?: Record<string, string | undefined>;
  strict?: boolean;
  /** Build every Kustomization on both sides instead of only those whose inputs changed. */
  full?: boolean;
  /** Label/annotation keys dropped before comparing (default: flux-local's list). */
  stripAttrs?: readonly string[];
  /** Lines of context in unified diffs (default 3). */
  context?: number;
  helm?: HelmOptions;
}

export async function diff(req: DiffRequest, opts: DiffOptions): Promise<DiffResult> {
  const t0 = performance.now();
  const root = posix.resolve(opts.root);
  const sides = openSides(root, opts.base, opts.fs);
  const findings: Finding[] = sides.notices.map((message) => ({ code: 'git-submodule-skipped', severity: 'info', message }));
  const notes: string[] = [];
  let pairs: Array<{ key: string; before?: Unit; after?: Unit }>;
  let skipped = 0;
  let changedFiles: number | null = null;
  let builtBefore = 0;
  let builtAfter = 0;

  if (opts.full) {
    const [a, b] = await Promise.all([fullBuild(req, sides.before, opts), fullBuild(req, sides.after, opts)]);
    if (!a && !b && req.mode !== 'all') throw new UsageError(`no Flux Kustomization named ${req.namespace ? req.namespace + '/' : ''}${req.name} on either side`);
    findings.push(...(b?.findings ?? []), ...sideFindings(a?.findings ?? [], sides.before));
    const keys = new Map<string, { key: string; before?: Unit; after?: Unit }>();
    for (const [side, units] of [['before', a?.units ?? []], ['after', b?.units ?? []]] as const) {
      for (const u of units) {
        const p = keys.get(u.key) ?? { key: u.key };
        p[side] = u;
        keys.set(u.key, p);
      }
    }
    pairs = [...keys.values()];
    builtBefore = a?.units.length ?? 0;
    builtAfter = b?.units.length ?? 0;
  } else {
    const changed = sides.changedFiles();
    changedFiles = changed.size;
    const { identities, problems } = discoverAgeKeys({ env: opts.env ?? {} });
    for (const p of problems) findings.push({ code: 'age-key-problem', severity: 'warning', message: p });
    const parseCache = new ParseCache();
    const shared = new SharedBuilds(changed);
    const repo = (s: Side): SideRepo => new SideRepo({ fs: s.fs, root, engine: nativeEngine(), identities, strict: opts.strict === true, parseCache, shared });
    const before = repo(sides.before);
    const after = repo(sides.after);
    let planned: PairedBuild[];
    if (req.mode === 'all') {
      planned = changed.size === 0 ? [] : await expand(before, after, await changedKustomizations(before, after, changed));
      skipped = Math.max(0, knownCount(before, after) - planned.length);
    } else if (req.mode === 'ks') {
      planned = await expand(before, after, [await resolveKs(before, after, req.name, req.namespace)]).then((p) => p.slice(0, 1));
    } else {
      planned = await expand(before, after, await helmReleaseOwners(before, after, req.name));
    }
    pairs = planned.map((p) => ({ key: p.key, ...(p.before ? { before: fromKs(p.before) } : {}), ...(p.after ? { after: fromKs(p.after) } : {}) }));
    findings.push(...after.findings, ...sideFindings(before.findings, sides.before));
    builtBefore = before.built;
    builtAfter = after.built;
  }

  pairs = joinUnbuilt(pairs);
  findings.push(...unitFindings(pairs, sides.before));
  // a Kustomization that fails on a side is not compared: the cluster keeps what Flux last applied of it
  const failures = failedKustomizations(pairs);
  const items = (side: 'before' | 'after'): Item[] =>
    pairs.filter((p) => !failures.has(p.key)).flatMap((p) => (p[side]?.resources ?? []).map((r) => ({ object: r.object, owner: p.key, origin: r.origin })));
  let beforeItems = items('before');
  let afterItems = items('after');
  if (req.mode === 'hr') {
    const hr = await renderHelmReleases(req, beforeItems, afterItems, { root, before: sides.before, after: sides.after, ...(opts.helm ? { helm: opts.helm } : {}) });
    if (hr.found === 0) throw new UsageError(`no HelmRelease named ${req.namespace ? req.namespace + '/' : ''}${req.name} on either side`, 'list them with `hops build all | grep -A3 "kind: HelmRelease"`');
    beforeItems = hr.before;
    afterItems = hr.after;
    notes.push(...hr.notes);
    findings.push(...hr.findings);
  }
  const objects = compareItems(beforeItems, afterItems, { stripAttrs: opts.stripAttrs ?? DEFAULT_STRIP_ATTRS, context: opts.context ?? 3 });
  const ordered = orderByOwner(objects);
  const kustomizations = summarize(pairs, ordered, failures);
  const okAfter = !findings.some((f) => f.severity === 'error');
  return {
    from: sides.before.label,
    to: sides.after.label,
    objects: ordered,
    kustomizations,
    skipped,
    notes,
    findings: dedupe(findings),
    ok: okAfter,
    stats: { changedFiles, builtBefore, builtAfter, ms: performance.now() - t0 },
  };
}

/** The one Kustomization `name` names on either side, or a usage error. */
async function resolveKs(before: SideRepo, after: SideRepo, name: string, namespace?: string): Promise<string> {
  const keys = new Set<string>();
  for (const side of [before, after]) {
    for (const k of side.raw.filter((x) => x.name === name)) {
      const eff = await side.effective(k);
      if (namespace === undefined || eff.namespace === namespace) keys.add(ksKey(eff));
    }
  }
  if (keys.size === 0) throw new UsageError(`no Flux Kustomization named ${namespace ? namespace + '/' : ''}${name} on either side`, 'list them with `hops build all`');
  if (keys.size > 1) throw new UsageError(`${keys.size} Flux Kustomizations are named ${name}: ${[...keys].join(', ')}`, 'pick one with -n NAMESPACE');
  return [...keys][0]!;
}

/** Kustomizations that may build the HelmRelease: those whose inputs hold a file declaring it. */
async function helmReleaseOwners(before: SideRepo, after: SideRepo, name: string): Promise<string[]> {
  const keys = new Set<string>();
  for (const side of [before, after]) {
    const files = new Set(side.files.filter((f) => f.text.includes('HelmRelease') && f.text.includes(name)).map((f) => f.file));
    if (files.size === 0) continue;
    for (const k of side.raw) if (side.written.touches(k, files)) keys.add(ksKey(await side.effective(k)));
  }
  return [...keys];
}

function orderByOwner(objects: ObjectDiff[]): ObjectDiff[] {
  const owners = [...new Set(objects.map((o) => o.owner))].sort();
  const rank = (s: ObjectDiff['status']): number => (s === 'removed' ? 1 : 0);
  return owners.flatMap((o) => objects.filter((x) => x.owner === o).sort((a, b) => rank(a.status) - rank(b.status)));
}

function summarize(pairs: Array<{ key: string; before?: Unit; after?: Unit }>, objects: ObjectDiff[], failures: ReadonlyMap<string, KsFailure>): KsSummary[] {
  return pairs
    .map((p): KsSummary => {
      const mine = objects.filter((o) => o.owner === p.key);
      const n = statusCounts(mine);
      const failure = failures.get(p.key);
      const status = failure ? 'failed' : !p.before ? 'added' : !p.after ? 'removed' : mine.length ? 'changed' : 'unchanged';
      return { id: p.key, status, path: p.after?.path ?? p.before?.path ?? '', added: n.added, removed: n.removed, changed: n.changed, ...(failure ? { failure } : {}) };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
