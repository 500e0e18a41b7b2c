// kustomize-controller reads the kustomization file at spec.path without DisallowUnknownFields: unknown fields are
// dropped (each an error finding here), wrong types fail, and only that file is read so (plain kustomize stays strict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import type { YMap } from '../core/resource.js';
import { fluxKs as ks } from '../../test/support/flux.js';
import { build } from './build.js';
import { nativeEngine } from './engine.js';
import { dropUnknownFields } from './lenient-kustomization.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;
const opts = { root: '/repo', engine: nativeEngine(), env: { HOME: '/nonexistent' } };
const names = (u: { resources: Array<{ object: YMap }> }): string[] => u.resources.map((r) => `${String(r.object['kind'])}/${String((r.object['metadata'] as YMap)['name'])}`);

function repo(kustomization: string, file = 'kustomization.yaml', extra: Record<string, string> = {}): MemoryFS {
  return new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/ks.yaml': ks('app', './kubernetes/app', '  targetNamespace: demo\n'),
    [`/repo/kubernetes/app/${file}`]: kustomization,
    '/repo/kubernetes/app/cm.yaml': cm('cm'),
    '/repo/kubernetes/app/other.yaml': cm('other'),
    ...extra,
  });
}

test('a typo at the top of the spec.path kustomization: Flux drops the field and builds the rest; an error finding at the field', async () => {
  const fs = repo('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresourcez:\n  - ./cm.yaml\nconfigMapGenerator:\n  - name: gen\n    literals: [A=1]\n');
  const r = await build({ mode: 'ks', name: 'app' }, { ...opts, fs });
  const u = r.units[0]!;
  // built as Flux builds it: the generator only (and origin annotations, as Flux adds buildMetadata without resources)
  assert.equal(u.ok, true);
  assert.deepEqual(names(u), ['ConfigMap/gen-89g4tffbfk']);
  assert.ok(((u.resources[0]!.object['metadata'] as YMap)['annotations'] as YMap)['config.kubernetes.io/origin']);
  // but the repository has an error: the result is not ok (`hops build` exits 1)
  assert.equal(r.ok, false);
  assert.deepEqual(
    u.findings.map((f) => [f.code, f.severity, f.file, f.line, f.col, f.data]),
    [['kustomization-unknown-field', 'error', 'kubernetes/app/kustomization.yaml', 3, 1, { field: 'resourcez', suggestion: 'resources' }]],
  );
  const f = u.findings[0]!;
  assert.equal(f.message, 'Kustomization flux-system/app: unknown field "resourcez" in kubernetes/app/kustomization.yaml; Flux ignores it (kustomize-controller drops the fields it does not know from the kustomization at spec.path) and builds the rest');
  assert.match(f.hint!, /^did you mean "resources"\? fix the field name/);

  // nothing close: no suggestion
  const far = await build({ mode: 'ks', name: 'app' }, { ...opts, fs: repo('resources: [./cm.yaml]\nwhatever: 1\n') });
  assert.deepEqual(far.units[0]!.findings.map((x) => [x.data, x.hint?.startsWith('fix the field name')]), [[{ field: 'whatever' }, true]]);
  assert.deepEqual(names(far.units[0]!), ['ConfigMap/cm']);

  // plain kustomize (hops build path) keeps failing on the same folder
  const plain = await build({ mode: 'path', dirs: ['kubernetes/app'] }, { ...opts, fs });
  assert.equal(plain.ok, false);
  assert.match(plain.units[0]!.findings[0]!.message, /unknown field "resourcez"/);
});

test('unknown fields deeper in the typed fields are dropped too (a patch target filter Flux ignores); wrong types still fail', async () => {
  const k = 'resources:\n  - ./cm.yaml\n  - ./other.yaml\npatches:\n  - target:\n      kind: ConfigMap\n      nmae: cm\n    patch: |\n      - op: add\n        path: /data/b\n        value: "2"\n';
  const r = await build({ mode: 'ks', name: 'app' }, { ...opts, fs: repo(k) });
  const u = r.units[0]!;
  assert.equal(u.ok, true);
  assert.deepEqual(u.findings.map((f) => [f.data, f.line, f.col]), [[{ field: 'patches[0].target.nmae', suggestion: 'name' }, 7, 7]]);
  // without its name filter the patch applies to both ConfigMaps, as in the cluster
  assert.deepEqual(u.resources.map((x) => (x.object['data'] as YMap)['b']), ['2', '2']);

  const typed = await build({ mode: 'ks', name: 'app' }, { ...opts, fs: repo('resourcez: [./cm.yaml]\nresources: ./cm.yaml\n') });
  assert.equal(typed.units[0]!.ok, false);
  assert.match(typed.units[0]!.findings.map((f) => f.message).join('\n'), /cannot unmarshal string into field resources of type list/);
});

