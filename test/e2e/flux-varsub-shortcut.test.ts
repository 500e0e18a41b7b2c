// Substitution skips writing and re-reading a resource when the text cannot change (src/flux/v2-stable.ts). On
// every corpus repository, `build all` must come out exactly the same with and without that shortcut: the same
// resources in the same order, keys in the same order, the same value types (number/bigint), the same findings.
// And every object the corpus builds, taken through the real trip, gives what the shortcut gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { YMap } from '../../src/core/resource.js';
import { build } from '../../src/flux/build.js';
import type { BuildResult } from '../../src/flux/build.js';
import { nativeEngine } from '../../src/flux/engine.js';
import { roundTripShortcut } from '../../src/flux/varsub.js';
import { v2RoundTrip } from '../../src/flux/v2-stable.js';
import { readV2 } from '../../src/flux/yaml-v2.js';
import { stringifyYaml } from '../../src/io/yaml-write.js';
import { sharedDir, skipNotice } from '../support/env.js';

const shared = sharedDir();
const reposDir = shared ? join(shared, 'corpus/repos') : '';
// raw makejinja templates do not build
const repos = shared && existsSync(reposDir) ? readdirSync(reposDir).filter((r) => r !== 'onedr0p__cluster-template').sort() : [];
const skip = repos.length ? false : skipNotice('substitution shortcut on the corpus', 'shared corpus not found');

/** Everything observable, key order and value types included. */
const exact = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? { bigint: x.toString() } : typeof x === 'number' && Object.is(x, -0) ? { negativeZero: true } : x));

const dump = (r: BuildResult): string =>
  exact({
    units: r.units.map((u) => ({ id: u.id, dir: u.dir, ok: u.ok, findings: u.findings, resources: u.resources, ks: u.kustomization?.object })),
    findings: r.findings,
    ok: r.ok,
  });

async function buildAll(root: string, shortcut: boolean): Promise<BuildResult> {
  roundTripShortcut.enabled = shortcut;
  try {
    return await build({ mode: 'all' }, { root, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
  } finally {
    roundTripShortcut.enabled = true;
  }
}

test('build all gives the same output with and without the substitution shortcut, on every corpus repository', { skip }, async () => {
  let resources = 0;
  for (const repo of repos) {
    const root = join(reposDir, repo);
    const fast = await buildAll(root, true);
    const slow = await buildAll(root, false);
    assert.equal(fast.units.length, slow.units.length, repo);
    for (let i = 0; i < fast.units.length; i++) {
      const a = fast.units[i]!;
      const b = slow.units[i]!;
      assert.equal(exact(a.resources), exact(b.resources), `${repo} ${a.id}: resources differ`);
      assert.equal(exact(a.findings), exact(b.findings), `${repo} ${a.id}: findings differ`);
      resources += a.resources.length;
    }
    assert.equal(dump(fast), dump(slow), repo);
  }
  assert.ok(resources > 9_000, `${resources} resources compared`);
});

test('on every object the corpus builds, the shortcut answers what the real trip gives (or declines)', { skip }, async () => {
  let stable = 0;
  let declined = 0;
  for (const repo of repos) {
    const r = await buildAll(join(reposDir, repo), true);
    for (const u of r.units) {
      for (const res of u.resources) {
        const quick = v2RoundTrip(res.object);
        if (!quick) {
          declined++;
          continue;
        }
        stable++;
        assert.equal(exact(quick), exact(readV2(stringifyYaml(res.object)) as YMap), `${repo} ${res.origin.file}:${res.origin.line}`);
      }
    }
  }
  assert.ok(stable > 9_000, `${stable} objects checked (${declined} declined)`);
});
