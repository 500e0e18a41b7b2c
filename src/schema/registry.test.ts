// Schema sources in order (repo CRDs, --schema-location, cache, bundle), kubeconform's template variables, local and
// http(s) locations, and lazy compilation with a cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { importCrds } from './cache.js';
import { checkTemplate, renderTemplate, templateVariables } from './location.js';
import { SchemaRegistry } from './registry.js';
import { validateResource } from './validate-resource.js';
import { validateResources } from './validate-manifests.js';

const widgetCrd = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1 }, ...extra } } },
          },
        },
      },
    ],
  },
});

const widget = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'hops-schema-test-'));
}

function errors(reg: SchemaRegistry, obj: unknown): string[] {
  return validateResource(obj, { registry: reg, missingSchema: 'error' }).map((f) => f.message);
}

test('template variables as kubeconform computes them', () => {
  assert.deepEqual(templateVariables({ group: 'apps', version: 'v1', kind: 'Deployment' }, '1.20.0'), {
    Group: 'apps',
    ResourceKind: 'deployment',
    ResourceAPIVersion: 'v1',
    NormalizedKubernetesVersion: 'v1.20.0',
    StrictSuffix: '-strict',
    KindSuffix: '-apps-v1',
  });
  const core = templateVariables({ group: '', version: 'v1', kind: 'Service' }, 'master');
  assert.deepEqual([core.Group, core.ResourceAPIVersion, core.KindSuffix, core.NormalizedKubernetesVersion], ['v1', 'v1', '-v1', 'master']);
  assert.equal(templateVariables({ group: 'helm.toolkit.fluxcd.io', version: 'v2', kind: 'HelmRelease' }, 'v1.35.0').KindSuffix, '-helm-v2');
  assert.equal(
    renderTemplate('x/{{ .Group }}/{{.ResourceKind}}_{{  .ResourceAPIVersion }}.json', { group: 'cert-manager.io', version: 'v1', kind: 'ClusterIssuer' }, '1.35.0'),
    'x/cert-manager.io/clusterissuer_v1.json',
  );
  assert.throws(() => checkTemplate('x/{{ .Kind }}.json'), UsageError);
  assert.throws(() => checkTemplate('x/{{ .Group | lower }}.json'), UsageError);
});

test('repo CRDs come first and are converted with the strict rules', () => {
  const reg = new SchemaRegistry({ crds: [{ object: widgetCrd(), origin: 'crds/widget.yaml' }] });
  assert.deepEqual(errors(reg, widget({ size: 2 })), []);
  assert.deepEqual(errors(reg, widget({ size: 0, colour: 'red' })), ["at '/spec': additional properties 'colour' not allowed", "at '/spec/size': minimum: got 0, want 1"]);
  assert.equal(reg.resolve({ group: 'example.com', version: 'v1', kind: 'Widget' }).compiled?.found.origin, 'CustomResourceDefinition widgets.example.com (crds/widget.yaml)');
  // a repo CRD replaces the bundled schema of the same GVK
  const hr = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'x' }, spec: { anything: 1 } };
  const own = { ...widgetCrd(), spec: { ...widgetCrd().spec, group: 'helm.toolkit.fluxcd.io', names: { kind: 'HelmRelease' } } };
  own.spec.versions[0]!.name = 'v2';
  const withOwn = new SchemaRegistry({ crds: [own] });
  assert.deepEqual(errors(withOwn, hr), ["at '/spec': additional properties 'anything' not allowed", "at '/spec': missing property 'size'"]);
});

test('compiled validators are cached per GVK', () => {
  const reg = new SchemaRegistry();
  const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
  assert.equal(reg.resolve(gvk), reg.resolve(gvk));
  assert.ok(reg.resolve(gvk).compiled);
  assert.equal(reg.resolve({ group: 'nope.io', version: 'v1', kind: 'Nope' }).compiled, null);
});

test('a local --schema-location (datree layout, draft-4 schemas) is used before the bundle; missing files fall through', () => {
  const dir = tmp();
  mkdirSync(join(dir, 'example.com'));
  writeFileSync(
    join(dir, 'example.com', 'widget_v1.json'),
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 0, exclusiveMinimum: true } }, additionalProperties: false } },
    }),
  );
  const reg = new SchemaRegistry({ schemaLocations: [join(dir, '{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json')] });
  assert.deepEqual(errors(reg, widget({ size: 1 })), []);
  assert.deepEqual(errors(reg, widget({ size: 0 })), ["at '/spec/size': exclusiveMinimum: got 0, want 0"]);
  assert.match(reg.resolve({ group: 'apps', version: 'v1', kind: 'Deployment' }).compiled?.found.origin ?? '', /bundled/);
});

