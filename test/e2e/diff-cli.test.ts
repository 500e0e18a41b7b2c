// `hops diff` through the CLI on a git repository made from examples/homelab: output formats, exit codes,
// --path-orig, a missing ref, `ks` and `hr` (with the real helm v4 and a local chart, and without helm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_TEMPLATE_CHART, tempChartDir } from '../support/chart.js';
import { exampleRepo, skipNotice, toolsDir } from '../support/env.js';
import { exampleDiffRepo, hasGit } from './diff-support.js';

const example = exampleRepo();
const skip = !hasGit ? skipNotice('hops diff CLI', 'git not installed') : !example ? skipNotice('hops diff CLI', 'examples/homelab/kubernetes not found') : false;
const fixture = exampleDiffRepo(example, skip);
const hops = fixture.hops;

const JELLYFIN = 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml';

test('no change: exit 0 and nothing rebuilt', { skip }, async () => {
  fixture.repo.reset();
  const r = await hops();
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^no changes between HEAD and working tree/m);
});

test('text output is flux style, with field paths and hunks; exit 1, or 0 with --exit-zero', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  const r = await hops('--ref', 'main');
  assert.equal(r.code, 1, r.err);
  assert.equal(
    r.out,
    [
      'Kustomization media/jellyfin (kubernetes/apps/media/jellyfin/app)',
      '► HelmRelease/media/jellyfin changed',
      '  spec.values.controllers.jellyfin.containers.app.image.tag',
      '@@ -33,7 +33,7 @@',
      '               TZ: Europe/Amsterdam',
      '             image:',
      '               repository: ghcr.io/jellyfin/jellyfin',
      '-              tag: 10.11.11',
      '+              tag: 10.11.12',
      '             probes:',
      '               liveness:',
      '                 custom: true',
      '',
      '',
    ].join('\n'),
  );
  assert.match(r.err, /^1 changed, 0 added, 0 removed in 1 Kustomization \(main → working tree\); \d+ Kustomizations unchanged \(not rebuilt\)$/m);
  assert.equal((await hops('--exit-zero')).code, 0);
  const u1 = await hops('--unified', '1');
  assert.match(u1.out, /@@ -35,3 \+35,3 @@\n {15}repository: ghcr\.io\/jellyfin\/jellyfin\n-/);
});

