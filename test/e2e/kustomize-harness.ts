// krusty-style cases for the kustomize engine: write a small tree into an in-memory filesystem, build it, compare the
// exact YAML. When the real kubectl (kustomize v5.7.1) is available, every case is also run through it, so the
// expected text in the tables is checked against the reference on each run.
import { appendFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../../src/io/fs.js';
import { buildKustomization, renderYaml } from '../../src/kustomize/index.js';
import type { LoadRestrictor } from '../../src/kustomize/index.js';
import { skipNotice, toolsDir } from '../support/env.js';

export interface KCase {
  name: string;
  /** Files relative to the repository root. */
  files: Record<string, string | Buffer>;
  /** Directory to build, relative to the repository root (default `.`). */
  dir?: string;
  restrictor?: LoadRestrictor;
  /** Exact expected output, or an error expectation. */
  want: string | { error: RegExp };
}

const ROOT = '/repo';

export function hopsBuild(files: Record<string, string | Buffer>, dir = '.', restrictor: LoadRestrictor = 'rootOnly'): string {
  const fs = new MemoryFS(Object.fromEntries(Object.entries(files).map(([k, v]) => [join(ROOT, k), v])));
  return renderYaml(buildKustomization(fs, dir, { loadRestrictor: restrictor, repoRoot: ROOT }).resources);
}

let kubectl: Promise<string | null> | undefined;
function kubectlPath(): Promise<string | null> {
  kubectl ??= toolsDir().then((d) => (d ? join(d, 'kubectl') : null));
  return kubectl;
}

/** Output (or error text) of the real `kubectl kustomize` for the same tree; null when kubectl is absent. */
export async function kubectlBuild(
  files: Record<string, string | Buffer>,
  dir = '.',
  restrictor: LoadRestrictor = 'rootOnly',
): Promise<{ ok: boolean; out: string } | null> {
  const bin = await kubectlPath();
  if (!bin) return null;
  const tmp = mkdtempSync(join(tmpdir(), 'hops-krusty-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      const p = join(tmp, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    const args = ['kustomize', dir];
    if (restrictor === 'none') args.push('--load-restrictor', 'LoadRestrictionsNone');
    const r = spawnSync(bin, args, { cwd: tmp, encoding: 'utf8' });
    return { ok: r.status === 0, out: r.status === 0 ? r.stdout : r.stderr };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Registers one node:test test per case. */
export function runCases(group: string, cases: KCase[]): void {
  for (const c of cases) {
    test(`${group}: ${c.name}`, async (t) => {
      let got: string | undefined;
      let err: Error | undefined;
      try {
        got = hopsBuild(c.files, c.dir, c.restrictor);
      } catch (e) {
        err = e as Error;
      }
      const ref = await kubectlBuild(c.files, c.dir, c.restrictor);
      const record = process.env['HOPS_KRUSTY_RECORD'];
      if (record && ref) {
        appendFileSync(record, JSON.stringify({ group, name: c.name, ok: ref.ok, out: ref.out, hops: got ?? err?.message }) + '\n');
      }
      if (typeof c.want === 'string') {
        assert.equal(err?.message, undefined, 'hops failed');
        assert.equal(got, c.want);
        if (ref) assert.equal(ref.out, c.want, 'kubectl disagrees with the expected text');
        else t.diagnostic(skipNotice('kubectl cross-check', 'kubectl is not available'));
      } else {
        assert.ok(err, `hops should fail but printed:\n${got}`);
        assert.match(err.message, c.want.error);
        if (ref) assert.equal(ref.ok, false, `kubectl should fail too but printed:\n${ref.out}`);
      }
    });
  }
}
