// Plain manifest text and inputs: duplicate keys (kubeconform -strict), positions in findings, YAML errors, folders
// and stdin, missing-schema warnings once per kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readManifestInputs } from './manifest-inputs.js';
import { SchemaRegistry } from './registry.js';
import { validateManifestText, validateManifests } from './validate-manifests.js';
import { readYamlDocuments } from './yaml-docs.js';

const registry = new SchemaRegistry();

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
`;

test('duplicate keys are errors with both lines; the documents are still validated', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  name: other
data:
  a: "1"
dta: {}
`;
  const findings = validateManifestText({ file: 'cm.yaml', text }, { registry });
  assert.deepEqual(
    findings.map((f) => [f.code, f.message, f.line, f.col]),
    [
      ['duplicate-key', 'mapping key "name" already defined at line 4', 5, 3],
      ['schema-invalid', "at '': additional properties 'dta' not allowed", 8, 1],
    ],
  );
});

test('findings carry the line of the offending value or unknown key', () => {
  const text = `${CONFIGMAP}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: Always
          imagePulPolicy: Always
`;
  const findings = validateManifestText({ file: 'apps/web.yaml', text }, { registry });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.message]),
    [
      ['apps/web.yaml', 13, "at '/spec/replicas': got string, want null or integer"],
      ['apps/web.yaml', 24, "at '/spec/template/spec/containers/0': additional properties 'imagePulPolicy' not allowed"],
    ],
  );
});

test('YAML syntax errors are findings with a position, not exceptions', () => {
  const findings = validateManifestText({ file: 'bad.yaml', text: 'a: [1, 2\nb: c\n' }, { registry });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.code, 'yaml-invalid');
  assert.equal(findings[0]?.file, 'bad.yaml');
  assert.equal(typeof findings[0]?.line, 'number');
});

test('the fallback reader never quotes the text in its errors, nor throws on an unknown alias', () => {
  for (const text of ['a: *hunter2\n', 'a: |hunter2\n  x\n', 'a: "\\Uhunter22"\n']) {
    const { docs, findings } = readYamlDocuments(text, 'secret.yaml');
    assert.equal(docs.length, 0, text);
    assert.ok(findings.length > 0 && findings.every((f) => f.code === 'yaml-invalid' && f.line === 1), text);
    assert.ok(!JSON.stringify(findings).includes('hunter2'), JSON.stringify(findings));
  }
});

test('the fallback reader locates paths and keys', () => {
  const { docs } = readYamlDocuments('a:\n  b:\n    - x\n    - y: 1\n', 'f.yaml');
  assert.deepEqual(docs[0]?.locate(['a', 'b', 1, 'y']), { line: 4, col: 10 });
  assert.deepEqual(docs[0]?.locate(['a', 'b', 1, 'y'], true), { line: 4, col: 7 });
  assert.equal(docs[0]?.locate(['a', 'zz']), undefined);
});

test('files, folders and stdin, like kubeconform; missing schemas are reported once per kind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-schema-inputs-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a.yaml'), CONFIGMAP);
  writeFileSync(join(dir, 'sub', 'b.yml'), 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g2}\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
  const stdin = Readable.from(['apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g3}\n']);
  const inputs = await readManifestInputs(['.', '-'], { cwd: dir, stdin });
  assert.deepEqual(inputs.map((i) => i.file), ['a.yaml', 'sub/b.yml', 'stdin']);
  const findings = await validateManifests(inputs, { registry });
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.file, f.message]),
    [['schema-missing', 'warning', 'sub/b.yml', 'could not find schema for Gadget (example.com/v1): 3 resources not validated']],
  );
  const strict = await validateManifests(inputs, { registry, missingSchema: 'error' });
  assert.equal(strict.filter((f) => f.severity === 'error').length, 3);
  await assert.rejects(readManifestInputs(['missing.yaml'], { cwd: dir }), /missing\.yaml: no such file or folder/);
});

test('CRDs among the inputs supply schemas for the other documents', async () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gizmos.example.com}
spec:
  group: example.com
  names: {kind: Gizmo, plural: gizmos}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {size: {type: integer}}}
`;
  const cr = 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {size: big}\n';
  const reg = new SchemaRegistry();
  const findings = await validateManifests([{ file: 'crds.yaml', text: crd }, { file: 'gizmo.yaml', text: cr }], { registry: reg });
  assert.deepEqual(findings.map((f) => [f.file, f.message, f.hint]), [
    ['gizmo.yaml', "at '/spec/size': got string, want null or integer", 'schema: CustomResourceDefinition gizmos.example.com (crds.yaml:1)'],
  ]);
  const without = await validateManifests([{ file: 'gizmo.yaml', text: cr }], { registry: new SchemaRegistry(), useInputCrds: false });
  assert.deepEqual(without.map((f) => f.code), ['schema-missing']);
});
