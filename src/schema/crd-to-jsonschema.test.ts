import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crdSchemaToJsonSchema, crdVersions } from './crd-to-jsonschema.js';
import { OBJECT_META_ID } from './keywords.js';

const spec = {
  type: 'object',
  description: 'root',
  properties: {
    apiVersion: { type: 'string', description: 'x' },
    spec: {
      type: 'object',
      description: 'the spec',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, default: 'a', 'x-kubernetes-validations': [{ rule: 'self != ""' }] },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^[0-9]+%?$' },
        legacyPort: { type: 'string', format: 'int-or-string', description: 'kubeconform replaces the whole node' },
        bare: { 'x-kubernetes-int-or-string': true },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: false },
        mode: { type: 'string', enum: ['a', 'b'], nullable: true },
        size: { type: 'integer', format: 'int32' },
        when: { type: 'string', format: 'date-time' },
        choice: {
          type: 'object',
          properties: { a: { type: 'string' }, b: { type: 'string' } },
          oneOf: [{ required: ['a'], properties: { a: { type: 'string' } } }, { required: ['b'] }],
        },
        items: { type: 'array', items: { type: 'object', properties: { x: { type: 'integer' } } } },
        embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
      },
    },
  },
};

test('objects with properties become strict, except under preserve-unknown-fields and inside combinator branches', () => {
  const s = crdSchemaToJsonSchema(spec) as any;
  assert.equal(s.additionalProperties, false);
  assert.equal(s.properties.spec.additionalProperties, false);
  assert.equal(s.properties.spec.properties.values.additionalProperties, undefined);
  assert.equal(s.properties.spec.properties.choice.additionalProperties, false);
  assert.equal(s.properties.spec.properties.choice.oneOf[0].additionalProperties, undefined);
  assert.equal(s.properties.spec.properties.items.items.additionalProperties, false);
  assert.deepEqual(s.properties.spec.properties.labels.additionalProperties, { type: 'string' });
});

test('the root and embedded resources always allow apiVersion, kind and metadata', () => {
  const s = crdSchemaToJsonSchema(spec) as any;
  assert.deepEqual(s.properties.kind, { type: 'string' });
  assert.deepEqual(s.properties.metadata, { $ref: OBJECT_META_ID });
  const e = s.properties.spec.properties.embedded;
  assert.equal(e.additionalProperties, false);
  assert.ok(e.properties.apiVersion && e.properties.kind && e.properties.metadata);
  // a CRD's own metadata constraints stay, without making ObjectMeta's other fields unknown
  const own = crdSchemaToJsonSchema({ type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } } } }) as any;
  assert.deepEqual(own.properties.metadata, { $ref: OBJECT_META_ID, properties: { name: { type: 'string', maxLength: 63 } } });
  assert.deepEqual((crdSchemaToJsonSchema(spec, { objectMeta: false }) as any).properties.metadata, { type: 'object' });
  const loose = crdSchemaToJsonSchema(spec, { denyRootAdditionalProperties: false, objectMeta: false }) as any;
  assert.equal(loose.additionalProperties, undefined);
  assert.equal(loose.properties.kind, undefined);
  assert.equal(loose.properties.spec.additionalProperties, false);
});

test('int-or-string: the OpenAPI format becomes oneOf (kubeconform), the extension keeps or gains its anyOf', () => {
  const p = (crdSchemaToJsonSchema(spec) as any).properties.spec.properties;
  assert.deepEqual(p.legacyPort, { oneOf: [{ type: 'string' }, { type: 'integer' }] });
  assert.deepEqual(p.port.anyOf, [{ type: 'integer' }, { type: 'string' }, { type: 'null' }]);
  assert.equal(p.port.pattern, '^[0-9]+%?$');
  assert.equal(p.port.type, undefined);
  assert.deepEqual(p.bare.anyOf, [{ type: 'integer' }, { type: 'string' }, { type: 'null' }]);
});

test('boolean exclusive bounds become draft-7 numbers', () => {
  const p = (crdSchemaToJsonSchema(spec) as any).properties.spec.properties;
  assert.equal(p.ratio.exclusiveMinimum, 0);
  assert.equal(p.ratio.minimum, undefined);
  assert.equal(p.ratio.maximum, 1);
  assert.equal(p.ratio.exclusiveMaximum, undefined);
});

test('optional fields admit null (pruned by the API server); required ones and array items do not', () => {
  const p = (crdSchemaToJsonSchema(spec) as any).properties.spec.properties;
  assert.equal(p.name.type, 'string');
  assert.deepEqual(p.size.type, ['integer', 'null']);
  assert.deepEqual(p.mode.enum, ['a', 'b', null]);
  assert.equal(p.items.items.type, 'object');
  assert.deepEqual(p.items.items.properties.x.type, ['integer', 'null']);
  assert.deepEqual((crdSchemaToJsonSchema(spec) as any).properties.spec.type, ['object', 'null']);
  assert.equal((crdSchemaToJsonSchema(spec) as any).type, 'object');
});

test('descriptions, defaults, CEL rules and unchecked formats are dropped; checked formats stay', () => {
  const s = crdSchemaToJsonSchema(spec) as any;
  const text = JSON.stringify(s);
  for (const gone of ['description', 'default', 'x-kubernetes-validations', 'int32', 'x-kubernetes-preserve-unknown-fields']) {
    assert.ok(!text.includes(gone), gone);
  }
  assert.equal(s.properties.spec.properties.when.format, 'date-time');
  assert.equal(s.properties.spec.properties.name.minLength, 1);
});

test('crdVersions reads every version with its flags, and v1beta1-style top-level validation', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget' },
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: spec } },
        { name: 'v1beta1', served: false, deprecated: true, schema: { openAPIV3Schema: { type: 'object' } } },
        { name: 'v0', served: true },
      ],
    },
  };
  const vs = crdVersions(crd);
  assert.deepEqual(
    vs.map((v) => [v.group, v.version, v.kind, v.served, v.deprecated, v.storage]),
    [
      ['example.com', 'v1', 'Widget', true, false, true],
      ['example.com', 'v1beta1', 'Widget', false, true, false],
    ],
  );
  const old = {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kind: 'CustomResourceDefinition',
    spec: { group: 'g.io', version: 'v1alpha1', names: { kind: 'Old' }, validation: { openAPIV3Schema: spec } },
  };
  assert.deepEqual(crdVersions(old).map((v) => v.version), ['v1alpha1']);
  assert.deepEqual(crdVersions({ kind: 'ConfigMap' }), []);
});
