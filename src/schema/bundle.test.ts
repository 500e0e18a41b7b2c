// The committed bundle: what the generator produces from ../shared/schemas, only shippable sources, and the kinds
// home-ops repositories use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sharedDir, skipNotice } from '../../test/support/env.js';
import { buildBundle } from './bundle-build.js';
import { BundleSource, defaultBundleDir } from './bundle.js';
import type { BundleIndex } from './bundle-format.js';
import { parseGvkKey } from './gvk.js';
import type { Gvk } from './gvk.js';
import { SchemaRegistry } from './registry.js';

const dir = defaultBundleDir();

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

test('the bundle is present and its index points at schemas that exist', () => {
  assert.ok(dir, 'schemas/ not found');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as BundleIndex;
  const bundle = new BundleSource(dir);
  for (const [key, e] of Object.entries(index.kinds)) {
    assert.ok(existsSync(join(dir, e.file)), `${key}: ${e.file}`);
    const [version, kind] = key.split('/').slice(-2) as [string, string];
    const group = key.split('/').slice(0, -2).join('/');
    assert.ok(bundle.lookup({ group, version, kind }), key);
  }
});

test('the committed bundle is exactly what scripts/build-schemas.js generates', { skip: sharedDir() ? false : skipNotice('bundle regeneration check', '../shared is absent') }, () => {
  assert.ok(dir);
  const shared = sharedDir() as string;
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as BundleIndex;
  const generated = buildBundle(join(shared, 'schemas'), { kubernetesVersion: index.kubernetesVersion });
  assert.deepEqual(files(dir), [...generated.keys()].sort(), 'run `npm run build && node scripts/build-schemas.js`');
  for (const [rel, text] of generated) assert.ok(readFileSync(join(dir, rel), 'utf8') === text, `${rel} differs from the generator output; rebuild the bundle`);
});

test('only Apache-2.0/MIT sources, gateway-api standard channel only; NOTICE names every source', () => {
  assert.ok(dir);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as BundleIndex;
  const keys = Object.keys(index.kinds);
  for (const agplGroup of ['fluxcd.controlplane.io/', 'volsync.backube/', 'tuppr.home-operations.com/', 'gateway.networking.x-k8s.io/']) {
    assert.deepEqual(keys.filter((k) => k.startsWith(agplGroup)), [], agplGroup);
  }
  const notice = readFileSync(join(dir, 'NOTICE'), 'utf8');
  assert.ok(!/AGPL/.test(notice));
  const sources = new Set(Object.values(index.kinds).map((e) => e.source?.replace(/ \(.*$/, '')).filter((s) => s !== undefined));
  for (const s of sources) {
    const repo = (s as string).split(' ')[0] as string;
    assert.ok(notice.includes(repo), `NOTICE lacks ${repo}`);
  }
  assert.match(notice, /Kubernetes v1\.35\.0/);
  assert.match(notice, /commit [0-9a-f]{40}/);
});

test('coverage: core kinds, Flux (current and removed versions), and the CRDs home-ops repos use', () => {
  assert.ok(dir);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as BundleIndex;
  for (const key of [
    'v1/ConfigMap',
    'v1/Secret',
    'apps/v1/Deployment',
    'batch/v1/CronJob',
    'networking.k8s.io/v1/Ingress',
    'helm.toolkit.fluxcd.io/v2/HelmRelease',
    'helm.toolkit.fluxcd.io/v2beta2/HelmRelease',
    'kustomize.toolkit.fluxcd.io/v1/Kustomization',
    'source.toolkit.fluxcd.io/v1/OCIRepository',
    'source.toolkit.fluxcd.io/v1beta2/OCIRepository',
    'notification.toolkit.fluxcd.io/v1beta3/Alert',
    'external-secrets.io/v1/ExternalSecret',
    'external-secrets.io/v1beta1/ExternalSecret',
    'gateway.networking.k8s.io/v1/HTTPRoute',
    'cert-manager.io/v1/Certificate',
    'monitoring.coreos.com/v1/ServiceMonitor',
    'postgresql.cnpg.io/v1/Cluster',
    'cilium.io/v2/CiliumNetworkPolicy',
    'cilium.io/v2alpha1/CiliumBGPPeeringPolicy',
    'ceph.rook.io/v1/CephCluster',
    'keda.sh/v1alpha1/ScaledObject',
  ]) {
    assert.ok(index.kinds[key], key);
  }
  assert.equal(index.kinds['helm.toolkit.fluxcd.io/v2beta2/HelmRelease']?.legacy, true);
  assert.equal(index.kinds['external-secrets.io/v1beta1/ExternalSecret']?.served, false);
  assert.ok(Object.keys(index.kinds).length > 500);
});

test('every bundled kind compiles with ajv', () => {
  const reg = new SchemaRegistry();
  const failed = (reg.bundle?.list() ?? []).map(([key]) => key).filter((key) => !reg.resolve(parseGvkKey(key) as Gvk).compiled);
  assert.deepEqual(failed, []);
});

test('the bundle stays compact (descriptions stripped, repeats shared)', () => {
  assert.ok(dir);
  const total = files(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  assert.ok(total < 2.5 * 1024 * 1024, `bundle is ${total} bytes`);
  assert.ok(!readFileSync(join(dir, 'crds', 'helm.toolkit.fluxcd.io.json'), 'utf8').includes('"description"'));
});