test('a location not ending in json gets kubeconform’s layout; relative $refs to _definitions.json resolve locally', () => {
  const dir = tmp();
  const sub = join(dir, 'v1.35.0-standalone-strict');
  mkdirSync(sub);
  writeFileSync(join(sub, '_definitions.json'), JSON.stringify({ definitions: { Data: { type: 'object', additionalProperties: { type: 'string' } } } }));
  writeFileSync(
    join(sub, 'configmap-v1.json'),
    JSON.stringify({ type: 'object', properties: { data: { $ref: '_definitions.json#/definitions/Data' }, metadata: { type: 'object' }, apiVersion: {}, kind: {} }, additionalProperties: false }),
  );
  const reg = new SchemaRegistry({ schemaLocations: [dir + '/'], kubernetesVersion: '1.35.0' });
  const cm = (data: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
  assert.deepEqual(errors(reg, cm({ a: 'b' })), []);
  assert.deepEqual(errors(reg, cm({ a: 1 })), ["at '/data/a': got number, want string"]);
  assert.match(reg.resolve({ group: '', version: 'v1', kind: 'ConfigMap' }).compiled?.found.origin ?? '', /configmap-v1\.json$/);
});

test('a schema location that is not JSON is reported once and the next source is used', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'deployment.json'), '{ not json');
  const reg = new SchemaRegistry({ schemaLocations: [join(dir, '{{.ResourceKind}}.json')] });
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: {} } };
  const first = validateResource(d, { registry: reg });
  assert.deepEqual(first.map((f) => f.code), ['schema-unusable']);
  assert.match(first[0]?.message ?? '', /not a JSON schema/);
  assert.deepEqual(validateResource(d, { registry: reg }), []);
});

test('http(s) locations are fetched only when the location says so, before validation', async () => {
  const asked: string[] = [];
  const fakeFetch = (async (url: string | URL) => {
    asked.push(String(url));
    if (String(url).endsWith('/example.com/widget_v1.json')) {
      return new Response(JSON.stringify({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } } }), { status: 200 });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  const reg = new SchemaRegistry({ schemaLocations: ['https://schemas.example/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'], fetch: fakeFetch });
  assert.equal(reg.needsNetwork, true);
  const findings = await validateResources(
    [{ object: widget({ size: 3 }) }, { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } } }],
    { registry: reg },
  );
  assert.deepEqual(findings.map((f) => f.message), ["at '/spec/size': got number, want string"]);
  assert.deepEqual(asked.sort(), ['https://schemas.example/example.com/widget_v1.json', 'https://schemas.example/v1/configmap_v1.json']);
  assert.equal(new SchemaRegistry({ schemaLocations: ['/some/path/{{.ResourceKind}}.json'] }).needsNetwork, false);
});

test('the local cache comes after locations and before the bundle; `default` places the bundle', () => {
  const cache = tmp();
  const loose = { ...widgetCrd(), spec: { ...widgetCrd().spec, group: 'apps', names: { kind: 'Deployment' } } };
  const text = JSON.stringify(loose);
  const r = importCrds(cache, [{ file: 'deploy-crd.json', text }]);
  assert.deepEqual(r.imported.map((i) => i.key), ['apps/v1/Deployment']);
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { size: 1 } };
  assert.deepEqual(errors(new SchemaRegistry({ cacheDir: cache }), d), []);
  assert.deepEqual(errors(new SchemaRegistry({ cacheDir: cache, schemaLocations: ['default'] }), d), [
    "at '/spec': additional properties 'size' not allowed",
    "at '/spec': missing properties 'selector', 'template'",
  ]);
  assert.equal(new SchemaRegistry({ cacheDir: cache }).resolve({ group: 'apps', version: 'v1', kind: 'Deployment' }).compiled?.found.origin, 'deploy-crd.json (cache)');
});

test('without a bundle, repo CRDs still compile (metadata is then any object)', () => {
  const reg = new SchemaRegistry({ bundleDir: null, crds: [widgetCrd()] });
  const w = { ...widget({ size: 'x' }), metadata: { name: 'w', lables: {} } };
  assert.deepEqual(errors(reg, w), ["at '/spec/size': got string, want integer"]);
  assert.deepEqual(errors(reg, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), ['could not find schema for ConfigMap (v1)']);
});
