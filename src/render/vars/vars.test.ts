import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { vars } from './vars.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

const REPO = {
  'makejinja.toml': '[makejinja]\ninputs = ["templates"]\noutput = "out"\ndata = ["config.yaml"]\n',
  'config.yaml': 'cluster:\n  name: home\n',
  'templates/a.yaml.jinja': 'name: {{ cluster.name }}\n',
  'TEMPLATE_GUIDE.md': '- `cluster.name`: the name\n',
};

test('vars: read, defined and documented variables are one row each', async (t) => {
  const r = tempRepo(REPO);
  t.after(r.cleanup);
  const result = await vars({ root: r.dir, cwd: r.dir, env: {} });
  assert.equal(result.exitCode, 0);
  assert.deepEqual(
    result.rows.map((row) => [row.path, row.readAt?.file, row.definedIn, row.documentedAt]),
    [['cluster.name', 'templates/a.yaml.jinja', 'config.yaml', 1]],
  );
});

test('vars: a --guide that does not exist is a usage finding, not a crash', async (t) => {
  const r = tempRepo(REPO);
  t.after(r.cleanup);
  const result = await vars({ root: r.dir, cwd: r.dir, env: {}, guide: 'missing.md' });
  assert.equal(result.exitCode, 2);
  assert.deepEqual(result.findings.map((f) => [f.code, f.severity, f.file]), [['guide-unreadable', 'error', 'missing.md']]);
});

test('vars: --guide is relative to the working folder, like every path the user types', async (t) => {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(REPO)) files[k === 'TEMPLATE_GUIDE.md' ? 'repo/docs/GUIDE.md' : `repo/${k}`] = v;
  const r = tempRepo(files);
  t.after(r.cleanup);
  const result = await vars({ root: join(r.dir, 'repo'), cwd: r.dir, env: {}, guide: 'repo/docs/GUIDE.md' });
  assert.equal(result.guide, 'docs/GUIDE.md');
  assert.equal(result.exitCode, 0, JSON.stringify(result.findings));
  assert.equal(result.rows[0]!.documentedAt, 1);
});
