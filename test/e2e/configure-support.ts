// Helpers for the configure tests: locations that work from sources (tsx) and from dist/, temp repos, tree snapshots.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hops checkout: the nearest folder above this file holding package.json (works from src and dist). */
export function checkoutRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + import.meta.url);
    dir = up;
  }
  return dir;
}

export const fixturesDir = () => join(checkoutRoot(), 'test/fixtures/render');

/** `../shared` beside the checkout (or $HOPS_SHARED), or null. */
export function sharedRoot(): string | null {
  const dir = process.env['HOPS_SHARED'] ?? resolve(checkoutRoot(), '..', 'shared');
  return existsSync(join(dir, 'corpus')) ? dir : null;
}

/** A temp folder with the given files (path → content); removed by the returned cleanup. */
export function tempRepo(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hops-configure-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file below `dir` with its bytes and mode, and every folder: a byte-for-byte picture of a tree. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(p);
      if (st.isDirectory()) {
        out.set(r + '/', `dir ${(st.mode & 0o777).toString(8)}`);
        walk(p, r);
      } else out.set(r, `${(st.mode & 0o777).toString(8)} ${st.mtimeMs} ${readFileSync(p).toString('base64')}`);
    }
  };
  walk(dir, '');
  return out;
}
