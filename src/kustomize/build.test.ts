// The façade: origins (file and line) of built resources, building from an in-memory kustomization (as Flux does for
// a path without kustomization.yaml), absolute directories, sessions shared across builds, and error shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../core/errors.js';
import { MemoryFS } from '../io/fs.js';
import { buildFromKustomization, buildKustomization, newSession, renderYaml } from './index.js';

const files = {
  '/repo/app/kustomization.yaml': `resources:
- ../base
- svc.yaml
configMapGenerator:
- name: other
  literals: [a=b]
- name: settings
  literals:
  - x=y
`,
  '/repo/app/svc.yaml': '# a comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
  '/repo/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
  '/repo/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n',
};
const opts = { loadRestrictor: 'rootOnly' as const, repoRoot: '/repo' };

test('resources carry their file (repository-relative) and line; generated ones point at their generator entry', () => {
  const r = buildKustomization(new MemoryFS(files), 'app', opts);
  const where = Object.fromEntries(r.resources.map((x) => [`${x.object['kind']}/${(x.object['metadata'] as { name: string }).name}`, x.origin]));
  assert.deepEqual(where['ConfigMap/base'], { file: 'base/cm.yaml', line: 1 });
  assert.deepEqual(where['Service/web'], { file: 'app/svc.yaml', line: 2 });
  assert.deepEqual(where['ServiceAccount/web'], { file: 'app/svc.yaml', line: 7 });
  const settings = r.resources.find((x) => String((x.object['metadata'] as { name: string }).name).startsWith('settings-'));
  assert.deepEqual(settings?.origin, { file: 'app/kustomization.yaml', line: 7 });
});

test('absolute directories and a shared session give the same result', () => {
  const fs = new MemoryFS(files);
  const session = newSession(fs, 'rootOnly', '/repo');
  const a = renderYaml(buildKustomization(fs, '/repo/app', { ...opts, session }).resources);
  const b = renderYaml(buildKustomization(fs, 'app', { ...opts, session }).resources);
  assert.equal(a, b);
  assert.equal(a, renderYaml(buildKustomization(new MemoryFS(files), 'app', opts).resources));
});

test('an in-memory kustomization builds a directory without kustomization.yaml', () => {
  const fs = new MemoryFS({ '/repo/plain/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
  const r = buildFromKustomization(fs, 'plain', { resources: ['a.yaml'], namespace: 'flux' }, { loadRestrictor: 'none', repoRoot: '/repo' });
  assert.equal(renderYaml(r.resources), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: flux\n');
  assert.deepEqual(r.resources[0]?.origin, { file: 'plain/a.yaml', line: 1 });
});

test('deprecated fields are reported as warnings, as kustomize prints them', () => {
  const fs = new MemoryFS({ '/repo/k/kustomization.yaml': 'commonLabels:\n  a: b\nresources:\n- a.yaml\n', '/repo/k/a.yaml': files['/repo/base/cm.yaml'] });
  const r = buildKustomization(fs, 'k', opts);
  assert.deepEqual(r.warnings, ["# Warning: 'commonLabels' is deprecated. Please use 'labels' instead."]);
});

test('failures are InputErrors naming the kustomization file, with a hint where there is a fix', () => {
  const fs = new MemoryFS({ '/repo/k/kustomization.yaml': 'resources:\n- ../elsewhere/a.yaml\n', '/repo/elsewhere/a.yaml': files['/repo/base/cm.yaml'] });
  assert.throws(
    () => buildKustomization(fs, 'k', opts),
    (e: unknown) => e instanceof InputError && e.file === 'k/kustomization.yaml' && /not in or below 'k'/.test(e.message) && /load restrictor 'none'/.test(e.hint ?? ''),
  );
  assert.throws(() => buildKustomization(fs, 'nope', opts), (e: unknown) => e instanceof InputError && /not a directory/.test(e.message));
  assert.throws(() => buildKustomization(fs, '/outside', opts), (e: unknown) => e instanceof InputError);
});

test('nothing outside the repository root is read, whatever the restrictor', () => {
  const fs = new MemoryFS({ '/repo/k/kustomization.yaml': 'resources:\n- ../../secret.yaml\n', '/secret.yaml': files['/repo/base/cm.yaml'] });
  assert.throws(() => buildKustomization(fs, 'k', { loadRestrictor: 'none', repoRoot: '/repo' }), /outside the repository root/);
  const fs2 = new MemoryFS({ '/repo/k/kustomization.yaml': 'resources:\n- ../../base\n', '/base/kustomization.yaml': 'resources: []\n' });
  assert.throws(() => buildKustomization(fs2, 'k', { loadRestrictor: 'none', repoRoot: '/repo' }), /outside the repository root/);
});

test('an unknown field or a wrong type names the kustomization line of its top-level field (also built from data, as Flux does)', () => {
  const fs = new MemoryFS({ '/repo/k/kustomization.yaml': '---\n# note\nresources:\n- cm.yaml\nresource:\n- x\n', '/repo/k/cm.yaml': files['/repo/base/cm.yaml'], '/repo/t/kustomization.yaml': 'namespace: [a]\n' });
  assert.throws(() => buildKustomization(fs, 'k', opts), (e: unknown) => e instanceof InputError && e.file === 'k/kustomization.yaml' && e.line === 5 && /unknown field "resource"/.test(e.message));
  assert.throws(() => buildKustomization(fs, 't', opts), (e: unknown) => e instanceof InputError && e.line === 1 && /into field namespace/.test(e.message));
  assert.throws(
    () => buildFromKustomization(fs, 'k', { resources: ['cm.yaml'], resource: ['x'] }, opts),
    (e: unknown) => e instanceof InputError && e.line === 5 && /unknown field "resource"/.test(e.message),
  );
});
