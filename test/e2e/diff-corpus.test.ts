// `hops diff` on a git repository made from a real home-ops repo (gavinmcfall/home-ops from the shared corpus):
// a HelmRelease value, a cluster-settings variable (every object using it shows, nothing else), an app added and
// one removed, Secrets changed — each diff checked exactly against independent expectations, in the default
// changed-only mode. Skips with a notice without the corpus or git.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap } from '../../src/core/resource.js';
import { build } from '../../src/flux/build.js';
import { diff } from '../../src/diff/diff.js';
import type { DiffOptions } from '../../src/diff/diff.js';
import { displayId, matchKey, objectId } from '../../src/diff/compare.js';
import { formatJson } from '../../src/diff/format-json.js';
import { formatMarkdown } from '../../src/diff/format-markdown.js';
import { formatText } from '../../src/diff/format-text.js';
import type { DiffResult } from '../../src/diff/result.js';
import { sharedDir, skipNotice } from '../support/env.js';
import { hasGit, tempRepo } from './diff-support.js';
import type { TempRepo } from './diff-support.js';

const REPO = 'gavinmcfall__home-ops';
const shared = sharedDir();
const src = shared ? join(shared, 'corpus/repos', REPO) : '';
const skip = !hasGit ? skipNotice('hops diff on corpus repos', 'git not installed') : !shared || !existsSync(src) ? skipNotice('hops diff on corpus repos', 'shared corpus not found') : false;
const env = { HOME: '/nonexistent' };

let repo: TempRepo;
before(() => {
  if (!skip) repo = tempRepo(src);
});
after(() => repo?.dispose());

const run = (o: Partial<DiffOptions> = {}): Promise<DiffResult> => diff({ mode: 'all' }, { root: repo.root, base: { ref: 'main' }, env, ...o });
const list = (r: DiffResult): string[] => r.objects.map((o) => `${o.status} ${o.owner} ${displayId(o.id)}`);
const texts = (r: DiffResult): string => formatText(r) + formatMarkdown(r, { limitBytes: 0 }) + formatJson(r);

test('a HelmRelease value: one object, its field path and an exact hunk; only that Kustomization rebuilt', { skip }, async () => {
  repo.reset();
  repo.edit('kubernetes/apps/home/paperless/app/helmrelease.yaml', 'tag: 8.30.1', 'tag: 8.31.0');
  const r = await run();
  assert.ok(r.ok, JSON.stringify(r.findings.filter((f) => f.severity === 'error')));
  assert.deepEqual(list(r), ['changed home/paperless HelmRelease/home/paperless']);
  assert.deepEqual(r.objects[0]!.fields, ['spec.values.controllers.paperless.containers.gotenburg.image.tag']);
  assert.equal(
    r.objects[0]!.diff,
    [
      '@@ -104,7 +104,7 @@',
      '             image:',
      '               pullPolicy: IfNotPresent',
      '               repository: thecodingmachine/gotenberg',
      '-              tag: 8.30.1',
      '+              tag: 8.31.0',
      '           tika:',
      '             image:',
      '               pullPolicy: IfNotPresent',
      '',
    ].join('\n'),
  );
  assert.equal(r.stats.changedFiles, 1);
  assert.ok(r.skipped > 150, `${r.skipped} Kustomizations skipped`);
  assert.deepEqual(r.kustomizations.map((k) => [k.id, k.status]), [['home/paperless', 'changed']]);
  // paperless on each side; its unchanged parent and variable sources once for both
  assert.ok(r.stats.builtBefore + r.stats.builtAfter <= 6, `built: ${r.stats.builtBefore} + ${r.stats.builtAfter}`);
});