test('markdown: a collapsible section per Kustomization, cut to --limit-bytes', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  fixture.repo.edit('kubernetes/components/common/cluster-settings.yaml', 'TIMEZONE: "Europe/Amsterdam"', 'TIMEZONE: "Europe/Paris"');
  const r = await hops('-o', 'markdown');
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^### hops diff: `HEAD` → `working tree`\n/);
  assert.match(r.out, /<details>\n<summary>Kustomization <code>media\/jellyfin<\/code> \(kubernetes\/apps\/media\/jellyfin\/app\): 1 changed<\/summary>\n\n\*\*HelmRelease\/media\/jellyfin\*\* changed: `spec\.values\.controllers\.jellyfin\.containers\.app\.env\.TZ`, `spec\.values\.controllers\.jellyfin\.containers\.app\.image\.tag`\n\n```diff\n@@/);
  assert.match(r.out, /^-( {14})TZ: Europe\/Amsterdam\n\+\1TZ: Europe\/Paris$/m);
  const sections = r.out.match(/<details>/g)!.length;
  assert.ok(sections >= 2, r.out);
  const small = await hops('-o', 'markdown', '--limit-bytes', '1200');
  assert.ok(Buffer.byteLength(small.out) <= 1200, `${Buffer.byteLength(small.out)} bytes`);
  assert.match(small.out, /\*\*Not shown\*\* \(output limited to 1200 bytes/);
  assert.equal((small.out.match(/```diff/g) ?? []).length, (small.out.match(/^```$/gm) ?? []).length, 'code blocks closed');
});

test('json and plain patch output', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  const j = await hops('-o', 'json');
  assert.equal(j.code, 1);
  const doc = JSON.parse(j.out) as { from: string; to: string; summary: Record<string, number>; objects: Array<Record<string, unknown>>; ok: boolean };
  assert.deepEqual([doc.from, doc.to, doc.ok], ['HEAD', 'working tree', true]);
  assert.deepEqual({ ...doc.summary, skipped: 0 }, { changed: 1, added: 0, removed: 0, kustomizations: 1, failed: 0, skipped: 0 });
  assert.deepEqual(
    doc.objects.map((o) => [o['kustomization'], o['status'], o['kind'], o['namespace'], o['name'], o['fields'], o['file']]),
    [['media/jellyfin', 'changed', 'HelmRelease', 'media', 'jellyfin', ['spec.values.controllers.jellyfin.containers.app.image.tag'], JELLYFIN]],
  );
  const p = await hops('-o', 'diff');
  assert.match(p.out, /^--- a\/HelmRelease\/media\/jellyfin\.yaml\n\+\+\+ b\/HelmRelease\/media\/jellyfin\.yaml\n@@ -33,7 \+33,7 @@\n/);
});

test('--path-orig compares two folders; a missing ref or bad flags exit 2', { skip }, async () => {
  fixture.repo.reset();
  const other = mkdtempSync(join(tmpdir(), 'hops-diff-orig-'));
  try {
    cpSync(join(fixture.repo.root, 'kubernetes'), join(other, 'kubernetes'), { recursive: true });
    fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
    const r = await hops('--path-orig', other);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /-              tag: 10\.11\.11\n\+              tag: 10\.11\.12/);
    assert.match(r.err, new RegExp(`\\(${other.replace(/[/.]/g, '\\$&')} → working tree\\)`));
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
  const missing = await hops('--ref', 'no-such-branch');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /unknown git ref "no-such-branch"/);
  assert.equal((await hops('--ref', 'main', '--path-orig', '/tmp')).code, 2);
  assert.equal((await hops('--unified', 'x')).code, 2);
});

test('ks mode diffs one Kustomization; an unknown one is a usage error', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  const r = await hops('ks', 'jellyfin', '-n', 'media');
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^► HelmRelease\/media\/jellyfin changed$/m);
  const other = await hops('ks', 'flux-operator');
  assert.equal(other.code, 0, other.err);
  assert.equal(other.out, '');
  const none = await hops('ks', 'nope');
  assert.equal(none.code, 2);
  assert.match(none.err, /no Flux Kustomization named nope/);
});

test('hr mode renders the chart with helm when it is available locally; without helm it says so', { skip }, async () => {
  const tools = await toolsDir();
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  const plain = await hops('hr', 'jellyfin');
  assert.equal(plain.code, 1, plain.err);
  assert.match(plain.out, /^► HelmRelease\/media\/jellyfin changed$/m);
  assert.match(plain.err, /note: helm is not on PATH: HelmRelease media\/jellyfin compared as an object, its chart not rendered/);
  if (!tools) {
    skipNotice('hops diff hr with helm', 'helm not unpacked (node scripts/tools.js)');
    return;
  }
  const charts = tempChartDir();
  try {
    const missing = await hops('hr', 'jellyfin', '--helm', join(tools, 'helm'));
    assert.match(missing.err, /chart not rendered, chart app-template 5\.1\.0 is not available locally; compared as an object/);
    const r = await hops('hr', 'jellyfin', '-n', 'media', '--helm', join(tools, 'helm'), '--chart-dir', charts.dir);
    assert.equal(r.code, 1, r.err);
    assert.doesNotMatch(r.err, /note:/);
    assert.match(r.out, /^► HelmRelease\/media\/jellyfin changed$/m);
    // manifests as `helm template` prints them (namespaces are set by helm-controller when applying)
    assert.match(r.out, /^► Deployment\/jellyfin changed\n {2}spec\.template\.spec\.containers\[name=app\]\.image\n/m);
    assert.match(r.out, /^- {6}- image: ghcr\.io\/jellyfin\/jellyfin:10\.11\.11\n\+ {6}- image: ghcr\.io\/jellyfin\/jellyfin:10\.11\.12$/m);
    // a rendered Secret is masked like any other; the chart label is stripped by default
    assert.match(r.out, /^► Secret\/jellyfin-token changed\n {2}stringData\.image-tag\n/m);
    assert.doesNotMatch(r.out, /image-tag: "?10\.11/);
    assert.doesNotMatch(r.out, /helm\.sh\/chart/);
  } finally {
    charts.dispose();
  }
});

test('hr mode renders a chart kept in the repository from each side (the git ref renders its own copy)', { skip }, async () => {
  const tools = await toolsDir();
  if (!tools) return void skipNotice('hops diff hr with helm', 'helm not unpacked (node scripts/tools.js)');
  fixture.repo.reset();
  for (const [p, text] of Object.entries(APP_TEMPLATE_CHART)) fixture.repo.write(`charts/app-template/${p}`, text);
  fixture.repo.edit(JELLYFIN, /chartRef:\n {4}kind: OCIRepository\n {4}name: jellyfin\n/, 'chart:\n    spec:\n      chart: ./charts/app-template\n      sourceRef:\n        kind: GitRepository\n        name: flux-system\n        namespace: flux-system\n');
  fixture.repo.commit('local chart');
  fixture.repo.edit('charts/app-template/templates/deployment.yaml', '      containers:\n', '      hostNetwork: true\n      containers:\n');
  const r = await hops('hr', 'jellyfin', '--helm', join(tools, 'helm'));
  assert.equal(r.code, 1, r.err);
  assert.doesNotMatch(r.out, /HelmRelease\/media\/jellyfin/, 'the HelmRelease object did not change');
  assert.match(r.out, /^► Deployment\/jellyfin changed\n {2}spec\.template\.spec\.hostNetwork\n/m);
  fixture.repo.reset();
});

test('building everything on both sides (--full) finds exactly what changed-only mode finds', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.edit(JELLYFIN, 'tag: 10.11.11', 'tag: 10.11.12');
  fixture.repo.edit('kubernetes/components/common/cluster-settings.yaml', 'TIMEZONE: "Europe/Amsterdam"', 'TIMEZONE: "Europe/Paris"');
  fixture.repo.edit('kubernetes/components/volume/pvc.yaml', /storage: .*/, 'storage: 20Gi');
  fixture.repo.remove('kubernetes/apps/kube-system/metrics-server');
  fixture.repo.edit('kubernetes/apps/kube-system/kustomization.yaml', /\n\s*- \.\/metrics-server\/ks\.yaml/, '');
  const strip = (s: string): unknown => {
    const d = JSON.parse(s) as { objects: unknown; summary: { changed: number } };
    return { objects: d.objects, changed: d.summary.changed };
  };
  const quick = await hops('-o', 'json');
  const full = await hops('-o', 'json', '--full');
  assert.equal(quick.code, 1, quick.err);
  assert.equal(full.code, 1, full.err);
  assert.deepEqual(strip(quick.out), strip(full.out));
  assert.ok((strip(quick.out) as { changed: number }).changed > 10);
  assert.match(quick.out, /"status": "removed",\n\s+"apiVersion": "helm\.toolkit\.fluxcd\.io\/v2",\n\s+"kind": "HelmRelease",\n\s+"namespace": "kube-system",\n\s+"name": "metrics-server"/);
});

test('a build error on the new side exits 2 and never quotes a Secret line', { skip }, async () => {
  fixture.repo.reset();
  fixture.repo.write('kubernetes/apps/media/jellyfin/app/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\nstringData:\n  token: s3cr3t-value-${UNCLOSED\n');
  fixture.repo.edit('kubernetes/apps/media/jellyfin/app/kustomization.yaml', /resources:\n/, 'resources:\n  - ./secret.yaml\n');
  for (const fmt of ['text', 'json', 'markdown']) {
    const r = await hops('-o', fmt);
    assert.equal(r.code, 2, r.err);
    assert.match(r.out + r.err, /Kustomization media\/jellyfin: post build failed for 'Secret\/broken'/);
    assert.doesNotMatch(r.out + r.err, /s3cr3t/);
  }
});
