// Round trip over every real kustomize output in the shared corpus: read it, write it back, expect the same bytes.
// This pins the writer to kustomize v5.7.1's exact formatting (key order, quoting, folding, block scalars).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { stringifyDocuments } from '../../src/io/yaml-write.js';
import { sharedDir, skipNotice } from '../support/env.js';
import { expectedOutputs } from './yaml-corpus.js';

const shared = sharedDir();

test('every expected kustomize output round-trips byte for byte', { skip: shared ? false : skipNotice('yaml round trip', '../shared is absent') }, () => {
  const outputs = expectedOutputs(shared!);
  assert.ok(outputs.length > 1000, `expected outputs found: ${outputs.length}`);
  const failures: string[] = [];
  for (const o of outputs) {
    const text = readFileSync(o.file, 'utf8');
    let back: string;
    try {
      back = stringifyDocuments(parseYamlDocuments(text, o.file).map((d) => d.value));
    } catch (e) {
      failures.push(`${o.file}: ${(e as Error).message}`);
      continue;
    }
    if (back !== text) failures.push(`${o.file}: ${firstDifference(text, back)}`);
  }
  process.stderr.write(`yaml round trip: ${outputs.length - failures.length}/${outputs.length} identical\n`);
  assert.deepEqual(failures, []);
});

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: want ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
  }
  return 'differs';
}