test('a cluster-settings variable: every object using it changes, nothing else, each line exactly', { skip }, async () => {
  repo.reset();
  const file = 'kubernetes/components/common/cluster-vars/cluster-settings.yaml';
  repo.edit(file, 'TIMEZONE: Pacific/Auckland', 'TIMEZONE: Europe/Berlin');
  const r = await run();
  assert.ok(r.ok, JSON.stringify(r.findings.filter((f) => f.severity === 'error')));

  // expected, from a full build of the old side: objects written with ${TIMEZONE} in Kustomizations that take
  // their variables from cluster-settings (and do not set TIMEZONE themselves), plus the ConfigMaps built from the file
  const old = await build({ mode: 'all' }, { root: join(repo.root), env });
  const expected = new Set<string>();
  const fileText = new Map<string, string>();
  const textOf = (f: string): string => fileText.get(f) ?? (fileText.set(f, readFileSync(join(repo.root, f), 'utf8')), fileText.get(f)!);
  for (const u of old.units) {
    const pb = u.kustomization?.postBuild;
    const fromSettings = pb?.substituteFrom.some((s) => s.name === 'cluster-settings') && !pb.substitute.some(([k]) => k === 'TIMEZONE');
    for (const res of u.resources) {
      const meta = isMap(res.object['metadata']) ? res.object['metadata'] : {};
      if (res.object['kind'] === 'ConfigMap' && meta['name'] === 'cluster-settings' && res.origin.file === file) expected.add(`${u.id} ${matchKey(objectId(res.object))}`);
      else if (fromSettings && /\$\{TIMEZONE[}:]/.test(textOf(res.origin.file))) expected.add(`${u.id} ${matchKey(objectId(res.object))}`);
    }
  }
  const got = new Set(r.objects.map((o) => `${o.owner} ${matchKey(o.id)}`));
  assert.ok(expected.size > 20, `${expected.size} objects use TIMEZONE`);
  assert.deepEqual([...got].sort(), [...expected].sort());
  for (const o of r.objects) {
    assert.equal(o.status, 'changed');
    const minus = o.diff.split('\n').filter((l) => l.startsWith('-'));
    const plus = o.diff.split('\n').filter((l) => l.startsWith('+'));
    assert.ok(minus.length > 0 && minus.every((l) => l.includes('Pacific/Auckland')), o.diff);
    assert.deepEqual(plus, minus.map((l) => '+' + l.slice(1).replace(/Pacific\/Auckland/g, 'Europe/Berlin')));
  }
});

test('an app added and an app removed: its Kustomization object and every object it builds', { skip }, async () => {
  repo.reset();
  // add: a copy of thelounge as thelounge2
  repo.copy('kubernetes/apps/home/thelounge', 'kubernetes/apps/home/thelounge2');
  repo.write('kubernetes/apps/home/thelounge2/ks.yaml', repo.read('kubernetes/apps/home/thelounge2/ks.yaml').replace(/thelounge/g, 'thelounge2'));
  repo.write('kubernetes/apps/home/thelounge2/app/helmrelease.yaml', repo.read('kubernetes/apps/home/thelounge2/app/helmrelease.yaml').replace(/thelounge/g, 'thelounge2'));
  repo.edit('kubernetes/apps/home/kustomization.yaml', '  - ./thelounge/ks.yaml\n', '  - ./thelounge2/ks.yaml\n');
  // remove: searxng (its folder and its entry)
  repo.edit('kubernetes/apps/home/kustomization.yaml', '  - ./searxng/ks.yaml\n', '');
  repo.remove('kubernetes/apps/home/searxng');
  const r = await run();
  assert.ok(r.ok, JSON.stringify(r.findings.filter((f) => f.severity === 'error')));

  // building everything on both sides finds exactly the same
  const full = await run({ full: true });
  assert.deepEqual(full.objects, r.objects);

  const ids = async (root: string, name: string): Promise<string[]> => {
    const b = await build({ mode: 'ks', name }, { root, env });
    return b.units[0]!.resources.map((x) => displayId(objectId(x.object)));
  };
  const added = await ids(repo.root, 'thelounge2');
  repo.reset();
  const removed = await ids(repo.root, 'searxng');
  const gone = await ids(repo.root, 'thelounge');
  assert.ok(added.length >= 3 && removed.length >= 3 && gone.length >= 3);
  const expected = [
    ...added.map((id) => `added home/thelounge2 ${id}`),
    ...removed.map((id) => `removed home/searxng ${id}`),
    ...gone.map((id) => `removed home/thelounge ${id}`),
    'added flux-system/cluster-apps Kustomization/home/thelounge2',
    'removed flux-system/cluster-apps Kustomization/home/searxng',
    'removed flux-system/cluster-apps Kustomization/home/thelounge',
  ].sort();
  assert.deepEqual(list(r).sort(), expected);
  const ks = Object.fromEntries(r.kustomizations.map((k) => [k.id, k.status]));
  assert.equal(ks['home/thelounge2'], 'added');
  assert.equal(ks['home/searxng'], 'removed');
  assert.equal(ks['home/thelounge'], 'removed');
  // a new object is shown whole, as added lines
  const hr = r.objects.find((o) => o.owner === 'home/thelounge2' && o.id.kind === 'HelmRelease')!;
  assert.equal(hr.diff.split('\n').filter((l) => l.startsWith('+')).length, hr.after!.split('\n').length - 1);
});

