// Builtin filters, tests and globals called directly with a minimal environment; expected values are Jinja2
// 3.1's (the differential suite in test/jinja covers them through the template engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallContext, EnvLike, Value } from '../runtime/values.js';
import { MISSING, Markup, PY_CALL, PyError, Undefined, pyError, tuple } from '../runtime/values.js';
import type { PyCallable } from '../runtime/values.js';
import { getAttribute, getItem, iterate, repr, str } from '../python/ops.js';
import { builtinFilters, builtinGlobals, builtinTests } from './index.js';

const env: EnvLike = {
  getattr(obj, name) {
    if (obj instanceof Undefined) return obj.chain();
    const a = getAttribute(obj, name);
    if (a !== MISSING) return a;
    const i = getItem(obj, name);
    return i !== MISSING ? i : new Undefined('default', undefined, obj, name);
  },
  getitem(obj, key) {
    if (obj instanceof Undefined) return obj.chain();
    const i = getItem(obj, key);
    if (i !== MISSING) return i;
    if (typeof key === 'string') {
      const a = getAttribute(obj, key);
      if (a !== MISSING) return a;
    }
    return new Undefined('default', undefined, obj, key);
  },
  undefined: (hint, obj, name) => new Undefined('default', hint, obj ?? MISSING, name ?? null),
  callFilter(name, value, args, kwargs, ctx) {
    const f = builtinFilters.get(name);
    if (!f) throw pyError('TemplateRuntimeError', `No filter named '${name}'.`);
    return f(ctx, value, args, kwargs);
  },
  callTest(name, value, args, kwargs, ctx) {
    const t = builtinTests.get(name);
    if (!t) throw pyError('TemplateRuntimeError', `No test named '${name}'.`);
    return t(ctx, value, args, kwargs);
  },
  hasFilter: (n) => builtinFilters.has(n),
  hasTest: (n) => builtinTests.has(n),
  call: (fn, args, kwargs, ctx) => (fn as PyCallable)[PY_CALL](args, kwargs, ctx),
  policies: new Map<string, Value>([['truncate.leeway', 5n], ['urlize.rel', 'noopener']]),
  newlineSequence: '\n',
};
const ctx: CallContext = { env, autoescape: false };

const f = (name: string, value: Value, ...args: Value[]): string => {
  try {
    return repr(builtinFilters.get(name)!(ctx, value, args, new Map()));
  } catch (e) {
    return (e as PyError).describe();
  }
};
const fk = (name: string, value: Value, kwargs: Record<string, Value>): string =>
  repr(builtinFilters.get(name)!(ctx, value, [], new Map(Object.entries(kwargs))));
const t = (name: string, value: Value, ...args: Value[]): boolean => builtinTests.get(name)!(ctx, value, args, new Map());

test('the registries hold every Jinja2 3.1 builtin', () => {
  const filters = 'abs attr batch capitalize center count d default dictsort e escape filesizeformat first float forceescape format groupby indent int items join last length list lower map max min pprint random reject rejectattr replace reverse round safe select selectattr slice sort string striptags sum title tojson trim truncate unique upper urlencode urlize wordcount wordwrap xmlattr';
  assert.deepEqual([...builtinFilters.keys()].sort(), filters.split(' ').sort());
  const tests = 'boolean callable defined divisibleby eq equalto escaped even false filter float ge greaterthan gt in integer iterable le lessthan lower lt mapping ne none number odd sameas sequence string test true undefined upper == != > >= < <=';
  assert.deepEqual([...builtinTests.keys()].sort(), tests.split(' ').sort());
  assert.deepEqual([...builtinGlobals.keys()].sort(), ['cycler', 'dict', 'joiner', 'lipsum', 'namespace', 'range']);
});

test('string filters', () => {
  assert.equal(f('title', 'hello-world (foo)'), "'Hello-World (Foo)'");
  assert.equal(f('truncate', 'abc def ghi jkl', 9n), "'abc...'");
  assert.equal(f('truncate', 'abcdefghij', 2n), 'AssertionError: expected length >= 3, got 2');
  assert.equal(f('indent', 'a\nb\n\nc'), "'a\\n    b\\n\\n    c'");
  assert.equal(f('wordwrap', 'The quick brown fox jumps', 10n), "'The quick\\nbrown fox\\njumps'");
  assert.equal(f('format', '%s-%s', 1n, 2n), "'1-2'");
  assert.equal(f('urlencode', 'a b/é'), "'a%20b/%C3%A9'");
  assert.equal(f('striptags', '<b>a</b> &amp;  b'), "'a & b'");
  assert.equal(f('upper', 'a', 1n), 'TypeError: do_upper() takes 1 positional argument but 2 were given');
  assert.equal(f('length', 'a', 1n), 'TypeError: len() takes exactly one argument (2 given)');
  assert.equal(repr(builtinFilters.get('escape')!(ctx, '<&>', [], new Map())), "Markup('&lt;&amp;&gt;')");
});

