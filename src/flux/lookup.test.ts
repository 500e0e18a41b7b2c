// substituteFrom lookups (FluxRepo.find): a ConfigMap is looked up in the builds Flux applies, each built as its
// parent emits it (the parent's patches applied), with the real kustomize engine (patches are kustomize's job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import { fluxKs as ks } from '../../test/support/flux.js';
import { isMap } from '../core/resource.js';
import { build } from './build.js';
import { nativeEngine } from './engine.js';

const cm = (name: string, data: string, ns = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n${data}`;

/**
 * gavinmcfall's shape: the root `cluster` (path kubernetes/flux, no kustomization.yaml) applies cluster-settings and
 * cluster-apps, and reads cluster-settings itself; cluster-apps patches every child to read cluster-settings too.
 * The child `kait` mentions the name cluster-settings in a file, so it is a lookup candidate while `cluster` builds.
 */
function files(): MemoryFS {
  return new MemoryFS({
    '/repo/kubernetes/flux/config/cluster.yaml': ks('cluster', './kubernetes/flux', '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n'),
    '/repo/kubernetes/flux/vars/cluster-settings.yaml': cm('cluster-settings', '  TIMEZONE: Europe/Paris\n', 'flux-system'),
    '/repo/kubernetes/flux/cluster/ks.yaml': ks(
      'cluster-apps',
      './kubernetes/apps',
      `  postBuild:
    substituteFrom:
      - kind: ConfigMap
        name: cluster-settings
  patches:
    - patch: |-
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: _
        spec:
          postBuild:
            substituteFrom:
              - kind: ConfigMap
                name: cluster-settings
      target:
        group: kustomize.toolkit.fluxcd.io
        kind: Kustomization
`,
    ),
    '/repo/kubernetes/apps/kustomization.yaml': 'resources:\n  - ./obs/ks.yaml\n',
    '/repo/kubernetes/apps/obs/ks.yaml': ks('kait', './kubernetes/apps/obs/app', '  targetNamespace: obs\n  postBuild:\n    substitute:\n      APP: kait\n'),
    '/repo/kubernetes/apps/obs/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/kubernetes/apps/obs/app/cm.yaml': cm('kait', '  tz: ${TIMEZONE}\n  app: ${APP}\n  patches: cluster-settings\n'),
  });
}

test('a lookup candidate is built as its parent applies it, never as written while the parent is still building', async () => {
  const r = await build({ mode: 'all' }, { root: '/repo', fs: files(), engine: nativeEngine(), env: { HOME: '/nonexistent' } });
  const kait = r.units.find((u) => u.id === 'flux-system/kait')!;
  assert.deepEqual(kait.findings, []);
  const obj = kait.resources.find((x) => x.object['kind'] === 'ConfigMap')!.object;
  assert.deepEqual(obj['data'], { tz: 'Europe/Paris', app: 'kait', patches: 'cluster-settings' });
  // the patch reached it: built with substituteFrom
  const spec = kait.kustomization!.object['spec'];
  assert.ok(isMap(spec) && isMap(spec['postBuild']) && Array.isArray(spec['postBuild']['substituteFrom']));
  // cluster-apps too is built as `cluster` emits it, after `cluster` is built: cluster-settings is found
  const apps = r.units.find((u) => u.id === 'flux-system/cluster-apps')!;
  assert.ok(!apps.findings.some((f) => f.code === 'substitute-from-not-found'), JSON.stringify(apps.findings));
  assert.equal(apps.kustomization!.origin.file, 'kubernetes/flux/cluster/ks.yaml');
});

test('a ConfigMap only a Kustomization Flux does not apply would create is not a substituteFrom source', async () => {
  const fs = files();
  fs.write('/repo/kubernetes/flux/cluster/ks.yaml', ks('cluster-apps', './kubernetes/apps'));
  // `retired` is written inside kubernetes/apps but not listed: Flux never applies its ConfigMap
  fs.write('/repo/kubernetes/apps/retired/ks.yaml', ks('retired', './kubernetes/apps/retired/app'));
  fs.write('/repo/kubernetes/apps/retired/app/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
  fs.write('/repo/kubernetes/apps/retired/app/cm.yaml', cm('old-settings', '  LEGACY: yes-please\n', 'flux-system'));
  fs.write('/repo/kubernetes/apps/obs/ks.yaml', ks('kait', './kubernetes/apps/obs/app', '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: old-settings\n'));
  fs.write('/repo/kubernetes/apps/obs/app/cm.yaml', cm('kait', '  legacy: ${LEGACY:=unset}\n'));
  for (const unapplied of [undefined, 'build'] as const) {
    const r = await build({ mode: 'all', ...(unapplied ? { unapplied } : {}) }, { root: '/repo', fs, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
    const kait = r.units.find((u) => u.id === 'flux-system/kait')!;
    // not found: the variable is kept as written (the cluster might hold the object), and that is said
    assert.deepEqual(kait.resources.find((x) => x.object['kind'] === 'ConfigMap')!.object['data'], { legacy: '${LEGACY:=unset}' });
    assert.ok(kait.findings.some((f) => f.code === 'substitute-from-not-found'), JSON.stringify(kait.findings));
  }
});