test('Secrets: changed values masked before/after, SOPS Secrets compared by keys only, no value in any output', { skip }, async () => {
  repo.reset();
  const sops = 'kubernetes/apps/network/cloudflared/app/secret.sops.yaml';
  // re-encryption: new ciphertext and MAC for the same keys → no change
  const text = repo.read(sops);
  repo.write(sops, text.replace(/ENC\[AES256_GCM,data:([^,]{4})/g, 'ENC[AES256_GCM,data:QUJD').replace(/lastmodified: .*/, 'lastmodified: "2030-01-01T00:00:00Z"'));
  // a plain Secret in an app, committed, then changed
  const plain = (token: string, extra = ''): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: demo-plain\nstringData:\n  token: ${token}\n  same: unchanged-value-1234${extra}\n`;
  repo.write('kubernetes/apps/home/paperless/app/plain-secret.yaml', plain('first-secret-value-5678'));
  repo.edit('kubernetes/apps/home/paperless/app/kustomization.yaml', /resources:\n/, 'resources:\n  - ./plain-secret.yaml\n');
  repo.commit('plain secret');
  repo.write('kubernetes/apps/home/paperless/app/plain-secret.yaml', plain('second-secret-value-9999', '\n  extra: extra-secret-value-0000'));
  const r = await run({ base: { ref: 'HEAD' } });
  assert.ok(r.ok, JSON.stringify(r.findings.filter((f) => f.severity === 'error')));
  assert.deepEqual(list(r), ['changed home/paperless Secret/home/demo-plain']);
  const o = r.objects[0]!;
  assert.deepEqual(o.fields, ['stringData.token', 'stringData.extra']);
  assert.match(o.diff, /^-  token: '\*\*\* \(before\)'$/m);
  assert.match(o.diff, /^\+  token: '\*\*\* \(after\)'$/m);
  assert.match(o.diff, /^\+  extra: '\*\*\*'$/m);
  const out = texts(r);
  for (const secret of ['first-secret-value-5678', 'second-secret-value-9999', 'unchanged-value-1234', 'extra-secret-value-0000', 'ENC[', 'QUJD']) assert.ok(!out.includes(secret), secret);
  repo.reset();
});

test('secrets from a SOPS Secret whose keys change show as **SOPS**', { skip }, async () => {
  repo.reset();
  const sops = 'kubernetes/apps/network/cloudflared/app/secret.sops.yaml';
  const text = repo.read(sops);
  const m = /^( +)([A-Za-z0-9_.-]+): (ENC\[AES256_GCM,[^\]]*\])$/m.exec(text);
  assert.ok(m, 'an encrypted value');
  repo.write(sops, text.replace(m[0], `${m[0]}\n${m[1]}NEW_KEY: ${m[3]}`));
  const r = await run({ base: { ref: 'HEAD' } });
  const o = r.objects.find((x) => x.id.kind === 'Secret');
  assert.ok(o, list(r).join('\n'));
  assert.match(o.diff, /^\+ {2,}NEW_KEY: '?\*\*SOPS\*\*'?$/m);
  assert.ok(!texts(r).includes('ENC['));
  const sopsObj = r.objects.filter((x) => x.id.kind === 'Secret').map((x) => x.after ?? '');
  assert.ok(sopsObj.every((y) => !/^sops:/m.test(y)));
});
