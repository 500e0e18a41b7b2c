import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import type { YMap } from '../core/resource.js';
import { applyFluxSpec, generateKustomization, GenerateError, isLocalRelativePath, isSourceIgnored, loadKustomization } from './generate.js';
import { DEFAULT_RULES } from './sourceignore.js';
import { SourceView } from './sourceignore-fs.js';

test('generated kustomization: YAML files in walk order, sub-dirs with a kustomization as dirs, ignored names left out', () => {
  // the generator lists what the artifact holds: the builds give it the source view (default rules here)
  const raw = new MemoryFS({
    '/r/p/b.yaml': 'kind: A\n',
    '/r/p/a.yml': 'kind: B\n',
    '/r/p/notes.txt': 'x',
    '/r/p/.sops.yaml': 'creation_rules: []\n',
    '/r/p/sub/c.yaml': 'kind: C\n',
    '/r/p/sub/deeper/d.yaml': 'kind: D\n',
    '/r/p/app/kustomization.yaml': 'resources: []\n',
    '/r/p/app/inner.yaml': 'kind: E\n',
    '/r/p/a/z.yaml': 'kind: F\n',
    '/r/p/logo.png': 'x',
  });
  const fs = new SourceView(raw, '/r', DEFAULT_RULES);
  assert.deepEqual(generateKustomization(fs, '/r/p'), {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Go's walk: entries sorted bytewise, directories descended where they appear (`a/` before `a.yml`)
    resources: ['./a/z.yaml', './a.yml', './app', './b.yaml', './sub/c.yaml', './sub/deeper/d.yaml'],
  });
});

test('isSourceIgnored: a single name against the built-in rules, as a file or a folder', () => {
  for (const n of ['.git', '.github', '.circleci', '.gitignore', '.sops.yaml', '.flux.yaml', '.goreleaser.yml', 'cloudbuild.yaml', 'a.png', 'b.tar.gz']) {
    assert.equal(isSourceIgnored(n), true, n);
  }
  for (const n of ['app.yaml', 'kustomization.yaml', 'gz', 'png', '.sourceignore', 'sops.yaml']) assert.equal(isSourceIgnored(n), false, n);
});

test('an empty path gets a placeholder namespace; broken YAML fails naming the file', () => {
  assert.deepEqual(generateKustomization(new MemoryFS({ '/r/p/readme.md': '' }), '/r/p'), {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: '_placeholder',
  });
  assert.throws(
    () => generateKustomization(new MemoryFS({ '/r/p/bad.yaml': 'a: [\n' }), '/r/p', (p) => p.replace('/r/', '')),
    (e: unknown) => e instanceof GenerateError && e.file === 'p/bad.yaml' && /failed to decode Kubernetes YAML from p\/bad\.yaml/.test(e.message),
  );
});

test('an existing kustomization is used as it is, under any recognised name', () => {
  const fs = new MemoryFS({ '/r/p/Kustomization': 'resources:\n  - x.yaml\n', '/r/p/x.yaml': 'kind: A\n' });
  const l = loadKustomization(fs, '/r/p', (p) => p);
  assert.equal(l.file, '/r/p/Kustomization');
  assert.equal(l.generated, false);
  assert.deepEqual(l.kus, { resources: ['x.yaml'] });
});

test('the Flux spec merged into the kustomization', () => {
  const kus: YMap = {
    resources: ['a.yaml'],
    namespace: 'old',
    namePrefix: 'old-',
    patches: [{ path: 'p.yaml' }],
    components: ['../c1'],
    images: [{ name: 'nginx', newTag: '1.0', digest: 'sha256:old' }, { name: 'redis', newName: 'valkey' }],
  };
  const spec: YMap = {
    targetNamespace: 'apps',
    namePrefix: 'new-',
    nameSuffix: '-x',
    patches: [{ patch: 'kind: A', target: { kind: 'A' } }, { patch: '- op: remove\n  path: /x' }],
    components: ['../c2', '../missing'],
    ignoreMissingComponents: true,
    images: [{ name: 'nginx', newTag: '2.0' }, { name: 'redis', newTag: '8' }, { name: 'new', newName: 'other' }],
  };
  const out = applyFluxSpec(kus, spec, false, (c) => c !== '../missing');
  assert.deepEqual(out, {
    resources: ['a.yaml'],
    namespace: 'apps', // targetNamespace overrides
    namePrefix: 'new-', // so do prefix and suffix
    nameSuffix: '-x',
    patches: [{ path: 'p.yaml' }, { patch: 'kind: A', target: { kind: 'A' } }, { patch: '- op: remove\n  path: /x' }],
    components: ['../c1', '../c2'], // a missing component is dropped with ignoreMissingComponents
    images: [
      { name: 'nginx', newTag: '2.0' }, // a new tag clears the old digest
      { name: 'redis', newName: 'valkey', newTag: '8' }, // fields not set by Flux stay
      { name: 'new', newName: 'other' },
    ],
  });
  // kustomizations without resources get build metadata so kustomize does not call them empty
  assert.deepEqual(applyFluxSpec({ configMapGenerator: [] }, {}, false, () => true)['buildMetadata'], ['originAnnotations']);
  assert.equal(applyFluxSpec({ namespace: '_placeholder' }, {}, true, () => true)['buildMetadata'], undefined);
  assert.throws(() => applyFluxSpec({}, { components: ['https://github.com/x/y'] }, true, () => true), /must be local and relative/);
  // without ignoreMissingComponents a missing component stays, and kustomize reports it
  assert.deepEqual(applyFluxSpec({}, { components: ['../missing'] }, true, () => false)['components'], ['../missing']);
});

test('local relative paths', () => {
  for (const p of ['../c', 'c', './c', 'github.comx']) assert.ok(isLocalRelativePath(p), p);
  for (const p of ['/abs', 'https://x/y', 'git@github.com:x/y', 'github.com/x', 'gh:x/y', 'file:///abs']) assert.ok(!isLocalRelativePath(p), p);
});
