// Write a whole run to disk all or nothing. Every new file is first written to a temp file beside its target;
// only when all of them are written are they renamed over their targets, with the old files kept as hard-linked
// backups until the end, so a failure at any step puts the tree back as it was.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileMeta } from '../render/render-all.js';

export interface WriteOp {
  path: string;
  bytes: Buffer;
  /** Mode and times to set (copy2 / copy_metadata); null keeps an existing file's mode. */
  meta: FileMeta | null;
}

export interface Transaction {
  writes: WriteOp[];
  /** Files to delete (pruned outputs). */
  deletes: string[];
  /** Folder to empty first (makejinja's clean): moved aside, restored on failure. */
  cleanDir?: string;
}

export class ApplyError extends Error {}

const tag = () => `.hops-${process.pid}-${randomBytes(4).toString('hex')}`;

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** mkdir -p that records the folders it created (outermost first). */
function ensureDir(dir: string, created: string[]): void {
  if (exists(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is a file, but a folder is needed there`);
    return;
  }
  ensureDir(dirname(dir), created);
  mkdirSync(dir);
  created.push(dir);
}

export function applyTransaction(tx: Transaction): void {
  const created: string[] = [];
  const temps: Array<{ temp: string; op: WriteOp }> = [];
  const backups: Array<{ target: string; backup: string | null }> = [];
  let cleanBackup: string | null = null;

  /** Undo every step taken; returns where the cleaned folder's old contents are if they could not be put back. */
  const rollback = (): string | null => {
    for (const b of backups.reverse()) {
      try {
        if (b.backup) renameSync(b.backup, b.target);
        else unlinkSync(b.target);
      } catch {
        // best effort: keep going so the rest is restored
      }
    }
    for (const t of temps) {
      try {
        rmSync(t.temp, { force: true });
      } catch {
        // never created
      }
    }
    for (const d of created.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty or gone
      }
    }
    if (cleanBackup && tx.cleanDir) {
      try {
        rmSync(tx.cleanDir, { recursive: true, force: true });
        renameSync(cleanBackup, tx.cleanDir);
      } catch {
        return cleanBackup;
      }
    }
    return null;
  };

  try {
    if (tx.cleanDir && exists(tx.cleanDir)) {
      cleanBackup = join(dirname(tx.cleanDir), `${basename(tx.cleanDir)}${tag()}`);
      renameSync(tx.cleanDir, cleanBackup);
      mkdirSync(tx.cleanDir);
      created.push(tx.cleanDir);
    }
    // 1. every new file beside its target
    for (const op of tx.writes) {
      ensureDir(dirname(op.path), created);
      if (exists(op.path) && statSync(op.path).isDirectory()) throw new Error(`${op.path} is a folder, but a file is to be written there`);
      const temp = join(dirname(op.path), `.${basename(op.path)}${tag()}`);
      temps.push({ temp, op });
      writeFileSync(temp, op.bytes, { flag: 'wx' });
      if (op.meta) chmodSync(temp, op.meta.mode);
      else if (exists(op.path)) chmodSync(temp, statSync(op.path).mode & 0o7777);
      if (op.meta) utimesSync(temp, op.meta.atime, op.meta.mtime);
    }
    // 2. swap them in, keeping the old files as backups
    for (const { temp, op } of temps) {
      let backup: string | null = null;
      if (exists(op.path)) {
        backup = join(dirname(op.path), `.${basename(op.path)}${tag()}.old`);
        try {
          linkSync(op.path, backup);
        } catch {
          copyFileSync(op.path, backup);
        }
      }
      backups.push({ target: op.path, backup });
      renameSync(temp, op.path);
    }
    temps.length = 0;
    for (const path of tx.deletes) {
      const backup = join(dirname(path), `.${basename(path)}${tag()}.old`);
      renameSync(path, backup);
      backups.push({ target: path, backup });
    }
  } catch (e) {
    const stranded = rollback();
    const where = stranded ? `; the output folder's old contents could not be put back and are in ${stranded}` : '';
    throw new ApplyError(`nothing was written: ${(e as Error).message}${where}`);
  }
  // 3. commit: drop the backups; the run is written, so a backup that cannot be removed is only left behind
  for (const backup of [...backups.map((b) => b.backup), cleanBackup]) {
    if (backup === null) continue;
    try {
      rmSync(backup, { recursive: true, force: true });
    } catch {
      // left behind
    }
  }
}

/** Remove the folders that are empty, deepest first (makejinja's postprocess; also folders emptied by prune). */
export function removeEmptyDirs(dirs: Iterable<string>, stopAt: string): string[] {
  const removed: string[] = [];
  const sorted = [...new Set(dirs)].sort().reverse();
  for (const d of sorted) {
    if (d === stopAt || !d.startsWith(stopAt)) continue;
    try {
      if (readdirSync(d).length === 0) {
        rmdirSync(d);
        removed.push(d);
      }
    } catch {
      // gone already
    }
  }
  return removed;
}
