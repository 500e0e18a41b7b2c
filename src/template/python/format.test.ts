// %-formatting, format specs and str.format; expected strings are CPython 3.11's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallContext, Value } from '../runtime/values.js';
import { PyError, tuple } from '../runtime/values.js';
import { formatValue } from './format-spec.js';
import { percentFormat } from './printf.js';
import { strFormat } from './str-format.js';

const ctx = {} as CallContext;
const err = (f: () => unknown): string => {
  try {
    return `no error: ${String(f())}`;
  } catch (e) {
    return (e as PyError).describe();
  }
};

test('printf conversions', () => {
  assert.equal(percentFormat('%s %d %r %%', tuple(['a', 3n, 'b'])), "a 3 'b' %");
  assert.equal(percentFormat('%05.1f|%-5d|%+d|% d', tuple([3.14159, 42n, 5n, 5n])), '003.1|42   |+5| 5');
  assert.equal(percentFormat('%#x|%#o|%X|%.3d', tuple([255n, 8n, 255n, 5n])), '0xff|0o10|FF|005');
  assert.equal(percentFormat('%.0f %.0f %.2f', tuple([0.5, 1.5, 2.675])), '0 2 2.67');
  assert.equal(percentFormat('%g %g %.3g %#g', tuple([1e-5, 123456789, 0.0001234, 1])), '1e-05 1.23457e+08 0.000123 1.00000');
  assert.equal(percentFormat('%(a)s-%(b)r', new Map<Value, Value>([['a', 1n], ['b', 'x']])), "1-'x'");
  assert.equal(percentFormat('%*d|%.*f', tuple([5n, 1n, 2n, 1.2345])), '    1|1.23');
  assert.equal(percentFormat('%c%c', tuple([65n, 'b'])), 'Ab');
  assert.equal(percentFormat('%.50f', 0.1), '0.10000000000000000555111512312578270211815834045410');
});

test('printf errors', () => {
  assert.equal(err(() => percentFormat('%s %s', tuple([1n]))), 'TypeError: not enough arguments for format string');
  assert.equal(err(() => percentFormat('abc', 1n)), 'TypeError: not all arguments converted during string formatting');
  assert.equal(err(() => percentFormat('%z', 1n)), "ValueError: unsupported format character 'z' (0x7a) at index 1");
  assert.equal(err(() => percentFormat('%d', 'a')), 'TypeError: %d format: a real number is required, not str');
  assert.equal(err(() => percentFormat('%x', 3.5)), 'TypeError: %x format: an integer is required, not float');
  assert.equal(err(() => percentFormat('%f', null)), 'TypeError: must be real number, not NoneType');
  assert.equal(err(() => percentFormat('%(a)s', 1n)), 'TypeError: format requires a mapping');
  assert.equal(err(() => percentFormat('%', tuple([]))), 'ValueError: incomplete format');
  assert.equal(err(() => percentFormat('%5%', tuple([]))), 'TypeError: not enough arguments for format string');
});

test('format specs', () => {
  const cases: [Value, string, string][] = [
    ['a', '*^5', '**a**'], ['abc', '.2', 'ab'], ['a', '05', 'a0000'],
    [1234n, '08,', '0,001,234'], [12345678n, '_x', 'bc_614e'], [255n, '#010x', '0x000000ff'], [65n, 'c', 'A'],
    [true, '', 'True'], [true, 'd', '1'], [5n, '%', '500.000000%'],
    [1.0, '', '1.0'], [1.0, '.3', '1.0'], [100.0, '.3', '1e+02'], [1e16, '#', '1.e+16'],
    [1234567.891, ',.2f', '1,234,567.89'], [-1234.5, '012,.1f', '-0,001,234.5'], [-0.0001, 'z.1f', '0.0'],
    [Infinity, '010', '0000000inf'], [null, '', 'None'],
  ];
  for (const [v, spec, want] of cases) assert.equal(formatValue(v, spec), want, `${String(v)} ${spec}`);
  assert.equal(err(() => formatValue('a', '+')), 'ValueError: Sign not allowed in string format specifier');
  assert.equal(err(() => formatValue(5n, '.2')), 'ValueError: Precision not allowed in integer format specifier');
  assert.equal(err(() => formatValue(5n, ',x')), "ValueError: Cannot specify ',' with 'x'.");
  assert.equal(err(() => formatValue(5n, 'xx')), "ValueError: Invalid format specifier 'xx' for object of type 'int'");
  assert.equal(err(() => formatValue(1.5, 'd')), "ValueError: Unknown format code 'd' for object of type 'float'");
  assert.equal(err(() => formatValue(null, '5')), 'TypeError: unsupported format string passed to NoneType.__format__');
});

test('str.format fields', () => {
  const kw = new Map<string, Value>([['a', 1n], ['w', 8n]]);
  assert.equal(strFormat('{0} {1} {a} {{x}}', ['p', 'q'], kw, ctx, false), 'p q 1 {x}');
  assert.equal(strFormat('{0[1]} {0[k]} {1.real}', [new Map<Value, Value>([[1n, 'i'], ['k', 'v']]), 5n], kw, ctx, false), 'i v 5');
  assert.equal(strFormat('{!r:>5}|{:{w}.2f}', ['a', 3.14159], kw, ctx, false), "  'a'|    3.14");
  assert.equal(err(() => strFormat('{}', [], kw, ctx, false)), 'IndexError: Replacement index 0 out of range for positional args tuple');
  assert.equal(err(() => strFormat('{} {1}', [1n, 2n], kw, ctx, false)), 'ValueError: cannot switch from automatic field numbering to manual field specification');
  assert.equal(err(() => strFormat('}', [], kw, ctx, false)), "ValueError: Single '}' encountered in format string");
  assert.equal(err(() => strFormat('{0:{1:{2}}}', [1n, 2n, 3n], kw, ctx, false)), 'ValueError: Max string recursion exceeded');
  assert.equal(err(() => strFormat('{b}', [], kw, ctx, false)), "KeyError: 'b'");
  assert.equal(strFormat('<{}>', ['<x>'], kw, ctx, true), '<&lt;x&gt;>');
});
