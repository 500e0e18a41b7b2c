import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import { readKustomization } from '../flux/model.js';
import type { YMap } from '../core/resource.js';
import { ClosureFinder, pathWords, touches, variableNames } from './closure.js';

const ks = (path: string, extra: YMap = {}) =>
  readKustomization({ object: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'x', namespace: 'flux-system' }, spec: { path, ...extra } }, origin: { file: 'flux/ks.yaml', line: 1 } });

const fs = new MemoryFS({
  '/r/apps/a/kustomization.yaml': 'resources:\n  - ./deploy.yaml # the app\n  - ../../shared/base\ncomponents:\n  - ../../components/volume\nconfigMapGenerator:\n  - name: cfg\n    files:\n      - config.json=files/cfg.json\n',
  '/r/apps/a/deploy.yaml': 'kind: Deployment\nimage: ${IMAGE:=x}\n',
  '/r/apps/a/unused.yaml': 'kind: Unused ${NOT_READ}\n',
  '/r/apps/a/files/cfg.json': '{"tz": "${TIMEZONE}"}',
  '/r/shared/base/kustomization.yaml': 'resources: [svc.yaml]\n',
  '/r/shared/base/svc.yaml': 'kind: Service\n',
  '/r/components/volume/kustomization.yaml': 'kind: Component\nresources:\n  - pvc.yaml\n',
  '/r/components/volume/pvc.yaml': 'size: ${VOLUME_CAPACITY}\n',
  '/r/components/other/kustomization.yaml': 'resources: []\n',
  // a path without a kustomization file: Flux generates one from the files it walks
  '/r/gen/ns.yaml': 'kind: Namespace\n',
  '/r/gen/sub/cm.yaml': 'kind: ConfigMap\n',
  '/r/gen/app/kustomization.yaml': 'resources:\n  - ../../shared/base\n',
  '/r/gen/app/other.yaml': 'not listed\n',
});

test('inputs follow kustomization files and name every file they mention; unrelated files do not count', () => {
  const c = new ClosureFinder(fs, '/r');
  const inputs = c.inputs(ks('./apps/a'));
  for (const f of ['apps/a/kustomization.yaml', 'apps/a/deploy.yaml', 'apps/a/files/cfg.json', 'shared/base/svc.yaml', 'shared/base/kustomization.yaml', 'components/volume/pvc.yaml']) {
    assert.ok(touches(inputs, [f]), f);
  }
  for (const f of ['apps/a/unused.yaml', 'components/other/kustomization.yaml', 'gen/ns.yaml']) assert.ok(!touches(inputs, [f]), f);
  // a kustomization.yml appearing next to the kustomization.yaml changes the build (kustomize refuses two)
  assert.ok(touches(inputs, ['apps/a/kustomization.yml']));
  assert.deepEqual([...c.variables(inputs)].sort(), ['IMAGE', 'TIMEZONE', 'VOLUME_CAPACITY']);
  // Flux spec.components and parent-added words count too
  assert.ok(touches(c.inputs(ks('./shared/base', { components: ['../../components/other'] })), ['components/other/kustomization.yaml']));
  assert.ok(touches(c.inputs(ks('./shared/base'), ['../../components/other']), ['components/other/kustomization.yaml']));
});

test('a generated kustomization: files of walked folders, a new sub-folder, not the files of kustomization sub-folders', () => {
  const inputs = new ClosureFinder(fs, '/r').inputs(ks('./gen'));
  assert.ok(touches(inputs, ['gen/ns.yaml']));
  assert.ok(touches(inputs, ['gen/sub/cm.yaml']));
  assert.ok(touches(inputs, ['gen/new-folder/x.yaml']), 'a folder that does not exist here');
  assert.ok(touches(inputs, ['gen/kustomization.yaml']), 'a kustomization file appearing at the path');
  assert.ok(touches(inputs, ['gen/app/kustomization.yaml']));
  assert.ok(touches(inputs, ['shared/base/svc.yaml']), 'reached through gen/app');
  assert.ok(!touches(inputs, ['gen/app/other.yaml']), 'not listed by gen/app');
  assert.ok(!touches(inputs, ['apps/a/deploy.yaml']));
});

test('words and variable names', () => {
  assert.deepEqual(pathWords('resources:\n  - ./a.yaml # c\n  - https://x/y.yaml\nfiles: [k=v.txt]\n'), ['resources', '-', './a.yaml', '-', 'files', 'v.txt']);
  assert.deepEqual([...variableNames('${A} ${B:=x} $${C} ${#D} ${e_1/x/y} $F {G}')], ['A', 'B', 'C', 'D', 'e_1']);
});
