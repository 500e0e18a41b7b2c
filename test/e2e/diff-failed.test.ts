// `hops diff` when a Kustomization fails to build on a side: Flux applies (and prunes) nothing of it until it builds,
// so its objects are not compared; the failure is shown per Kustomization, with its reason and location, in every
// format, and the Kustomizations below a failing one are listed under it. Also a field Flux drops (it builds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleRepo, skipNotice } from '../support/env.js';
import { exampleDiffRepo, hasGit } from './diff-support.js';

const example = exampleRepo();
const skip = !hasGit ? skipNotice('hops diff failures', 'git not installed') : !example ? skipNotice('hops diff failures', 'examples/homelab/kubernetes not found') : false;
const fixture = exampleDiffRepo(example, skip);
const hops = fixture.hops;
const ROMM = 'kubernetes/apps/games/romm/app/kustomization.yaml';
const REASON = "kustomize build failed: kubernetes/apps/games/romm/app/kustomization.yaml: resources entry './missing.yaml': 'kubernetes/apps/games/romm/app/missing.yaml' does not exist";

interface Json {
  summary: Record<string, number>;
  kustomizations: Array<{ id: string; status: string; failure?: Record<string, unknown> }>;
  failed: Array<Record<string, unknown>>;
  objects: unknown[];
}

test('an app that fails to build on the new side: reported with its reason, its objects not shown as removed; exit 2', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(ROMM, '  - ./helmrelease.yaml\n', '  - ./helmrelease.yaml\n  - ./missing.yaml\n');
  for (const full of [[], ['--full']]) {
    const text = await hops(...full);
    assert.equal(text.code, 2, text.err);
    assert.equal(text.out, `✖ Kustomization games/romm (./kubernetes/apps/games/romm/app) fails to build on working tree, not compared: ${REASON} (kubernetes/apps/games/romm/ks.yaml:1)\n\n`);
    assert.match(text.err, /error kustomize-build-failed: Kustomization games\/romm/);
    assert.match(text.err, /^no changes between HEAD and working tree; 1 Kustomization not compared \(failing to build\)/m);

    const json = JSON.parse((await hops('-o', 'json', ...full)).out) as Json;
    assert.deepEqual(json.objects, []);
    assert.equal(json.summary['failed'], 1);
    const failure = { side: 'new', code: 'kustomize-build-failed', reason: REASON, file: 'kubernetes/apps/games/romm/ks.yaml', line: 1 };
    assert.deepEqual(json.failed, [{ kustomization: 'games/romm', path: './kubernetes/apps/games/romm/app', ...failure }]);
    assert.deepEqual(json.kustomizations.find((k) => k.id === 'games/romm'), { id: 'games/romm', status: 'failed', path: './kubernetes/apps/games/romm/app', added: 0, removed: 0, changed: 0, failure });

    const md = await hops('-o', 'markdown', ...full);
    assert.match(md.out, /\*\*Not compared\*\* — failing to build; Flux applies nothing of them until they build/);
    assert.match(md.out, /^- ✖ Kustomization `games\/romm` \(\.\/kubernetes\/apps\/games\/romm\/app\) fails to build on working tree: `kustomize build failed: .*does not exist` \(`kubernetes\/apps\/games\/romm\/ks\.yaml:1`\)$/m);
    assert.doesNotMatch(md.out, /removed/);

    const patch = await hops('-o', 'diff', ...full);
    assert.equal(patch.out, '');
    assert.match(patch.err, /^✖ Kustomization games\/romm \(\.\/kubernetes\/apps\/games\/romm\/app\) fails to build on working tree, not compared: /m);
  }
  // broken on the old side only (fixed by the change): not compared either, no error
  fixture.repo.commit('broken');
  fixture.repo.write(ROMM, fixture.repo.read(ROMM).replace('  - ./missing.yaml\n', ''));
  const fixed = JSON.parse((await hops('-o', 'json')).out) as Json & { ok: boolean };
  assert.deepEqual([fixed.ok, fixed.objects, fixed.failed.map((f) => [f['kustomization'], f['side']])], [true, [], [['games/romm', 'old']]]);
});

test('a parent that fails: the Kustomizations below it are not compared either, listed under it (both modes)', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit('kubernetes/apps/games/kustomization.yaml', '  - ./namespace.yaml\n', '  - ./namespace.yaml\n  - ./gone.yaml\n');
  for (const full of [[], ['--full']]) {
    const r = await hops(...full);
    assert.equal(r.code, 2, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[0]!, /^✖ Kustomization flux-system\/cluster-apps \(\.\/kubernetes\/apps\) fails to build on working tree, not compared: kustomize build failed: kubernetes\/apps\/games\/kustomization\.yaml: .*gone\.yaml.* \(kubernetes\/flux\/cluster\/ks\.yaml:1\)$/);
    assert.match(lines[1]!, /^ {2}nor the 13 Kustomizations below it \(not built\): cert-manager\/cert-manager, .*games\/romm, .*openebs-system\/openebs$/);
    assert.equal(lines.filter((l) => l.startsWith('►')).length, 0, r.out);
    const json = JSON.parse((await hops('-o', 'json', ...full)).out) as Json;
    assert.deepEqual(json.objects, []);
    // each one in json, under its real key (not the namespace a build without its parent would guess)
    assert.equal(json.failed.length, 14);
    assert.deepEqual(json.failed.find((f) => f['kustomization'] === 'games/romm'), {
      kustomization: 'games/romm',
      path: json.failed.find((f) => f['kustomization'] === 'games/romm')!['path'],
      side: 'new',
      code: 'parent-failed',
      reason: 'Kustomization flux-system/cluster-apps above it fails to build',
      parent: 'flux-system/cluster-apps',
      ...(full.length ? {} : { file: 'kubernetes/apps/games/romm/ks.yaml', line: 1 }),
    });
    assert.ok(!json.kustomizations.some((k) => k.id.startsWith('default/')), JSON.stringify(json.kustomizations.map((k) => k.id)));
  }
});

test('a field Flux drops: an error, and the objects Flux prunes show as removed (the build stands)', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(ROMM, /^resources:/m, 'resourcez:');
  const r = await hops();
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /kustomization\.yaml:\d+:1: error kustomization-unknown-field: Kustomization games\/romm: unknown field "resourcez"/);
  assert.match(r.out, /^► HelmRelease\/games\/romm removed$/m);
  assert.doesNotMatch(r.out, /✖/);
});