test('only the file at spec.path is read leniently: a kustomization it references is read by kustomize, strictly', async () => {
  const fs = repo('resources:\n  - ./base\n', 'kustomization.yaml', { '/repo/kubernetes/app/base/kustomization.yaml': 'resources: [../cm.yaml]\nresourcez: []\n' });
  const r = await build({ mode: 'ks', name: 'app' }, { ...opts, fs });
  assert.equal(r.units[0]!.ok, false);
  assert.deepEqual(r.units[0]!.findings.map((f) => f.code), ['kustomize-build-failed']);
  assert.match(r.units[0]!.findings[0]!.message, /base\/kustomization\.yaml.*unknown field "resourcez"/);
});

test('kustomization.yml and Kustomization at spec.path are read (and rewritten) by Flux like kustomization.yaml', async () => {
  for (const file of ['kustomization.yml', 'Kustomization']) {
    const r = await build({ mode: 'ks', name: 'app' }, { ...opts, fs: repo('resources: [./cm.yaml]\nnamespac: x\n', file) });
    const u = r.units[0]!;
    assert.deepEqual([u.ok, names(u)], [true, ['ConfigMap/cm']], file);
    assert.deepEqual(u.findings.map((f) => [f.file, f.data]), [[`kubernetes/app/${file}`, { field: 'namespac', suggestion: 'namespace' }]], file);
  }
});

test('two kustomization files at spec.path: Flux rewrites the first, then kustomize refuses the folder', async () => {
  const r = await build({ mode: 'ks', name: 'app' }, { ...opts, fs: repo('resources: [./cm.yaml]\n', 'kustomization.yml', { '/repo/kubernetes/app/kustomization.yaml': 'resources: [./cm.yaml]\n' }) });
  assert.equal(r.units[0]!.ok, false);
  assert.deepEqual(r.units[0]!.findings.map((f) => [f.code, f.message]), [['kustomize-build-failed', 'Kustomization flux-system/app: kustomize build failed: kubernetes/app: found multiple kustomization files: kustomization.yaml, kustomization.yml']]);
});

test('a parent whose kustomization has a dropped field still builds: its children are built as it emits them', async () => {
  const fs = new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
    '/repo/kubernetes/apps/kustomization.yaml': 'namespace: media\nresources:\n  - ./demo/ks.yaml\ncommonLabelz: {a: b}\n',
    '/repo/kubernetes/apps/demo/ks.yaml': ks('demo', './kubernetes/apps/demo/app'),
    '/repo/kubernetes/apps/demo/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/kubernetes/apps/demo/app/cm.yaml': cm('demo'),
  });
  const r = await build({ mode: 'all' }, { ...opts, fs });
  assert.deepEqual(r.units.map((u) => [u.id, u.ok, u.findings.map((f) => f.code)]), [
    ['flux-system/flux-system', true, []],
    ['flux-system/cluster-apps', true, ['kustomization-unknown-field']],
    ['media/demo', true, []],
  ]);
  assert.equal(r.ok, false);
});

test('dropUnknownFields: a copy without the fields, the original untouched; nothing to drop returns the value itself', () => {
  const v: YMap = { resources: ['a'], images: [{ name: 'x', newTag: '1', tagg: '2' }], extra: { deep: 1 } };
  const text = 'resources: [a]\nimages:\n  - name: x\n    newTag: "1"\n    tagg: "2"\nextra:\n  deep: 1\n';
  const r = dropUnknownFields(v, 'k.yaml', text);
  assert.deepEqual(r.value, { resources: ['a'], images: [{ name: 'x', newTag: '1' }] });
  assert.deepEqual(r.dropped, [
    { field: 'images[0].tagg', line: 5, col: 5 },
    { field: 'extra', line: 6, col: 1 },
  ]);
  assert.deepEqual(v['images'], [{ name: 'x', newTag: '1', tagg: '2' }]);
  const same: YMap = { resources: ['a'] };
  assert.equal(dropUnknownFields(same, 'k.yaml', 'resources: [a]\n').value, same);
});
