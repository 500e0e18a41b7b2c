// The write step of a run: changed files, the manifest and prunes in one all-or-nothing transaction, then what
// makejinja does after writing (metadata of unchanged copies, removal of emptied folders, folder metadata).
import { chmodSync, lstatSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { relPath } from '../data/load.js';
import type { Plan } from '../plan/plan.js';
import type { Output } from '../render/render-all.js';
import { applyTransaction, ApplyError, removeEmptyDirs, type WriteOp } from './atomic.js';
import { readOrNull, type ChangeSet } from './changes.js';
import { escapingWrite } from './confine.js';
import { MANIFEST_PATH, serializeManifest } from './manifest.js';

/** Apply the change set; returns a finding when nothing could be written (the tree is then as it was): `write-outside-repo` (a usage error) or `write-failed`. */
export function writeRun(opts: { config: ResolvedConfig; plan: Plan; outputs: readonly Output[]; set: ChangeSet; log: (s: string) => void }): Finding | null {
  const { config, plan, set, log } = opts;
  const byPath = new Map(opts.outputs.map((o) => [relPath(config.root, o.path), o]));
  const writes: WriteOp[] = [];
  for (const c of set.changes) {
    const o = byPath.get(c.path);
    // clean empties the output folder first, so everything is written again
    if (o && (c.kind === 'create' || c.kind === 'update' || (config.clean && c.kind === 'unchanged'))) writes.push({ path: o.path, bytes: o.bytes, meta: o.meta });
  }
  // single-file mode has no output folder to keep a manifest in (`output` is the rendered file itself)
  if (!plan.singleFile) {
    const manifestBytes = serializeManifest(set.manifest);
    const manifestPath = join(config.output, MANIFEST_PATH);
    const oldManifest = readOrNull(manifestPath);
    const manifestChanged = oldManifest === null ? Object.keys(set.manifest.files).length > 0 : config.clean || !oldManifest.equals(manifestBytes);
    if (manifestChanged) writes.push({ path: manifestPath, bytes: manifestBytes, meta: null });
  }
  const deletes = set.changes.filter((c) => c.kind === 'delete').map((c) => join(config.root, c.path));
  // symbolic links in the tree must not carry a write (or a prune) out of the repository
  const outside = escapingWrite(config, plan.singleFile, [...writes.map((w) => w.path), ...deletes]);
  if (outside) return outside;
  try {
    applyTransaction({ writes, deletes, ...(config.clean ? { cleanDir: config.output } : {}) });
  } catch (e) {
    if (!(e instanceof ApplyError)) throw e;
    return { code: 'write-failed', severity: 'error', message: e.message, hint: 'fix what the message names (a file where a folder is needed, a folder where a file is, permissions) and run again' };
  }
  for (const c of set.changes) {
    if (c.kind === 'create' || c.kind === 'update') log(`${c.kind === 'create' ? 'Create' : 'Update'} file '${c.path}'`);
    if (c.kind === 'delete') log(`Prune file '${c.path}'`);
  }
  // metadata of unchanged files (copy2 / copy_metadata keep the input's mode and times)
  for (const c of set.changes) {
    const o = byPath.get(c.path);
    // a symbolic link there is not hops's output: chmod and utimes would change whatever it points to
    if (c.kind === 'unchanged' && o?.meta && !config.clean && !isSymlink(o.path)) {
      try {
        chmodSync(o.path, o.meta.mode);
        utimesSync(o.path, o.meta.atime, o.meta.mtime);
      } catch {
        // a file we cannot touch keeps its metadata; the content is right
      }
    }
  }
  // folders: makejinja removes emptied output folders (unless keep_empty) and copies folder metadata, deepest first
  const emptied = new Set<string>(config.keepEmpty ? [] : plan.dirs.map((d) => d.output));
  for (const d of deletes) for (let dir = dirname(d); dir.startsWith(config.output) && dir !== config.output; dir = dirname(dir)) emptied.add(dir);
  for (const d of removeEmptyDirs(emptied, config.output)) log(`Remove empty dir '${relPath(config.root, d)}'`);
  if (config.copyMetadata) {
    for (const d of [...plan.dirs].sort((a, b) => (a.output < b.output ? 1 : -1))) {
      if (isSymlink(d.output)) continue;
      try {
        const st = statSync(d.input);
        chmodSync(d.output, st.mode & 0o7777);
        utimesSync(d.output, st.atime, st.mtime);
      } catch {
        // removed as empty
      }
    }
  }
  return null;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