test('sequence filters', () => {
  assert.equal(f('sort', ['b', 'A', 'a']), "['A', 'a', 'b']");
  assert.equal(f('dictsort', new Map<Value, Value>([['b', 1n], ['a', 2n]])), "[('a', 2), ('b', 1)]");
  assert.equal(f('list', builtinFilters.get('batch')!(ctx, [1n, 2n, 3n], [2n, 0n], new Map())), '[[1, 2], [3, 0]]');
  assert.equal(f('list', builtinFilters.get('map')!(ctx, [1n, 2n], ['string'], new Map())), "['1', '2']");
  assert.equal(f('list', builtinFilters.get('select')!(ctx, [1n, 2n, 3n], ['odd'], new Map())), '[1, 3]');
  assert.equal(f('sum', [1n, 2.5]), '3.5');
  assert.equal(f('max', ['a', 'B']), "'B'");
  assert.equal(str(builtinFilters.get('first')!(ctx, [], [], new Map())), '');
  assert.equal(f('last', builtinFilters.get('map')!(ctx, [1n], ['string'], new Map())), "TypeError: 'generator' object is not reversible");
  const groups = builtinFilters.get('groupby')!(ctx, [new Map([['c', 'X']]), new Map([['c', 'x']])], ['c'], new Map()) as Value[];
  assert.equal(repr(groups), "[('X', [{'c': 'X'}, {'c': 'x'}])]");
  assert.equal(repr(env.getattr(groups[0], 'grouper')), "'X'");
  assert.equal(fk('tojson', new Map<Value, Value>([['b', 1n], ['a', '<']]), {}), "Markup('{\"a\": \"\\\\u003c\", \"b\": 1}')");
  assert.equal(f('pprint', tuple(['x'])), `"('x',)"`);
});

test('number filters', () => {
  assert.equal(f('round', 2.675, 2n), '2.67');
  assert.equal(f('round', 2.5), '2.0');
  assert.equal(f('round', 42n, -1n), '40');
  assert.equal(f('int', '42.7'), '42');
  assert.equal(f('int', 'inf'), 'OverflowError: cannot convert float infinity to integer');
  assert.equal(f('float', 'x', 1n), '1');
  assert.equal(f('filesizeformat', 1500000n), "'1.5 MB'");
  assert.equal(f('abs', 'a'), "TypeError: bad operand type for abs(): 'str'");
});

test('tests', () => {
  assert.equal(t('odd', 3n), true);
  assert.equal(t('divisibleby', 9n, 3n), true);
  assert.equal(t('integer', true), false);
  assert.equal(t('number', true), true);
  assert.equal(t('sequence', new Map()), true);
  assert.equal(t('escaped', new Markup('x')), true);
  assert.equal(t('filter', 'upper'), true);
  assert.equal(t('in', 2n, [1n, 2n]), true);
  assert.equal(t('lt', 1n, 2n), true);
  assert.throws(() => t('eq', 1n, 1n, 2n), /eq expected 2 arguments, got 3/);
  assert.equal(t('callable', builtinGlobals.get('range')), true);
});

test('globals', () => {
  const call = (name: string, args: Value[], kw: Record<string, Value> = {}): Value =>
    (builtinGlobals.get(name) as PyCallable)[PY_CALL](args, new Map(Object.entries(kw)), ctx);
  assert.equal(str(call('range', [2n, 10n, 3n])), 'range(2, 10, 3)');
  assert.equal(repr(iterate(call('range', [3n]))), '[0, 1, 2]');
  assert.equal(repr(call('dict', [[tuple(['a', 1n])]], { b: 2n })), "{'a': 1, 'b': 2}");
  assert.equal(str(builtinGlobals.get('range')), "<class 'range'>");
  const c = call('cycler', ['a', 'b']);
  const next = env.getattr(c, 'next') as PyCallable;
  assert.equal(str(next[PY_CALL]([], new Map(), ctx)) + str(next[PY_CALL]([], new Map(), ctx)) + str(next[PY_CALL]([], new Map(), ctx)), 'aba');
  const j = call('joiner', ['|']) as PyCallable;
  assert.equal(str(j[PY_CALL]([], new Map(), ctx)) + str(j[PY_CALL]([], new Map(), ctx)), '|');
  const ns = call('namespace', [], { a: 1n });
  assert.equal(str(ns), "<Namespace {'a': 1}>");
  assert.throws(() => call('cycler', []), /at least one item has to be provided/);
  assert.equal(str(call('lipsum', [1n, false, 5n, 6n])).split(' ').length, 5);
});
