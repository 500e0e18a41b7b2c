// Which kinds the validate model takes as cluster-scoped: the repository's CRDs, then the bundle, then the few kinds
// the bundle cannot carry, then the Cluster<Name> convention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scopes } from './scope.js';

test('validate scopes: repo CRDs, then the bundle, then kinds the bundle cannot carry, then Cluster<Name>', () => {
  const scopes = new Scopes();
  assert.equal(scopes.isClusterScoped('ClusterRole'), true);
  assert.equal(scopes.isClusterScoped('Deployment'), false);
  assert.equal(scopes.isClusterScoped('CiliumClusterwideNetworkPolicy'), true);
  assert.equal(scopes.isClusterScoped('CiliumNetworkPolicy'), false);
  assert.equal(scopes.isClusterScoped('TalosUpgrade'), true, 'tuppr: AGPL, not bundled');
  assert.equal(scopes.isClusterScoped('ClusterPolicy'), true, 'kyverno: not bundled, named Cluster*');
  assert.equal(scopes.isClusterScoped('Policy'), false);
  assert.equal(scopes.isClusterScoped('Silence'), true);
  assert.equal(scopes.isClusterScoped('Silence', 'observability.giantswarm.io/v1alpha2'), false);
  scopes.addCrd({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { scope: 'Namespaced', names: { kind: 'ClusterPolicy' } } });
  assert.equal(scopes.isClusterScoped('ClusterPolicy'), false);
  assert.equal(scopes.isNamespaced('Deployment'), true);
  assert.equal(scopes.isNamespaced('Silence', 'observability.giantswarm.io/v1alpha2'), true);
  assert.equal(scopes.isNamespaced('ClusterRole'), false);
  assert.equal(scopes.isNamespaced('Widget'), false, 'an unknown kind is not known to be namespaced');
  const bare = new Scopes(null);
  assert.equal(bare.isClusterScoped('ClusterRole'), true, 'by name without a bundle');
  assert.equal(bare.isClusterScoped('Namespace'), false);
});
