// FluxRepo's scan: which files it parses, and that a Kustomization or GitRepository is found however its names are
// spelled (escapes, tags), while files that cannot declare one are left unparsed; the hooks two views share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import { testEngine } from '../../test/e2e/flux-test-engine.js';
import { ksKey } from './model.js';
import type { KsBuild } from './build-ks.js';
import { ParseCache } from './parse-cache.js';
import { build } from './build.js';
import { FluxRepo, mayDeclareKsOrSource } from './repo.js';
import type { BuildReuse } from './repo.js';

const ks = (name: string, apiVersion: string, source = 'flux-system'): string =>
  `apiVersion: ${apiVersion}\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ./apps/${name}\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n`;

test('the scan finds Kustomizations and GitRepositories however their names are written', () => {
  const fs = new MemoryFS({
    '/repo/flux/plain.yaml': ks('plain', 'kustomize.toolkit.fluxcd.io/v1'),
    // an escape in double quotes and a !!binary tag spell the group without writing it
    '/repo/flux/escaped.yaml': ks('escaped', '"kustomize.toolkit.fluxcd\\x2eio/v1"'),
    '/repo/flux/binary.yaml': ks('binary', `!!binary ${Buffer.from('kustomize.toolkit.fluxcd.io/v1').toString('base64')}`),
    '/repo/flux/other-source.yaml': ks('elsewhere', 'kustomize.toolkit.fluxcd.io/v1', 'upstream'),
    '/repo/flux/upstream.yaml':
      'apiVersion: "source.toolkit.fluxcd\\x2eio/v1"\nkind: "Git\\x52epository"\nmetadata:\n  name: upstream\n  namespace: flux-system\nspec:\n  url: https://example.com/other/elsewhere\n',
    '/repo/apps/plain/hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: x\n',
  });
  const repo = new FluxRepo({ fs, root: '/repo', engine: testEngine, identities: [], strict: false });
  assert.deepEqual(repo.raw.map(ksKey).sort(), ['flux-system/binary', 'flux-system/elsewhere', 'flux-system/escaped', 'flux-system/plain']);
  // the escaped GitRepository was read: its URL names another repository, so its Kustomizations are not built here
  assert.equal(repo.isRepoSource(repo.raw.find((k) => k.name === 'elsewhere')!), false);
});

test('files that cannot declare either are not parsed', () => {
  assert.equal(mayDeclareKsOrSource('apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n'), false);
  assert.equal(mayDeclareKsOrSource('apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\n'), false);
  assert.equal(mayDeclareKsOrSource('apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n'), true);
  assert.equal(mayDeclareKsOrSource('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n'), true);
  assert.equal(mayDeclareKsOrSource('a: "\\x41"\n'), true);
  assert.equal(mayDeclareKsOrSource('a: !!binary QQ==\n'), true);
  // a file that does not parse is skipped as before (reported when a build reads it)
  const fs = new MemoryFS({ '/repo/broken.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: [\n' });
  assert.deepEqual(new FluxRepo({ fs, root: '/repo', engine: testEngine, identities: [], strict: false }).raw, []);
});

test('two views of one repository share parsed files and, through the reuse hook, builds with the same inputs', async () => {
  const files = {
    '/repo/flux/apps.yaml': ks('app', 'kustomize.toolkit.fluxcd.io/v1'),
    '/repo/apps/app/kustomization.yaml': 'resources:\n  - cm.yaml\n',
    '/repo/apps/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
  };
  const cache = new ParseCache();
  const shared = new Map<string, KsBuild>();
  let asked = 0;
  const reuse: BuildReuse = {
    sameInputs: () => (asked++, true),
    key: (k, vars, repoSource) => `${ksKey(k)} ${vars === undefined} ${repoSource}`,
    get: (key) => shared.get(key),
    set: (key, b) => void shared.set(key, b),
  };
  const open = (): FluxRepo => new FluxRepo({ fs: new MemoryFS(files), root: '/repo', engine: testEngine, identities: [], strict: false, parseCache: cache, reuse });
  const a = open();
  const b = open();
  // the same text parses to the very same documents
  assert.equal(a.raw[0]!.object, b.raw[0]!.object);
  const built = await a.build(a.raw[0]!);
  assert.equal(a.built, 1);
  assert.equal(await b.build(b.raw[0]!), built);
  assert.equal(b.built, 0);
  assert.equal(asked, 2);
});

test('a Kustomization without a namespace is matched to its parent output by its file, not by its name alone', async () => {
  // haraldkoch's shape: folder kustomizations set the namespace; two apps of one name in two namespaces
  const whoami = (ns: string): string =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: whoami\nspec:\n  path: ./apps/base/${ns}/whoami\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n`;
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: whoami\n';
  const files = {
    '/repo/flux/cluster.yaml': ks('cluster-apps', 'kustomize.toolkit.fluxcd.io/v1').replace('./apps/cluster-apps', './apps/main'),
    '/repo/apps/main/kustomization.yaml': 'resources:\n  - ./default\n  - ./media\n',
    '/repo/apps/main/default/kustomization.yaml': 'namespace: default\nresources:\n  - ./whoami.yaml\n',
    '/repo/apps/main/default/whoami.yaml': whoami('default'),
    '/repo/apps/main/media/kustomization.yaml': 'namespace: media\nresources:\n  - ./whoami.yaml\n',
    '/repo/apps/main/media/whoami.yaml': whoami('media'),
    '/repo/apps/base/default/whoami/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/apps/base/default/whoami/cm.yaml': cm,
    '/repo/apps/base/media/whoami/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/apps/base/media/whoami/cm.yaml': cm,
  };
  const repo = new FluxRepo({ fs: new MemoryFS(files), root: '/repo', engine: testEngine, identities: [], strict: false });
  const media = repo.raw.find((k) => k.origin.file === 'apps/main/media/whoami.yaml')!;
  for (const found of [await repo.effective(media), await repo.applied(media)]) {
    assert.equal(ksKey(found!), 'media/whoami');
    assert.equal(found!.path, './apps/base/media/whoami');
  }
  const inMedia = await repo.lookup('whoami', 'media');
  assert.deepEqual(inMedia.map((k) => [ksKey(k), k.path]), [['media/whoami', './apps/base/media/whoami']]);
  // nothing but the parent was built to find it
  assert.equal(repo.built, 1);
  assert.deepEqual((await repo.lookup('whoami')).map(ksKey).sort(), ['default/whoami', 'media/whoami']);
  // `hops build ks whoami` is ambiguous, `-n media` builds the one in media
  const opts = { root: '/repo', engine: testEngine, env: { HOME: '/nonexistent' } };
  await assert.rejects(build({ mode: 'ks', name: 'whoami' }, { ...opts, fs: new MemoryFS(files) }), /2 Flux Kustomizations are named whoami: default\/whoami, media\/whoami/);
  const one = await build({ mode: 'ks', name: 'whoami', namespace: 'media' }, { ...opts, fs: new MemoryFS(files) });
  assert.deepEqual(one.units.map((u) => [u.id, u.dir]), [['media/whoami', 'apps/base/media/whoami']]);
  // build all: each once, under the key Flux applies it with
  const all = await build({ mode: 'all' }, { ...opts, fs: new MemoryFS(files) });
  assert.deepEqual(all.units.map((u) => u.id), ['flux-system/cluster-apps', 'default/whoami', 'media/whoami']);
});
