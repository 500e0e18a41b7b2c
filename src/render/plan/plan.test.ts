import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveConfig, type ConfigOverrides } from '../config/resolve.js';
import { planRender, type Action } from './plan.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

function planOf(files: Record<string, string>, overrides: ConfigOverrides, filters: Array<(p: string) => boolean> = []) {
  const r = tempRepo(files);
  const { config, findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {}, overrides });
  assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  const plan = planRender(config, filters.map((keep) => ({ plugin: 'test', keep })));
  const rel = (p: string) => p.slice(r.dir.length + 1);
  const show = (a: Action) => {
    switch (a.kind) {
      case 'render':
        return `render ${rel(a.input)} as ${a.templateName} -> ${rel(a.output)}`;
      case 'copy':
        return `copy ${rel(a.input)} -> ${rel(a.output)}`;
      case 'excluded':
        return `excluded ${rel(a.input)} by ${a.by}`;
      case 'dir':
        return `dir ${rel(a.output)}`;
      case 'keep-existing':
        return `keep ${rel(a.output)}`;
    }
  };
  return { lines: plan.actions.map(show), plan, dir: r.dir, cleanup: r.cleanup };
}

test('plan: render by suffix (stripped), copy the rest, first input wins, excludes match from the right', (t) => {
  const p = planOf(
    {
      'in1/app.yaml.j2': '',
      'in1/skip.partial.yaml.j2': '',
      'in1/sub/x.txt': '',
      'in2/app.yaml.j2': '',
      'in2/app.yaml': '',
      'in2/other.j2': '',
    },
    { inputs: ['in1', 'in2'], output: 'out', jinja_suffix: '.j2', exclude_patterns: ['*.partial.yaml.j2'] },
  );
  t.after(p.cleanup);
  assert.deepEqual(p.lines, [
    'render in1/app.yaml.j2 as app.yaml.j2 -> out/app.yaml',
    'excluded in1/skip.partial.yaml.j2 by exclude pattern "*.partial.yaml.j2"',
    'dir out/sub',
    'copy in1/sub/x.txt -> out/sub/x.txt',
    // in2/app.yaml sorts before app.yaml.j2 but out/app.yaml is taken by in1
    'render in2/other.j2 as other.j2 -> out/other',
  ]);
});

test('plan: without force existing outputs are kept; keep_jinja_suffix; empty suffix renders everything', (t) => {
  const p = planOf({ 'in/a.j2': '', 'in/b.txt': '', 'out/a': 'old' }, { inputs: ['in'], output: 'out', jinja_suffix: '.j2' });
  t.after(p.cleanup);
  assert.deepEqual(p.lines, ['keep out/a', 'copy in/b.txt -> out/b.txt']);
  const q = planOf({ 'in/a.j2': '', 'in/b.txt': '' }, { inputs: ['in'], output: 'out', jinja_suffix: '.j2', keep_jinja_suffix: true });
  t.after(q.cleanup);
  assert.deepEqual(q.lines, ['render in/a.j2 as a.j2 -> out/a.j2', 'copy in/b.txt -> out/b.txt']);
  const s = planOf({ 'in/a.j2': '', 'in/b.txt': '' }, { inputs: ['in'], output: 'out', jinja_suffix: '' });
  t.after(s.cleanup);
  assert.deepEqual(s.lines, ['render in/a.j2 as a.j2 -> out/a.j2', 'render in/b.txt as b.txt -> out/b.txt']);
});

test('plan: plugin path filters exclude, single-file mode renders one file to the output path', (t) => {
  const p = planOf({ 'in/secret.yaml': '', 'in/public.yaml.jinja': '' }, { inputs: ['in'], output: 'out' }, [(x) => !x.includes('secret')]);
  t.after(p.cleanup);
  assert.deepEqual(p.lines, ['render in/public.yaml.jinja as public.yaml.jinja -> out/public.yaml', 'excluded in/secret.yaml by path filter of test']);
  const s = planOf({ 'one.txt': '' }, { inputs: ['one.txt'], output: 'result.yaml' });
  t.after(s.cleanup);
  assert.equal(s.plan.singleFile, true);
  assert.deepEqual(s.lines, ['render one.txt as one.txt -> result.yaml']);
  const o = planOf({ 'one.txt': '' }, { inputs: ['one.txt'], output: '/dev/stdout' });
  t.after(o.cleanup);
  assert.equal(o.plan.singleFile, true);
  assert.equal((o.plan.actions[0] as { output: string }).output, '/dev/stdout');
  assert.ok(join(o.dir, 'x'));
});

test('plan: a path filter that throws is a plugin-error finding naming the path, and the path is excluded', (t) => {
  const boom = (x: string): boolean => {
    if (x.endsWith('bad.yaml')) throw new TypeError('no such key');
    return true;
  };
  const p = planOf({ 'in/bad.yaml': '', 'in/good.yaml': '' }, { inputs: ['in'], output: 'out' }, [boom]);
  t.after(p.cleanup);
  assert.deepEqual(p.lines, ['excluded in/bad.yaml by path filter of test', 'copy in/good.yaml -> out/good.yaml']);
  assert.deepEqual(
    p.plan.findings.map((f) => [f.code, f.severity, f.file, f.message]),
    [['plugin-error', 'error', 'in/bad.yaml', 'plugin "test": its path filter failed: TypeError: no such key']],
  );
});
