// Field positions from the source text: the document a resource starts at, the field, the nearest enclosing field when
// a patch added the one asked for, and each file parsed once; a repeated key changes nothing for the other fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceLocator } from './locate.js';
import { validate } from './validate.js';

const text = `# two documents
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  k: v
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
`;

test('locates fields per document, falls back to the enclosing field, reads each file once', () => {
  let reads = 0;
  const loc = new SourceLocator((f) => (f === 'a.yaml' ? (reads++, text) : undefined));
  assert.deepEqual(loc.locate({ file: 'a.yaml', line: 2 }, ['data', 'k']), { file: 'a.yaml', line: 7, col: 3 });
  assert.deepEqual(loc.locate({ file: 'a.yaml', line: 8 }, ['spec', 'template', 'spec', 'containers', 0, 'image']), { file: 'a.yaml', line: 18, col: 11 });
  // added by a patch: not in the source, so the nearest field that is
  assert.deepEqual(loc.locate({ file: 'a.yaml', line: 8 }, ['spec', 'template', 'spec', 'containers', 0, 'env', 0]), { file: 'a.yaml', line: 17, col: 11 });
  assert.deepEqual(loc.documentLines({ file: 'a.yaml', line: 8 })?.first, 8);
  assert.equal(reads, 1);
  // unknown files and generated objects (line 0) keep what is known
  assert.deepEqual(loc.locate({ file: 'gone.yaml', line: 3 }, ['x']), { file: 'gone.yaml', line: 3 });
  assert.deepEqual(loc.locate({ file: 'kustomization.yaml', line: 0 }, ['data']), { file: 'kustomization.yaml' });
});

test('a duplicate key leaves the positions of the rest of the file as a clean file has them (plain manifests)', async () => {
  const clean = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  replicas: many
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:latest
`;
  const dup = clean.replace('  namespace: apps\n', '  namespace: apps\n  namespace: apps\n');
  const run = async (text: string): Promise<string[]> => {
    const r = await validate({ root: '/nonexistent', manifests: [{ file: 'file.yaml', text }], cacheDir: null, chartCacheDir: null });
    return r.findings.map((f) => `${f.line}:${f.col} ${f.code}`);
  };
  assert.deepEqual(await run(clean), ['7:3 schema-invalid', '18:11 unpinned-image']);
  assert.deepEqual(await run(dup), ['6:3 duplicate-key', '8:3 schema-invalid', '19:11 unpinned-image']);
});
