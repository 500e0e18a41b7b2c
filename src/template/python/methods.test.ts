// str/list/dict methods through getAttribute; expected values and messages are CPython 3.11's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallContext, Value } from '../runtime/values.js';
import { MISSING, Markup, PY_CALL, PyError, tuple } from '../runtime/values.js';
import type { PyCallable } from '../runtime/values.js';
import { getAttribute } from './attributes.js';
import { repr } from './repr.js';

const ctx = { autoescape: false, env: { call: (f: PyCallable, a: Value[], k: Map<string, Value>, c: CallContext) => f[PY_CALL](a, k, c) } } as unknown as CallContext;
const call = (obj: Value, name: string, ...args: Value[]): string => {
  const m = getAttribute(obj, name);
  assert.notEqual(m, MISSING, name);
  try {
    return repr((m as PyCallable)[PY_CALL](args, new Map(), ctx));
  } catch (e) {
    return (e as PyError).describe();
  }
};

test('str methods', () => {
  assert.equal(call('a b  c', 'split'), "['a', 'b', 'c']");
  assert.equal(call('  a b  c  ', 'rsplit', null, 1n), "['  a b', 'c']");
  assert.equal(call('a\nb\r\nc', 'splitlines'), "['a', 'b', 'c']");
  assert.equal(call("they're", 'title'), "\"They'Re\"");
  assert.equal(call('ab', 'center', 5n), "'  ab '");
  assert.equal(call('-42', 'zfill', 6n), "'-00042'");
  assert.equal(call('abc', 'replace', '', '-', 2n), "'-a-bc'");
  assert.equal(call('hello', 'find', 'l', -2n), '3');
  assert.equal(call('abc', 'count', ''), '4');
  assert.equal(call('a=b=c', 'rpartition', '='), "('a=b', '=', 'c')");
  assert.equal(call('a😀b', 'find', 'b'), '2');
  assert.equal(call('a', 'upper', 1n), 'TypeError: str.upper() takes no arguments (1 given)');
  assert.equal(call('a', 'replace'), 'TypeError: replace expected at least 2 arguments, got 0');
  assert.equal(call('a', 'split', 1n), 'TypeError: must be str or None, not int');
  assert.equal(call('a', 'center', 5n, 'ab'), 'TypeError: The fill character must be exactly one character long');
  assert.equal(call('a', 'index', 'b'), 'ValueError: substring not found');
  assert.equal(call(',', 'join', ['a', 1n]), 'TypeError: sequence item 1: expected str instance, int found');
  assert.equal(getAttribute('a', 'nosuch'), MISSING);
});

test('Markup methods escape their arguments', () => {
  assert.equal(call(new Markup('<b>%s</b>'), 'replace', '%s', '<i>'), "Markup('<b>&lt;i&gt;</b>')");
  assert.equal(call(new Markup('<br>'), 'join', ['<a>', new Markup('<b>')]), "Markup('&lt;a&gt;<br><b>')");
  assert.equal(call(new Markup('<b>a &amp; b</b>'), 'striptags'), "'a & b'");
  assert.equal(call(new Markup('x'), 'startswith', 'x'), 'True');
});

test('list methods', () => {
  const l: Value[] = [3n, 1n, 2n];
  assert.equal(call(l, 'append', 0n), 'None');
  assert.equal(call(l, 'sort'), 'None');
  assert.equal(repr(l), '[0, 1, 2, 3]');
  assert.equal(call(l, 'pop'), '3');
  assert.equal(call(l, 'index', 5n), 'ValueError: 5 is not in list');
  assert.equal(call([], 'pop'), 'IndexError: pop from empty list');
  assert.equal(call([1n, 'a'], 'sort'), "TypeError: '<' not supported between instances of 'str' and 'int'");
  assert.equal(call([], 'append'), 'TypeError: list.append() takes exactly one argument (0 given)');
  assert.equal(call(tuple([1n]), 'index', 2n), 'ValueError: tuple.index(x): x not in tuple');
});

test('dict methods and views', () => {
  const d = new Map<Value, Value>([['a', 1n], [1n, 'one']]);
  assert.equal(call(d, 'items'), "dict_items([('a', 1), (1, 'one')])");
  assert.equal(call(d, 'get', 1.0), "'one'");
  assert.equal(call(d, 'get', true), "'one'");
  assert.equal(call(d, 'pop', 'zz'), "KeyError: 'zz'");
  assert.equal(call(d, 'setdefault', 'b', 2n), '2');
  assert.equal(call(d, 'update', [tuple([1.0, 'uno'])]), 'None');
  assert.equal(repr(d), "{'a': 1, 1: 'uno', 'b': 2}");
  assert.equal(call(new Map(), 'popitem'), "KeyError: 'popitem(): dictionary is empty'");
  assert.equal(call(new Map(), 'update', [1n]), 'TypeError: cannot convert dictionary update sequence element #0 to a sequence');
  assert.equal(getAttribute(d, 'a'), MISSING);
});

test('number attributes', () => {
  assert.equal(repr(getAttribute(5n, 'real')), '5');
  assert.equal(repr(getAttribute(2.5, 'imag')), '0.0');
  assert.equal(call(255n, 'bit_length'), '8');
  assert.equal(call(0.1, 'as_integer_ratio'), '(3602879701896397, 36028797018963968)');
  assert.equal(call(2.5, 'hex'), "'0x1.4000000000000p+1'");
});
