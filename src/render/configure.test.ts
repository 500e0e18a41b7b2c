import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure } from './configure.js';
import { snapshot, tempRepo } from '../../test/e2e/configure-support.js';

test('configure: single-file mode writes the one output file (and no manifest, there is no output folder)', async (t) => {
  const r = tempRepo({ 'one.yaml.jinja': 'hello {{ who }}\n' });
  t.after(r.cleanup);
  const overrides = { inputs: ['one.yaml.jinja'], output: 'result.yaml', data_vars: [['who', 'world']] as Array<[string, string]> };
  const first = await configure({ root: r.dir, cwd: r.dir, env: {}, overrides });
  assert.deepEqual(first.findings, []);
  assert.equal(first.written, true);
  assert.deepEqual([...snapshot(r.dir).keys()], ['one.yaml.jinja', 'result.yaml']);
  assert.deepEqual(first.changes.map((c) => [c.kind, c.path]), [['create', 'result.yaml']]);
  const again = await configure({ root: r.dir, cwd: r.dir, env: {}, overrides: { ...overrides, force: true } });
  assert.deepEqual(again.changes.map((c) => [c.kind, c.path]), [['unchanged', 'result.yaml']]);
});
