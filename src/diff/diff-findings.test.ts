import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../core/finding.js';
import { MemoryFS } from '../io/fs.js';
import { dedupe, unitFindings } from './diff-findings.js';
import type { Unit } from './units.js';

const old = { label: 'HEAD', fs: new MemoryFS({}), root: '/r' };
const drop: Finding = { code: 'kustomization-unknown-field', severity: 'error', message: 'Kustomization a/b: unknown field "resourcez" in k.yaml; Flux ignores it', file: 'k.yaml', line: 3 };
const unit = (findings: Finding[], ok = true): Unit => ({ key: 'a/b', path: 'p', resources: [], findings, ok });

test('a field Flux drops: an error when the change brings it, a warning reported once when the old side had it too', () => {
  const brought = dedupe(unitFindings([{ before: unit([]), after: unit([drop]) }], old));
  assert.deepEqual(brought.map((f) => [f.code, f.severity]), [['kustomization-unknown-field', 'error']]);
  const already = dedupe(unitFindings([{ before: unit([drop]), after: unit([{ ...drop, line: 4 }]) }], old));
  assert.deepEqual(already.map((f) => [f.severity, f.message.endsWith('(as on HEAD)'), f.line]), [['warning', true, 4], ['warning', false, 3]]);
  const same = dedupe(unitFindings([{ before: unit([drop]), after: unit([drop]) }], old));
  assert.deepEqual(same.map((f) => [f.severity, f.message]), [['warning', `${drop.message} (as on HEAD)`]]);
});
