// Operators with Python's type rules; expected values and messages are CPython 3.11's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Markup, PyError, Undefined, tuple } from '../runtime/values.js';
import type { Value } from '../runtime/values.js';
import { binary, unary } from './arith.js';
import { compare, eq, truthy } from './compare.js';
import { repr } from './repr.js';
import type { BinaryOp } from './arith.js';

const r = (op: BinaryOp, a: Value, b: Value): string => {
  try {
    return repr(binary(op, a, b));
  } catch (e) {
    return (e as PyError).describe();
  }
};

test('int arithmetic is exact and floors like Python', () => {
  assert.equal(r('//', -7n, 2n), '-4');
  assert.equal(r('%', -7n, 2n), '1');
  assert.equal(r('%', 7n, -2n), '-1');
  assert.equal(r('/', 7n, 2n), '3.5');
  assert.equal(r('/', 2n ** 80n + 1n, 2n), '6.044629098073146e+23');
  assert.equal(r('**', 2n, 100n), '1267650600228229401496703205376');
  assert.equal(r('**', 2n, -2n), '0.25');
  assert.equal(r('+', true, true), '2');
});

test('float arithmetic follows CPython (divmod, special cases)', () => {
  assert.equal(r('//', 1n, 0.1), '9.0');
  assert.equal(r('%', 1n, 0.1), '0.09999999999999995');
  assert.equal(r('%', -7.5, 2n), '0.5');
  assert.equal(r('%', 0.0, -5n), '-0.0');
  assert.equal(r('//', 5n, -0.3), '-17.0');
  assert.equal(r('**', -8n, 1 / 3), '(1.0000000000000002+1.7320508075688772j)');
  assert.equal(r('*', 1e308, 10n), 'inf');
});

test('errors carry CPython messages', () => {
  assert.equal(r('/', 1n, 0n), 'ZeroDivisionError: division by zero');
  assert.equal(r('//', 1n, 0n), 'ZeroDivisionError: integer division or modulo by zero');
  assert.equal(r('%', 1n, 0n), 'ZeroDivisionError: integer modulo by zero');
  assert.equal(r('/', 1.0, 0n), 'ZeroDivisionError: float division by zero');
  assert.equal(r('//', 1.0, 0n), 'ZeroDivisionError: float floor division by zero');
  assert.equal(r('%', 1.0, 0n), 'ZeroDivisionError: float modulo');
  assert.equal(r('**', 0n, -1n), 'ZeroDivisionError: 0.0 cannot be raised to a negative power');
  assert.equal(r('**', 2.0, 10000n), "OverflowError: (34, 'Numerical result out of range')");
  assert.equal(r('+', 10n ** 400n, 1.5), 'OverflowError: int too large to convert to float');
  assert.equal(r('/', 10n ** 400n, 3n), 'OverflowError: integer division result too large for a float');
  assert.equal(r('+', 'a', 1n), 'TypeError: can only concatenate str (not "int") to str');
  assert.equal(r('+', 1n, 'a'), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  assert.equal(r('+', [1n], tuple([1n])), 'TypeError: can only concatenate list (not "tuple") to list');
  assert.equal(r('*', 'a', 1.5), "TypeError: can't multiply sequence by non-int of type 'float'");
  assert.equal(r('*', null, 'a'), "TypeError: can't multiply sequence by non-int of type 'NoneType'");
  assert.equal(r('**', 'a', 2n), "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'");
  assert.throws(() => unary('-', 'a'), /bad operand type for unary -: 'str'/);
});

test('sequences repeat and concatenate; Markup escapes the other side', () => {
  assert.equal(r('*', 'ab', 3n), "'ababab'");
  assert.equal(r('*', 3n, [1n]), '[1, 1, 1]');
  assert.equal(r('*', 'x', -1n), "''");
  assert.equal(r('+', new Markup('<b>'), '<i>'), "Markup('<b>&lt;i&gt;')");
  assert.equal(r('+', '<i>', new Markup('<b>')), "Markup('&lt;i&gt;<b>')");
});

test('undefined operands fail, except as the argument of str %', () => {
  const u = new Undefined('default', undefined, undefined, 'x');
  assert.equal(r('+', u, 1n), "UndefinedError: 'x' is undefined");
  assert.equal(r('+', 1n, u), "UndefinedError: 'x' is undefined");
  assert.equal(r('%', '[%s]', u), "'[]'");
  assert.throws(() => compare('<', u, 1n), /'x' is undefined/);
  assert.equal(eq(u, new Undefined('default')), true);
  assert.equal(truthy(u), false);
});

test('comparisons: exact int/float, code-point strings, lexicographic sequences', () => {
  assert.equal(compare('>', 2n ** 53n + 1n, 2 ** 53), true);
  assert.equal(eq(2n ** 53n + 1n, 2 ** 53), false);
  assert.equal(eq(1n, 1.0), true);
  assert.equal(eq(true, 1n), true);
  assert.equal(compare('<', '\uffff', '\u{10000}'), true);
  assert.equal(compare('<', [1n, 2n], [1n, 3n]), true);
  assert.throws(() => compare('<', 1n, 'a'), /'<' not supported between instances of 'int' and 'str'/);
  assert.throws(() => compare('<', [1n, 'a'], [1n, 2n]), /'<' not supported between instances of 'str' and 'int'/);
  assert.equal(compare('<', NaN, 1n), false);
});
