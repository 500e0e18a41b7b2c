// Field positions from the source text: the document a resource starts at, the field, the nearest enclosing field when
// a patch added the one asked for, and each file parsed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceLocator } from './locate.js';

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
