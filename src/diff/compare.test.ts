import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { YMap } from '../core/resource.js';
import { compareItems } from './compare.js';
import { changedPaths } from './field-paths.js';
import { DEFAULT_STRIP_ATTRS } from './strip.js';

const opts = { stripAttrs: [...DEFAULT_STRIP_ATTRS], context: 3 };
const item = (object: YMap, owner = 'flux-system/apps') => ({ object, owner });
const hr = (tag: string, extra: YMap = {}): YMap => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'plex', namespace: 'media', labels: { 'helm.sh/chart': `app-${tag}` } },
  spec: { values: { image: { repository: 'plex', tag } }, ...extra },
});

test('changed objects carry field paths and a unified YAML diff; stripped labels do not count', () => {
  const d = compareItems([item(hr('1.0'))], [item(hr('1.1'))], opts);
  assert.equal(d.length, 1);
  assert.equal(d[0]!.status, 'changed');
  assert.deepEqual(d[0]!.fields, ['spec.values.image.tag']);
  assert.equal(d[0]!.diff, '@@ -7,4 +7,4 @@\n   values:\n     image:\n       repository: plex\n-      tag: "1.0"\n+      tag: "1.1"\n');
  assert.doesNotMatch(d[0]!.after!, /helm\.sh\/chart/);
  // only a stripped label differs: no change at all
  const same = hr('1.0');
  const relabelled = hr('1.0');
  ((relabelled['metadata'] as YMap)['labels'] as YMap)['helm.sh/chart'] = 'app-2';
  assert.deepEqual(compareItems([item(same)], [item(relabelled)], opts), []);
  assert.equal(compareItems([item(same)], [item(relabelled)], { ...opts, stripAttrs: [] }).length, 1);
});

test('objects match by group/kind/namespace/name across API versions; added and removed objects', () => {
  const v2beta2 = { ...hr('1.0'), apiVersion: 'helm.toolkit.fluxcd.io/v2beta2' };
  const cm = (name: string): YMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'media' }, data: { a: '1' } });
  const d = compareItems([item(v2beta2), item(cm('old'), 'media/old-app')], [item(hr('1.0')), item(cm('new'), 'media/new-app')], opts);
  assert.deepEqual(
    d.map((x) => [x.status, x.id.kind, x.id.name, x.owner, x.fields]),
    [
      ['changed', 'HelmRelease', 'plex', 'flux-system/apps', ['apiVersion']],
      ['added', 'ConfigMap', 'new', 'media/new-app', []],
      ['removed', 'ConfigMap', 'old', 'media/old-app', []],
    ],
  );
  assert.match(d[1]!.diff, /^@@ -0,0 \+1,7 @@\n\+apiVersion: v1\n/);
  assert.match(d[2]!.diff, /^@@ -1,7 \+0,0 @@\n-apiVersion: v1\n/);
});

test('Secret values never appear: ***, *** (before)/(after), **SOPS** compared by keys only', () => {
  const secret = (data: YMap, extra: YMap = {}): YMap => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' }, ...extra, data });
  const d = compareItems([item(secret({ same: 'c2VjcmV0MQ==', changed: 'b2xkLXZhbHVl', gone: 'eA==' }))], [item(secret({ same: 'c2VjcmV0MQ==', changed: 'bmV3LXZhbHVl', added: 'eQ==' }))], opts);
  assert.equal(d.length, 1);
  const text = d[0]!.diff + d[0]!.before + d[0]!.after + d[0]!.fields.join();
  for (const v of ['c2VjcmV0MQ==', 'b2xkLXZhbHVl', 'bmV3LXZhbHVl', 'eA==', 'eQ==']) assert.ok(!text.includes(v), v);
  assert.match(d[0]!.diff, /^-  changed: '\*\*\* \(before\)'$/m);
  assert.match(d[0]!.diff, /^\+  changed: '\*\*\* \(after\)'$/m);
  assert.match(d[0]!.diff, /^ {3}same: '\*\*\*'$/m);
  assert.match(d[0]!.diff, /^-  gone: '\*\*\*'$/m);
  assert.deepEqual(d[0]!.fields, ['data.changed', 'data.gone', 'data.added']);

  const sops = (mac: string, v: string): YMap => secret({}, { stringData: { token: `ENC[AES256_GCM,data:${v},iv:x,tag:y,type:str]` }, sops: { mac: `ENC[${mac}]`, lastmodified: mac } });
  assert.deepEqual(compareItems([item(sops('m1', 'aaa'))], [item(sops('m2', 'bbb'))], opts), [], 're-encrypted SOPS secret is unchanged');
  const more = sops('m2', 'bbb');
  (more['stringData'] as YMap)['extra'] = 'ENC[AES256_GCM,data:zzz,iv:x,tag:y,type:str]';
  const k = compareItems([item(sops('m1', 'aaa'))], [item(more)], opts);
  assert.equal(k.length, 1);
  assert.doesNotMatch(k[0]!.diff + k[0]!.after, /ENC\[|aaa|bbb|zzz|m1|m2/);
  assert.match(k[0]!.diff, /^\+  extra: '\*\*SOPS\*\*'$/m);
  const added = compareItems([], [item(secret({ token: 'dG9rZW4=' }))], opts);
  assert.doesNotMatch(added[0]!.diff, /dG9rZW4=/);
});

test('field paths: odd keys bracketed, named list items by name, reordering reported', () => {
  assert.deepEqual(changedPaths({ metadata: { labels: { 'app.kubernetes.io/name': 'a' } } }, { metadata: { labels: { 'app.kubernetes.io/name': 'b' } } }), ['metadata.labels["app.kubernetes.io/name"]']);
  const pod = (img: string, order = ['app', 'side']): YMap => ({ spec: { containers: order.map((n) => ({ name: n, image: n === 'app' ? img : 'side:1' })) } });
  assert.deepEqual(changedPaths(pod('a:1'), pod('a:2')), ['spec.containers[name=app].image']);
  assert.deepEqual(changedPaths(pod('a:1'), pod('a:1', ['side', 'app'])), ['spec.containers']);
  assert.deepEqual(changedPaths({ args: ['a', 'b'] }, { args: ['a', 'c', 'd'] }), ['args[1]', 'args[2]']);
  assert.deepEqual(changedPaths({ n: 1n }, { n: 1n }), []);
});
