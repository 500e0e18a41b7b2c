// tojson under Environment.policies (json.dumps_kwargs, json.dumps_function), which makejinja plugins may set:
// hops and Python Jinja2 (when /usr/bin/python3 has jinja2) render the same templates to the same text or error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { pythonWithJinja, skipNotice } from '../../../test/support/env.js';
import { Environment } from '../runtime/environment.js';
import { PyError, pyCallable, tuple, type Value } from '../runtime/values.js';
import { str } from '../python/repr.js';

interface Case {
  /** json.dumps_kwargs; "$str" as a value stands for Python's str, a list under "separators" is a tuple. */
  kwargs: Record<string, unknown> | null;
  source: string;
  // dumps_function: "prefix" is a function returning "<x>" + json.dumps(obj, **kw)
  dumps?: 'prefix';
}

const D = "{'b': 1, 'a': 'é<', 'c': [1, 2.5, none], 'z': {'y': true, 'x': 'ü'}}";
const CASES: Case[] = [
  { kwargs: { sort_keys: false }, source: `{{ ${D}|tojson }}` },
  { kwargs: {}, source: `{{ ${D}|tojson }}` },
  { kwargs: { sort_keys: true, indent: 2 }, source: `{{ ${D}|tojson }}` },
  { kwargs: { sort_keys: true, indent: 2 }, source: `{{ ${D}|tojson(4) }}|{{ ${D}|tojson('\\t') }}` },
  { kwargs: { sort_keys: true, separators: [',', ':'] }, source: `{{ ${D}|tojson }}` },
  { kwargs: { separators: [', ', ' = '] }, source: `{{ ${D}|tojson(1) }}` },
  { kwargs: { ensure_ascii: false, sort_keys: true }, source: `{{ ${D}|tojson }}{{ '\\x7f\\x01'|tojson }}` },
  { kwargs: { allow_nan: false }, source: `{% set n = 'nan' %}{{ [1.5, n|float]|tojson }}` },
  { kwargs: { allow_nan: true }, source: `{% set n = 'nan' %}{% set i = '-inf' %}{{ [1.5, n|float, i|float]|tojson }}` },
  { kwargs: { skipkeys: true }, source: `{{ {(1, 2): 1, 'a': 2}|tojson }}|{{ {(1, 2): 1}|tojson(2) }}` },
  { kwargs: { skipkeys: false }, source: `{{ {(1, 2): 1, 'a': 2}|tojson }}` },
  { kwargs: { default: '$str' }, source: `{{ {'r': range(3), 'n': 1}|tojson }}` },
  { kwargs: { sort_keys: true, check_circular: true, cls: null }, source: `{{ ${D}|tojson }}` },
  { kwargs: { foo: 1 }, source: `{{ 1|tojson }}` },
  { kwargs: { separators: [','] }, source: `{{ 1|tojson }}` },
  { kwargs: null, source: `{{ 1|tojson }}` },
  { kwargs: { sort_keys: false }, source: `{{ ${D}|tojson }}`, dumps: 'prefix' },
];

const PY = `
import json, sys, jinja2
def dec(v):
    if v == '$str':
        return str
    return v
out = []
for case in json.load(sys.stdin):
    env = jinja2.Environment()
    kw = case['kwargs']
    if kw is not None:
        kw = {k: (tuple(v) if k == 'separators' else dec(v)) for k, v in kw.items()}
    env.policies['json.dumps_kwargs'] = kw
    if case.get('dumps') == 'prefix':
        env.policies['json.dumps_function'] = lambda obj, **k: '<x>' + json.dumps(obj, **k)
    try:
        out.append(env.from_string(case['source']).render())
    except Exception as e:
        out.append('%s: %s' % (type(e).__name__, e))
print(json.dumps(out))
`;

function hops(c: Case): string {
  const env = new Environment();
  if (c.kwargs === null) env.policies.set('json.dumps_kwargs', null);
  else {
    const kw = new Map<Value, Value>();
    for (const [k, v] of Object.entries(c.kwargs)) {
      if (k === 'separators') kw.set(k, tuple(v as string[]));
      else if (v === '$str') kw.set(k, pyCallable('str', ([x]) => str(x ?? null)));
      else kw.set(k, (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v) as Value);
    }
    env.policies.set('json.dumps_kwargs', kw);
  }
  if (c.dumps === 'prefix') {
    // the Python side's json.dumps stands in for a plugin function; here a template callable doing the same
    env.policies.set(
      'json.dumps_function',
      pyCallable('dumps', ([obj], kw) => {
        const inner = new Environment();
        inner.policies.set('json.dumps_kwargs', new Map<Value, Value>(kw));
        return '<x>' + String(inner.fromString('{{ v|tojson }}').render({ v: obj ?? null })).replace(/\\u003c/g, '<');
      }),
    );
  }
  try {
    return env.fromString(c.source).render({});
  } catch (e) {
    if (e instanceof PyError) return `${e.pyType}: ${e.message}`;
    throw e;
  }
}

const python = pythonWithJinja();
test('tojson follows json.dumps_kwargs / json.dumps_function like Jinja2', { skip: python ? false : skipNotice('tojson policy oracle', 'no python3 with jinja2') }, () => {
  const r = spawnSync(python!, ['-c', PY], { input: JSON.stringify(CASES), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const want = JSON.parse(r.stdout) as string[];
  CASES.forEach((c, i) => assert.equal(hops(c), want[i], `${JSON.stringify(c.kwargs)} ${c.source}`));
});

test('tojson without a policy table keeps Jinja\'s default (sorted keys)', () => {
  const env = new Environment();
  assert.equal(env.fromString("{{ {'b': 1, 'a': 2}|tojson }}").render({}), '{"a": 2, "b": 1}');
});
