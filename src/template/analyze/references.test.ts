import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Environment } from '../runtime/environment.js';
import { referencedVariables } from './references.js';

test('context reads as dotted paths, locals excluded, first position kept', () => {
  const env = new Environment();
  const src = [
    '{{ cloudflare.token }} {{ cloudflare.token }}',
    '{% set local = 1 %}{{ local }}',
    '{% for n in nodes %}{{ n.name }}{{ nodes[0].ip }}{% endfor %}',
    '{% macro m(arg) %}{{ arg }}{{ inside }}{% endmacro %}',
    '{{ cfg.get("x") }} {{ d[key] }}',
  ].join('\n');
  const refs = referencedVariables(env, src, 't.j2');
  assert.deepEqual(
    refs.map((r) => [r.path, r.line, r.col]),
    [
      ['cloudflare.token', 1, 4],
      ['nodes', 3, 13],
      ['nodes.0.ip', 3, 36],
      ['inside', 4, 31],
      ['cfg', 5, 4],
      ['d', 5, 23],
      ['key', 5, 25],
    ],
  );
  assert.ok(refs.every((r) => r.template === 't.j2'));
});

test('a name read before it is set comes from the context', () => {
  const env = new Environment();
  assert.deepEqual(
    referencedVariables(env, '{{ x }}{% set x = 1 %}{{ x }}', 't').map((r) => r.path),
    ['x'],
  );
  assert.deepEqual(referencedVariables(env, '{% set x = 1 %}{{ x }}', 't'), []);
});
