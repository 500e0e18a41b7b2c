// Compare what the run produced with what is on disk and in the manifest: which files would be created, updated,
// left as they are, kept (force off), or are stale (generated before, no longer produced) — and, with prune, which
// stale files may be deleted (only those still holding exactly what hops wrote).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';
import type { Plan } from '../plan/plan.js';
import type { Output } from '../render/render-all.js';
import { sha256, type Manifest } from './manifest.js';

export type ChangeKind = 'create' | 'update' | 'unchanged' | 'kept' | 'stale' | 'delete';

export interface Change {
  /** Output path relative to the repository folder. */
  path: string;
  kind: ChangeKind;
  /** The input it comes from (relative). */
  from?: string;
  /** Bytes on disk before (update, delete, kept) — for diffs. */
  before?: Buffer;
  /** Bytes the run produces (create, update, unchanged, kept). */
  after?: Buffer;
}

export interface ChangeSet {
  changes: Change[];
  findings: Finding[];
  /** The manifest to write after a successful run. */
  manifest: Manifest;
}

/** The bytes of a file, or null when it cannot be read (missing, a folder). */
export function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

export function computeChanges(opts: {
  config: ResolvedConfig;
  plan: Plan;
  outputs: readonly Output[];
  previous: Manifest;
  prune: boolean;
}): ChangeSet {
  const { config, plan, outputs, previous } = opts;
  const rel = (p: string) => relPath(config.root, p);
  // manifest keys are relative to the output folder (where the manifest lives); `from` to the repository folder
  const key = (p: string) => relPath(config.output, p);
  const changes: Change[] = [];
  const findings: Finding[] = [];
  const manifest: Manifest = { format: previous.format, files: {} };
  const produced = new Set<string>(); // manifest keys

  for (const o of outputs) {
    const path = rel(o.path);
    produced.add(key(o.path));
    const disk = readOrNull(o.path);
    const kind: ChangeKind = disk === null ? 'create' : disk.equals(o.bytes) ? 'unchanged' : 'update';
    changes.push({ path, kind, from: rel(o.input), after: o.bytes, ...(disk ? { before: disk } : {}) });
    manifest.files[key(o.path)] = { sha256: sha256(o.bytes), from: rel(o.input) };
  }
  for (const a of plan.actions) {
    if (a.kind !== 'keep-existing' || a.isDir) continue;
    const path = rel(a.output);
    produced.add(key(a.output));
    const prev = previous.files[key(a.output)];
    if (prev) manifest.files[key(a.output)] = prev;
    changes.push({ path, kind: 'kept', from: rel(a.input) });
  }

  for (const [k, entry] of Object.entries(previous.files)) {
    if (produced.has(k)) continue;
    if (config.clean) continue; // clean removes it with the output folder
    const abs = join(config.output, k);
    const path = rel(abs);
    const disk = readOrNull(abs);
    if (disk === null) continue; // already gone: forget it
    const untouched = sha256(disk) === entry.sha256;
    if (opts.prune && untouched) {
      changes.push({ path, kind: 'delete', from: entry.from, before: disk });
      continue;
    }
    manifest.files[k] = entry;
    changes.push({ path, kind: 'stale', from: entry.from, before: disk });
    findings.push({
      code: 'stale-output',
      severity: 'warning',
      message: untouched
        ? `generated from ${entry.from}, which no longer produces it`
        : `generated from ${entry.from}, which no longer produces it, and edited since; hops leaves it alone`,
      file: path,
      hint: untouched ? 'run with --prune to delete it' : 'delete it yourself if it is no longer needed',
    });
  }
  return { changes, findings, manifest };
}

/** Changes that a run would make to the tree (what --check fails on). */
export function isChange(c: Change): boolean {
  return c.kind === 'create' || c.kind === 'update' || c.kind === 'delete';
}
