// Where the tests find shared test data and real tools. Tests that need a missing part skip with a printed notice.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file holding package.json (works from dist/ and under tsx). */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '../../..');
  }
}

/** `../shared` beside the clone (or $HOPS_SHARED); null when absent, as on a user's clone. */
export function sharedDir(): string | null {
  const dir = process.env['HOPS_SHARED'] ?? join(projectRoot, '..', 'shared');
  return existsSync(join(dir, 'corpus')) ? dir : null;
}

/** The embedded example repository, or null when its `kubernetes/` folder has not been rendered. */
export function exampleRepo(): string | null {
  const dir = join(projectRoot, 'examples', 'homelab');
  return existsSync(join(dir, 'kubernetes')) ? dir : null;
}

const noticed = new Set<string>();
/** Print once why a group of tests is skipped; returns the skip reason for node:test. */
export function skipNotice(what: string, reason: string): string {
  const msg = `skipping ${what}: ${reason}`;
  if (!noticed.has(msg)) {
    noticed.add(msg);
    process.stderr.write(`NOTICE ${msg}\n`);
  }
  return msg;
}

/** Directory with the real kubectl and helm binaries (unpacked from the npm devDependency), or null. */
export async function toolsDir(): Promise<string | null> {
  const mod = (await import(join(projectRoot, 'scripts/tools.js'))) as { ensureTools(): string | null };
  return mod.ensureTools();
}

/** Debian's python3 with jinja2 importable, or null. */
export function pythonWithJinja(): string | null {
  for (const py of [process.env['HOPS_PYTHON'], '/usr/bin/python3', 'python3']) {
    if (!py) continue;
    const r = spawnSync(py, ['-c', 'import jinja2, yaml'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}
