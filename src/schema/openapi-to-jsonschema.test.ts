import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubernetesSchemas } from './openapi-to-jsonschema.js';

const swagger = {
  definitions: {
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string', description: 'x' },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string', description: 'q' },
    'io.k8s.api.demo.v1.Meta': { type: 'object', properties: { name: { type: 'string' } } },
    'io.k8s.api.demo.v1.Widget': {
      type: 'object',
      description: 'a widget',
      required: ['meta', 'size'],
      properties: {
        apiVersion: { type: 'string' },
        meta: { $ref: '#/definitions/io.k8s.api.demo.v1.Meta' },
        other: { $ref: '#/definitions/io.k8s.api.demo.v1.Meta' },
        size: { type: 'integer', format: 'int32' },
        port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        created: { type: 'string', format: 'date-time' },
      },
      'x-kubernetes-group-version-kind': [
        { group: 'demo.k8s.io', version: 'v1', kind: 'Widget' },
        { group: '', version: 'v1', kind: 'Widget' },
      ],
    },
  },
};

test('kinds are indexed by apiVersion/kind from x-kubernetes-group-version-kind', () => {
  const { kinds } = kubernetesSchemas(swagger);
  assert.deepEqual(kinds, { 'demo.k8s.io/v1/Widget': 'io.k8s.api.demo.v1.Widget', 'v1/Widget': 'io.k8s.api.demo.v1.Widget' });
});

test('IntOrString and Quantity get kubeconform’s oneOf forms', () => {
  const { definitions } = kubernetesSchemas(swagger);
  assert.deepEqual(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], { oneOf: [{ type: 'string' }, { type: 'integer' }] });
  assert.deepEqual(definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'], { oneOf: [{ type: 'string' }, { type: 'number' }] });
});

test('strict objects, nullable optional fields, non-null required ones (a required $ref gets a type beside it)', () => {
  const w = kubernetesSchemas(swagger).definitions['io.k8s.api.demo.v1.Widget'] as any;
  assert.equal(w.additionalProperties, false);
  assert.deepEqual(w.type, ['object', 'null']);
  assert.equal(w.properties.size.type, 'integer');
  assert.deepEqual(w.properties.apiVersion.type, ['string', 'null']);
  assert.deepEqual(w.properties.meta, { $ref: '#/definitions/io.k8s.api.demo.v1.Meta', type: 'object' });
  assert.deepEqual(w.properties.other, { $ref: '#/definitions/io.k8s.api.demo.v1.Meta' });
  assert.deepEqual(w.properties.port, { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' });
  assert.deepEqual(w.properties.tags.items.type, ['string', 'null']);
  assert.deepEqual(w.properties.labels.additionalProperties, { type: ['string', 'null'] });
  assert.equal(w.properties.created.format, 'date-time');
  assert.equal(w.description, undefined);
  assert.equal(w.properties.size.format, undefined);
});
