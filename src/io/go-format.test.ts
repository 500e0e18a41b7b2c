import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloatG, formatNumber, keyLessV2, sortKeysV2 } from './go-format.js';

test('numbers print as they come out of JSON and go-yaml v2', () => {
  const cases: [number, string][] = [
    [0, '0'], [-0, '0'], [1, '1'], [-5, '-5'], [1e3, '1000'], [0.5, '0.5'], [1.5, '1.5'], [1e-6, '1e-06'],
    [0.0001, '0.0001'], [1234567.5, '1.2345675e+06'], [123456.5, '123456.5'], [1e17, '100000000000000000'],
    [1e20, '1e+20'], [1e21, '1e+21'], [2 ** 63, '9223372036854775808'], [2 ** 64, '1.8446744073709552e+19'],
    [-(2 ** 63), '-9223372036854775808'], [-(2 ** 64), '-1.8446744073709552e+19'], [1.5e-7, '1.5e-07'],
    [0.1 + 0.2, '0.30000000000000004'], [Number.MAX_VALUE, '1.7976931348623157e+308'], [5e-324, '5e-324'],
  ];
  for (const [x, want] of cases) assert.equal(formatNumber(x), want, String(x));
  assert.equal(formatFloatG(-0), '-0');
  assert.equal(formatFloatG(100), '100');
});

test('go-yaml v2 key order', () => {
  assert.deepEqual(
    sortKeysV2(['b', 'a10', 'a9', 'a09', '_u', 'Z', '0', '-', '.', 'é', 'B', 'a', 'metadata', 'apiVersion', 'kind']),
    ['-', '.', '_u', '0', 'B', 'Z', 'a', 'a9', 'a09', 'a10', 'apiVersion', 'b', 'kind', 'metadata', 'é'],
  );
  assert.equal(keyLessV2('a', 'ab'), true);
  assert.equal(keyLessV2('ab', 'a'), false);
  assert.equal(keyLessV2('v1', 'v10'), true);
  assert.equal(keyLessV2('v10', 'v1beta1'), true); // a digit sorts before a letter
  assert.equal(keyLessV2('x-y', 'x_y'), true);
  assert.equal(keyLessV2('x_y', 'xy'), true); // non-letters before letters
  // long digit runs compare as Go's int64 accumulation does
  assert.equal(keyLessV2('k12345678901234567', 'k12345678901234568'), true);
});
