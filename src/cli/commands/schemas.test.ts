import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../index.js';
import { memoryIO } from '../io.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: false
      deprecated: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              description: dropped
              properties:
                size: {type: integer}
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}
`;

function setup(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'hops-schemas-cli-'));
  mkdirSync(join(dir, 'crds'));
  writeFileSync(join(dir, 'crds', 'gadget.yaml'), CRD);
  writeFileSync(join(dir, 'crds', 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  return { dir, env: { XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir } };
}

test('hops schemas import fills the XDG cache from a folder of CRDs', async () => {
  const { dir, env } = setup();
  const io = memoryIO(dir, env);
  const code = await main(['schemas', 'import', 'crds'], io);
  assert.equal(code, 0, io.err());
  assert.equal(io.out(), 'example.com/v1alpha1/Gadget\nexample.com/v1/Gadget\n');
  assert.match(io.err(), /crds\/other\.yaml: warning no-crd: no CustomResourceDefinition/);
  assert.match(io.err(), /imported 2 schemas into .*cache\/hops\/schemas/);
  const entry = JSON.parse(readFileSync(join(dir, 'cache', 'hops', 'schemas', 'example.com', 'v1alpha1', 'Gadget.json'), 'utf8'));
  assert.equal(entry.source, 'crds/gadget.yaml');
  assert.equal(entry.deprecated, true);
  assert.equal(entry.schema.properties.spec.additionalProperties, false);
  assert.ok(!JSON.stringify(entry).includes('dropped'));
});

test('hops schemas list shows cached and bundled kinds, filtered', async () => {
  const { dir, env } = setup();
  await main(['schemas', 'import', 'crds/gadget.yaml'], memoryIO(dir, env));
  const io = memoryIO(dir, env);
  assert.equal(await main(['schemas', 'list', 'gadget'], io), 0);
  assert.equal(io.out(), 'example.com/v1/Gadget        cache: crds/gadget.yaml\nexample.com/v1alpha1/Gadget  cache: crds/gadget.yaml\n');
  const all = memoryIO(dir, env);
  await main(['schemas', 'list', '--json'], all);
  const entries = JSON.parse(all.out()) as { gvk: string; origin: string; source: string; notes: string[] }[];
  const hr = entries.find((e) => e.gvk === 'helm.toolkit.fluxcd.io/v2beta2/HelmRelease');
  assert.deepEqual(hr, { gvk: 'helm.toolkit.fluxcd.io/v2beta2/HelmRelease', origin: 'bundle', source: 'fluxcd/helm-controller v1.3.0', notes: ['deprecated', 'removed upstream'] });
  assert.ok(entries.some((e) => e.gvk === 'apps/v1/Deployment' && e.source === 'Kubernetes v1.35.0'));
});

test('hops schemas import without CRDs fails and writes nothing', async () => {
  const { dir, env } = setup();
  const io = memoryIO(dir, env);
  assert.equal(await main(['schemas', 'import', 'crds/other.yaml'], io), 1);
  assert.match(io.err(), /nothing imported/);
  assert.equal(existsSync(join(dir, 'cache')), false);
  const missing = memoryIO(dir, env);
  assert.equal(await main(['schemas', 'import', 'nope.yaml'], missing), 2);
  assert.match(missing.err(), /nope\.yaml: no such file or folder/);
});

test('a relative --cache-dir is the command folder\'s, for import and list alike', async () => {
  const { dir, env } = setup();
  const io = memoryIO(dir, env);
  assert.equal(await main(['schemas', 'import', 'crds/gadget.yaml', '--cache-dir', 'my-cache'], io), 0, io.err());
  assert.ok(existsSync(join(dir, 'my-cache', 'example.com', 'v1', 'Gadget.json')));
  const list = memoryIO(dir, env);
  await main(['schemas', 'list', 'gadget', '--cache-dir', 'my-cache'], list);
  assert.match(list.out(), /^example\.com\/v1\/Gadget +cache: crds\/gadget\.yaml$/m);
});
