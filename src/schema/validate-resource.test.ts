// kubeconform -strict behaviour on the shipped bundle: unknown fields, wrong types, missing required fields,
// int-or-string, Quantity, null values, formats, --skip/--reject, the missing-schema policy, Lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../core/finding.js';
import { SchemaRegistry } from './registry.js';
import { validateResource } from './validate-resource.js';
import type { ValidateOptions } from './validate-resource.js';

const registry = new SchemaRegistry();

function deployment(spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps', ...meta },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], resources: { limits: { cpu: 1, memory: '512Mi' } } },
          ],
        },
      },
      ...spec,
    },
  };
}

function messages(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code}: ${f.message}`);
}

function check(obj: unknown, opts: Partial<ValidateOptions> = {}): string[] {
  return messages(validateResource(obj, { registry, ...opts }));
}

test('a valid Deployment has no findings', () => {
  assert.deepEqual(check(deployment()), []);
});

test('unknown fields are errors at the holding object, like kubeconform -strict', () => {
  assert.deepEqual(check(deployment({ replica: 3 })), ["error schema-invalid: at '/spec': additional properties 'replica' not allowed"]);
  assert.deepEqual(check({ ...deployment(), extra: 1, other: 2 }), ["error schema-invalid: at '': additional properties 'extra', 'other' not allowed"]);
  const f = validateResource(deployment({ replica: 3 }), { registry })[0];
  assert.deepEqual(f?.resource, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' });
  assert.match(f?.hint ?? '', /^did you mean 'replicas'\? schema: Kubernetes v1\.35\.0/);
  const two = validateResource(deployment({ replica: 3, minReadySecond: 1, zzz: 1 }), { registry })[0];
  assert.match(two?.hint ?? '', /^did you mean 'replicas' \(for 'replica'\), 'minReadySeconds' \(for 'minReadySecond'\)\? /);
});

test('wrong types name the path and the wanted types (optional fields admit null)', () => {
  assert.deepEqual(check(deployment({ replicas: '3' })), ["error schema-invalid: at '/spec/replicas': got string, want null or integer"]);
  const d = deployment() as any;
  d.spec.template.spec.containers[0].ports[0].containerPort = 'http';
  assert.deepEqual(check(d), ["error schema-invalid: at '/spec/template/spec/containers/0/ports/0/containerPort': got string, want integer"]);
});

test('missing required fields', () => {
  const d = deployment() as any;
  delete d.spec.selector;
  delete d.spec.template.spec.containers[0].name;
  assert.deepEqual(check(d), [
    "error schema-invalid: at '/spec': missing property 'selector'",
    "error schema-invalid: at '/spec/template/spec/containers/0': missing property 'name'",
  ]);
});

test('int-or-string and Quantity accept both forms and nothing else', () => {
  const svc = (targetPort: unknown) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort }] } });
  assert.deepEqual(check(svc('http')), []);
  assert.deepEqual(check(svc(8080)), []);
  assert.deepEqual(check(svc(true)), ["error schema-invalid: at '/spec/ports/0/targetPort': got boolean, want integer or string"]);
  const d = deployment() as any;
  d.spec.template.spec.containers[0].resources.limits = { cpu: 0.5, memory: '1Gi' };
  assert.deepEqual(check(d), []);
  d.spec.template.spec.containers[0].resources.limits.cpu = [1];
  assert.deepEqual(check(d), ["error schema-invalid: at '/spec/template/spec/containers/0/resources/limits/cpu': got array, want number or string"]);
});

test('null: optional fields accept it, required fields do not (core kinds and CRDs alike)', () => {
  assert.deepEqual(check(deployment({ replicas: null, strategy: null }, { annotations: null })), []);
  const d = deployment() as any;
  d.spec.template.spec.containers[0].name = null;
  assert.deepEqual(check(d), ["error schema-invalid: at '/spec/template/spec/containers/0/name': got null, want string"]);
  const ks = (spec: Record<string, unknown>) => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system' },
    spec: { interval: '1h', path: './apps', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' }, ...spec },
  });
  assert.deepEqual(check(ks({ postBuild: null })), []);
  assert.deepEqual(check(ks({ interval: null })), ["error schema-invalid: at '/spec/interval': got null, want string"]);
});

test('patterns, enums and formats', () => {
  const ks = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', creationTimestamp: 'yesterday' },
    spec: { interval: '1d', prune: true, sourceRef: { kind: 'Git', name: 'flux-system' } },
  };
  assert.deepEqual(check(ks), [
    "error schema-invalid: at '/metadata/creationTimestamp': 'yesterday' is not valid date-time",
    // quoted as Go's %q does (kubeconform's message): the backslash is doubled
    "error schema-invalid: at '/spec/interval': '1d' does not match pattern '^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$'",
    "error schema-invalid: at '/spec/sourceRef/kind': value must be one of 'OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact'",
  ]);
  assert.deepEqual(check(deployment({}, { creationTimestamp: 'yesterday' })), ["error schema-invalid: at '/metadata/creationTimestamp': 'yesterday' is not valid date-time"]);
});

test('custom resources get their metadata checked as ObjectMeta, as the API server does', () => {
  const hr = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'x', lables: { a: 'b' }, annotations: { n: 1 } }, spec: { interval: '1h', chartRef: { kind: 'OCIRepository', name: 'x' } } };
  const findings = validateResource(hr, { registry });
  assert.deepEqual(messages(findings), [
    "error schema-invalid: at '/metadata': additional properties 'lables' not allowed",
    "error schema-invalid: at '/metadata/annotations/n': got number, want null or string",
  ]);
  assert.match(findings[0]?.hint ?? '', /^did you mean 'labels'\?/);
});

test('--skip and --reject take kinds or apiVersion/Kind, as kubeconform', () => {
  const bad = deployment({ replica: 1 });
  assert.deepEqual(check(bad, { skip: ['Deployment'] }), []);
  assert.deepEqual(check(bad, { skip: ['ConfigMap,apps/v1/Deployment'] }), []);
  assert.equal(check(bad, { skip: ['v1/Deployment'] }).length, 1);
  assert.deepEqual(check(deployment(), { reject: ['apps/v1/Deployment'] }), ['error kind-rejected: prohibited resource kind Deployment']);
});

test('missing schema policy: warn (default), error, ignore', () => {
  const obj = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } };
  assert.deepEqual(check(obj), ['warning schema-missing: could not find schema for Gadget (example.com/v1)']);
  assert.deepEqual(check(obj, { missingSchema: 'error' }), ['error schema-missing: could not find schema for Gadget (example.com/v1)']);
  assert.deepEqual(check(obj, { missingSchema: 'ignore' }), []);
});

test('malformed documents and Lists', () => {
  assert.deepEqual(check({ apiVersion: 'v1', metadata: {} }), ["error resource-invalid: missing 'kind' key"]);
  assert.deepEqual(check({ kind: 'ConfigMap' }), ["error resource-invalid: missing 'apiVersion' key"]);
  assert.deepEqual(check(['a']), ['error resource-invalid: document is not a mapping']);
  const list = { apiVersion: 'v1', kind: 'List', items: [deployment(), deployment({ replicas: 'x' })] };
  assert.deepEqual(check(list), ["error schema-invalid: at '/spec/replicas': got string, want null or integer"]);
});

test('placeholders left for Flux substitution can be tolerated', () => {
  const d = deployment({ replicas: '${REPLICAS}' });
  assert.equal(check(d).length, 1);
  assert.deepEqual(check(d, { allowPlaceholders: true }), []);
  const gw = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'external' },
    spec: { gatewayClassName: 'envoy', addresses: [{ type: 'IPAddress', value: '${LB_IP}' }], listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  };
  assert.deepEqual(check(gw, { allowPlaceholders: true }), []);
  assert.equal(check(gw).length, 1);
});

test('large integers read as bigint validate as integers', () => {
  assert.deepEqual(check(deployment({ revisionHistoryLimit: 10n })), []);
});

test('API versions that are not served or were removed upstream are flagged', () => {
  const es = {
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name: 'x' },
    spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'onepassword' }, target: { name: 'x' }, dataFrom: [{ extract: { key: 'x' } }] },
  };
  assert.deepEqual(check(es).map((m) => m.split(' (')[0]), ['warning api-not-served: external-secrets.io/v1beta1 ExternalSecret is not served']);
  const hr = { apiVersion: 'helm.toolkit.fluxcd.io/v2beta2', kind: 'HelmRelease', metadata: { name: 'x' }, spec: { interval: '1h', chart: { spec: { chart: 'x', sourceRef: { kind: 'HelmRepository', name: 'x' } } } } };
  assert.deepEqual(check(hr).map((m) => m.split(' (')[0]), ['warning api-deprecated: helm.toolkit.fluxcd.io/v2beta2 HelmRelease is removed from current releases']);
});

test('the sops block of an encrypted file can be let be', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'ENC[AES256_GCM,data:x,type:str]' }, sops: { mac: 'ENC[...]', lastmodified: '2024-01-01T00:00:00Z', version: '3.9.0' } };
  assert.deepEqual(check(secret), ["error schema-invalid: at '': additional properties 'sops' not allowed"]);
  assert.deepEqual(check(secret, { ignoreSopsMetadata: true }), []);
});
