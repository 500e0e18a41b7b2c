// Kustomizations Flux does not apply (FluxRepo.applied), on every corpus repository: `build all` with
// `unapplied: 'skip'` gives exactly the applied units of the default build, resources and all; what is marked
// unapplied is applied by nothing that is applied; what is not marked is a root or applied by something applied; no
// Kustomization document is built twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/flux/build.js';
import { nativeEngine } from '../../src/flux/engine.js';
import { isFluxKustomization, ksKey, readKustomization } from '../../src/flux/model.js';
import { sharedDir, skipNotice } from '../support/env.js';

const shared = sharedDir();
const reposDir = shared ? join(shared, 'corpus/repos') : '';
const repos = shared && existsSync(reposDir) ? readdirSync(reposDir).filter((r) => r !== 'onedr0p__cluster-template').sort() : [];
const skip = repos.length ? false : skipNotice('unapplied Kustomizations on the corpus', 'shared corpus not found');
const env = { HOME: '/nonexistent' };
const exact = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

test('unapplied Kustomizations: skipped exactly, and marked consistently with what applies what', { skip }, async () => {
  let unapplied = 0;
  for (const repo of repos) {
    const root = join(reposDir, repo);
    const all = await build({ mode: 'all' }, { root, engine: nativeEngine(), env });
    const skipped = await build({ mode: 'all', unapplied: 'skip' }, { root, engine: nativeEngine(), env });
    const applied = all.units.filter((u) => u.applied !== false);
    assert.deepEqual(skipped.units.map((u) => u.id), applied.map((u) => u.id), repo);
    for (let i = 0; i < applied.length; i++) assert.equal(exact(skipped.units[i]!.resources), exact(applied[i]!.resources), `${repo} ${applied[i]!.id}`);
    assert.equal(skipped.findings.filter((f) => f.code === 'kustomization-unapplied').length, all.unapplied?.length, repo);

    const emittedBy = new Map<string, string[]>();
    for (const u of all.units) {
      for (const r of u.resources) {
        if (!isFluxKustomization(r.object)) continue;
        const child = ksKey(readKustomization(r, u.kustomization?.namespace));
        if (child !== u.id) emittedBy.set(child, [...(emittedBy.get(child) ?? []), u.id]);
      }
    }
    // each Kustomization document is built once (a parent's `namespace:` that moves it does not add a second build)
    const byDoc = new Map<string, string[]>();
    for (const u of all.units) {
      const at = `${u.kustomization!.origin.file}:${u.kustomization!.origin.line}`;
      byDoc.set(at, [...(byDoc.get(at) ?? []), u.id]);
    }
    assert.deepEqual([...byDoc].filter(([, ids]) => ids.length > 1), [], repo);
    const marked = new Set(all.units.filter((u) => u.applied === false).map((u) => u.id));
    for (const u of all.units) {
      const by = emittedBy.get(u.id) ?? [];
      if (marked.has(u.id)) assert.ok(by.every((p) => marked.has(p)), `${repo}: ${u.id} is marked unapplied but ${by.join(', ')} applies it`);
      else assert.ok(by.length === 0 || by.some((p) => !marked.has(p)), `${repo}: ${u.id} is applied only by unapplied ${by.join(', ')}`);
    }
    unapplied += marked.size;
  }
  assert.ok(unapplied > 25, `${unapplied} unapplied units`);
});
