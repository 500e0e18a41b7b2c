import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from './compare.js';
import { postRenderFindings } from './hr-findings.js';
import type { PostRenderFailure } from './hr-findings.js';

const hr: Item = { object: { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'web', namespace: 'apps' } }, owner: 'ks', origin: { file: 'apps/web/hr.yaml', line: 1 } };
const fail = (which: PostRenderFailure['which'], message: string): PostRenderFailure => ({ which, id: 'apps/web', label: which === 'after' ? 'working tree' : 'HEAD', message, hr });

test('post-render failures: an error on the new side, a warning when already broken the same way or only old', () => {
  const [newOnly] = postRenderFindings([fail('after', 'postRenderers[0]: kustomize: x')]);
  assert.equal(newOnly!.severity, 'error');
  assert.equal(newOnly!.code, 'post-render-failed');
  assert.equal(newOnly!.message, 'HelmRelease apps/web (working tree): post-rendering failed: postRenderers[0]: kustomize: x; its rendered manifests are not compared (helm-controller does not upgrade a release whose post-rendering fails: the cluster keeps the last release)');
  assert.deepEqual([newOnly!.file, newOnly!.line, newOnly!.resource?.name], ['apps/web/hr.yaml', 1, 'web']);
  const both = postRenderFindings([fail('before', 'm'), fail('after', 'm')]);
  assert.deepEqual(both.map((f) => [f.severity, f.message.includes('(as on the old side)'), f.message.includes('not compared')]), [['warning', true, true]]);
  const differently = postRenderFindings([fail('before', 'a'), fail('after', 'b')]);
  assert.deepEqual(differently.map((f) => f.severity), ['warning', 'error']);
  assert.deepEqual(postRenderFindings([fail('before', 'a')]).map((f) => f.severity), ['warning']);
});
