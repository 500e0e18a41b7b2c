// The diff's input closure (src/diff/closure.ts) and the source ignore rules: a `.sourceignore` that may change what
// the artifact holds for a build counts as one of its inputs. Kept with the sourceignore tests; it tests closure.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import { ClosureFinder, touches } from '../diff/closure.js';
import { readKustomization } from './model.js';

const ks = (path: string) =>
  readKustomization({ object: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'x', namespace: 'flux-system' }, spec: { path } }, origin: { file: 'flux/ks.yaml', line: 1 } });

test('a .sourceignore above an input, in a kustomization folder or in a walked folder touches the build', () => {
  const fs = new MemoryFS({
    '/r/apps/a/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - ../../shared/base/svc.yaml\n',
    '/r/apps/a/deploy.yaml': 'kind: Deployment\n',
    '/r/shared/base/svc.yaml': 'kind: Service\n',
    '/r/gen/sub/cm.yaml': 'kind: ConfigMap\n',
  });
  const c = new ClosureFinder(fs, '/r');
  const app = c.inputs(ks('./apps/a'));
  for (const f of ['.sourceignore', 'apps/.sourceignore', 'apps/a/.sourceignore', 'shared/.sourceignore', 'shared/base/.sourceignore']) assert.ok(touches(app, [f]), f);
  for (const f of ['other/.sourceignore', 'apps/b/.sourceignore', 'gen/.sourceignore']) assert.ok(!touches(app, [f]), f);
  const gen = c.inputs(ks('./gen'));
  for (const f of ['.sourceignore', 'gen/.sourceignore', 'gen/sub/.sourceignore', 'gen/new/.sourceignore']) assert.ok(touches(gen, [f]), f);
  assert.ok(!touches(gen, ['apps/.sourceignore']));
});
