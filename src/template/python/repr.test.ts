// str()/repr() of template values; expected strings are CPython 3.11's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Markup, Undefined, tuple } from '../runtime/values.js';
import { floatRepr, repr, str } from './repr.js';
import { makeRange } from './range.js';

test('float repr uses the shortest round-trip digits and Python exponent thresholds', () => {
  const cases: [number, string][] = [
    [1, '1.0'], [0.1, '0.1'], [1e15, '1000000000000000.0'], [1e16, '1e+16'], [1.5e16, '1.5e+16'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'], [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'], [123456789012345678, '1.2345678901234568e+17'],
    [-0, '-0.0'], [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'], [0.1 + 0.2, '0.30000000000000004'],
  ];
  for (const [x, want] of cases) assert.equal(floatRepr(x), want, String(x));
});

test('containers print items with repr', () => {
  assert.equal(str([1n, 'a', 1.5, null, true, tuple([1n])]), "[1, 'a', 1.5, None, True, (1,)]");
  assert.equal(str(tuple([])), '()');
  assert.equal(str(tuple([1n, 2n])), '(1, 2)');
  assert.equal(str(new Map<unknown, unknown>([['a', 1n], [2n, [true]]])), "{'a': 1, 2: [True]}");
  assert.equal(str(["it's", 'q"', 'a\nb', 'both\'"']), `["it's", 'q"', 'a\\nb', 'both\\'"']`);
  assert.equal(repr(new Markup('<b>')), "Markup('<b>')");
  assert.equal(str([new Undefined('strict', undefined, undefined, 'x')]), '[Undefined]');
});

test('recursive containers print an ellipsis', () => {
  const l: unknown[] = [1n];
  l.push(l);
  assert.equal(str(l), '[1, [...]]');
  const d = new Map<unknown, unknown>();
  d.set('self', d);
  assert.equal(str(d), "{'self': {...}}");
});

test('ints print exactly and refuse more than 4300 digits', () => {
  assert.equal(str(2n ** 100n), '1267650600228229401496703205376');
  assert.throws(() => str(10n ** 4300n), /Exceeds the limit \(4300 digits\)/);
});

test('undefined prints per mode', () => {
  assert.equal(str(new Undefined('default', undefined, undefined, 'x')), '');
  assert.equal(str(new Undefined('debug', undefined, undefined, 'x')), '{{ x }}');
  assert.throws(() => str(new Undefined('strict', undefined, undefined, 'x')), /'x' is undefined/);
  assert.equal(str(makeRange([1n, 10n, 2n])), 'range(1, 10, 2)');
});
