import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Environment } from './environment.js';
import { PyError } from './values.js';
import type { TemplateLoader } from '../api.js';

const loader = (files: Record<string, string>): TemplateLoader => ({
  getSource: (name) => (name in files ? { source: files[name]!, filename: `templates/${name}` } : null),
});

test('render takes a Map or plain data (ints stay ints)', () => {
  const env = new Environment();
  assert.equal(env.fromString('{{ n / 2 }} {{ d.k }}').render({ n: 3, d: { k: [1, 2] } }), '1.5 [1, 2]');
  assert.equal(env.fromString('{{ x }}').render(new Map([['x', 5n]])), '5');
});

test('errors carry template name, line and column', () => {
  const env = new Environment({ loader: loader({ 'a.j2': 'x\n{% include "b.j2" %}', 'b.j2': '\n\n  {{ 1 // 0 }}' }) });
  assert.throws(
    () => env.getTemplate('a.j2').render(),
    (e: unknown) => e instanceof PyError && e.pyType === 'ZeroDivisionError' && e.templateName === 'b.j2' && e.lineno === 3 && e.col === 6,
  );
});

test('getTemplate caches per environment; fromString globals overlay env globals', () => {
  const env = new Environment({ loader: loader({ t: '{{ g }}' }), globals: new Map([['g', 'env']]) });
  assert.equal(env.getTemplate('t'), env.getTemplate('t'));
  assert.equal(env.getTemplate('t').render(), 'env');
  assert.equal(env.fromString('{{ g }}', { globals: new Map([['g', 'tpl']]) }).render(), 'tpl');
  assert.throws(() => env.getTemplate('nope'), (e: unknown) => e instanceof PyError && e.describe() === 'TemplateNotFound: nope');
});

test('renderCollect in strict mode reports every undefined use with its path and goes on', () => {
  const env = new Environment({ undefined: 'strict' });
  const t = env.fromString('a={{ cfg.token }}\nb={{ nodes[0].name }}\n{% if flag %}F{% endif %}c={{ ok }}', { name: 't.j2' });
  const r = t.renderCollect({ cfg: {}, nodes: [{}], ok: 1 });
  assert.equal(r.output, 'a=\nb=\nc=1');
  assert.deepEqual(
    r.issues.map((i) => [i.kind, i.expr, i.message, i.line, i.col]),
    [
      ['undefined', 'cfg.token', "'dict object' has no attribute 'token'", 1, 6],
      ['undefined', 'nodes[0].name', "'dict object' has no attribute 'name'", 2, 6],
      ['undefined', 'flag', "'flag' is undefined", 3, 7],
    ],
  );
});

test('renderCollect ends a template at the first other error', () => {
  const env = new Environment();
  const r = env.fromString('a{{ 1 // 0 }}b', { name: 'z' }).renderCollect();
  assert.equal(r.output, 'a');
  assert.deepEqual(r.issues, [
    { kind: 'error', pyType: 'ZeroDivisionError', message: 'integer division or modulo by zero', template: 'z', line: 1, col: 5 },
  ]);
});

test('a few hundred lines render fast after parsing (cached compile)', () => {
  const env = new Environment();
  const line = '{% for i in items %}{{ i.name }}: {{ i.value * 2 }}{% if loop.last %}.{% endif %}{% endfor %} {{ title|upper }}\n';
  const src = line.repeat(300);
  const items = [{ name: 'a', value: 1 }, { name: 'b', value: 2 }];
  const out = env.fromString(src).render({ items, title: 't' });
  assert.equal(out.split('\n').length, 300);
  assert.ok(out.startsWith('a: 2b: 4. T'));
});
