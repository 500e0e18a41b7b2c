// The embedded example repo: its committed rendered tree must be exactly what `hops configure` produces from its
// templates and config (CI runs this), and `hops vars` must find every variable defined and documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { configure, vars } from '../../src/render/index.js';
import { projectRoot } from '../support/env.js';

const example = join(projectRoot, 'examples/homelab');

test('examples/homelab: rendered output is in sync with templates and config', async () => {
  const r = await configure({ root: example, check: true, log: () => {} });
  const changed = r.changes.filter((c) => c.kind !== 'unchanged' && c.kind !== 'kept');
  assert.deepEqual(
    changed.map((c) => `${c.kind} ${c.path}`),
    [],
    'run `npm start` (hops configure on examples/homelab) and commit the result',
  );
  assert.deepEqual(r.findings.filter((f) => f.severity === 'error'), []);
  assert.equal(r.exitCode, 0);
  assert.ok(r.changes.length > 50, `expected the example to render many files, got ${r.changes.length}`);
});

test('examples/homelab: every variable the templates read is defined and documented', async () => {
  const r = await vars({ root: example });
  assert.equal(r.exitCode, 0, JSON.stringify(r.findings, null, 2));
  assert.ok(r.rows.some((row) => row.path === 'domain.name'));
});
