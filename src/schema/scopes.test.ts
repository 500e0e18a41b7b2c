// Namespaced or cluster-scoped per kind: from the Kubernetes API paths and CRDs' spec.scope into the bundle index, and
// the registry's answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBundleDir } from './bundle.js';
import type { BundleIndex } from './bundle-format.js';
import { crdVersions } from './crd-to-jsonschema.js';
import { kubernetesScopes } from './openapi-to-jsonschema.js';
import { SchemaRegistry } from './registry.js';
import { bundledScopes, KindScopes } from './scopes.js';

test('Kubernetes scopes come from the paths: Namespaced when served under /namespaces/{namespace}/', () => {
  const gvk = (group: string, version: string, kind: string) => ({ 'x-kubernetes-group-version-kind': { group, version, kind } });
  const swagger = {
    paths: {
      '/api/v1/pods': { get: gvk('', 'v1', 'Pod') },
      '/api/v1/namespaces/{namespace}/pods/{name}': { get: gvk('', 'v1', 'Pod'), parameters: [] },
      '/api/v1/namespaces/{name}': { get: gvk('', 'v1', 'Namespace') },
      '/apis/rbac.authorization.k8s.io/v1/clusterroles': { post: gvk('rbac.authorization.k8s.io', 'v1', 'ClusterRole') },
      '/api/v1/watch/namespaces/{namespace}/configmaps': { get: gvk('', 'v1', 'ConfigMap') },
    },
  };
  assert.deepEqual(kubernetesScopes(swagger), {
    'v1/Pod': 'Namespaced',
    'v1/Namespace': 'Cluster',
    'rbac.authorization.k8s.io/v1/ClusterRole': 'Cluster',
    'v1/ConfigMap': 'Namespaced',
  });
});

test("a CRD's spec.scope is carried by each of its versions", () => {
  const crd = (scope?: string) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: { group: 'x.io', scope, names: { kind: 'W' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object' } } }, { name: 'v2', schema: { openAPIV3Schema: { type: 'object' } } }] },
  });
  assert.deepEqual(crdVersions(crd('Cluster')).map((v) => v.scope), ['Cluster', 'Cluster']);
  assert.deepEqual(crdVersions(crd()).map((v) => v.scope), [undefined, undefined]);
});

test('the bundle index has the scope of every served kind', () => {
  const dir = defaultBundleDir();
  assert.ok(dir);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as BundleIndex;
  const expected: Record<string, string> = {
    'v1/ConfigMap': 'Namespaced',
    'v1/Namespace': 'Cluster',
    'v1/PersistentVolume': 'Cluster',
    'apps/v1/Deployment': 'Namespaced',
    'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'Cluster',
    'storage.k8s.io/v1/StorageClass': 'Cluster',
    'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': 'Cluster',
    'helm.toolkit.fluxcd.io/v2/HelmRelease': 'Namespaced',
    'helm.toolkit.fluxcd.io/v2beta2/HelmRelease': 'Namespaced',
    'cert-manager.io/v1/ClusterIssuer': 'Cluster',
    'cert-manager.io/v1/Certificate': 'Namespaced',
    'cilium.io/v2/CiliumClusterwideNetworkPolicy': 'Cluster',
    'cilium.io/v2/CiliumNetworkPolicy': 'Namespaced',
    'gateway.networking.k8s.io/v1/GatewayClass': 'Cluster',
    'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': 'Cluster',
    'observability.giantswarm.io/v1alpha2/Silence': 'Namespaced',
    'monitoring.giantswarm.io/v1alpha1/Silence': 'Cluster',
  };
  for (const [key, scope] of Object.entries(expected)) assert.equal(index.kinds[key]?.scope, scope, key);
  // every kind that has objects has a scope (only list/option/event types and the two datree JSON schemas have none)
  const without = Object.entries(index.kinds).filter(([k, e]) => !e.scope && !/(List|Options|WatchEvent|Status|APIGroup|APIVersions|APIResourceList)$/.test(k)).map(([k]) => k);
  assert.deepEqual(without, ['cilium.io/v2/CiliumExternalWorkload', 'cilium.io/v2alpha1/CiliumBGPPeeringPolicy']);
});

test('registry.scopeOf: the repository CRD first, then the bundle', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'certificates.cert-manager.io' },
    spec: { group: 'cert-manager.io', scope: 'Cluster', names: { kind: 'Certificate' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object' } } }] },
  };
  const plain = new SchemaRegistry();
  assert.equal(plain.scopeOf({ group: 'cert-manager.io', version: 'v1', kind: 'Certificate' }), 'Namespaced');
  assert.equal(plain.scopeOf({ group: '', version: 'v1', kind: 'Node' }), 'Cluster');
  assert.equal(plain.scopeOf({ group: 'example.com', version: 'v1', kind: 'Widget' }), undefined);
  assert.equal(new SchemaRegistry({ crds: [crd] }).scopeOf({ group: 'cert-manager.io', version: 'v1', kind: 'Certificate' }), 'Cluster');
});

test('by kind name: exact with an apiVersion; a name with two scopes counts as cluster-scoped', () => {
  const s = new KindScopes([
    ['a.io/v1/Silence', 'Namespaced'],
    ['b.io/v1/Silence', 'Cluster'],
    ['v1/ConfigMap', 'Namespaced'],
    ['v1/Event', undefined],
  ]);
  assert.equal(s.scopeOf('Silence'), 'Cluster');
  assert.equal(s.scopeOf('Silence', 'a.io/v1'), 'Namespaced');
  assert.equal(s.scopeOf('Silence', 'c.io/v1'), 'Cluster');
  assert.equal(s.scopeOf('ConfigMap'), 'Namespaced');
  assert.equal(s.scopeOf('Event'), undefined);
  assert.ok(bundledScopes()?.scopeOf('CiliumClusterwideNetworkPolicy') === 'Cluster');
});
