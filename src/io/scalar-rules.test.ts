import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNonStringV3, parseIntBase0, resolvePlain, resolvePlainV2, v2NeedsQuotes } from './scalar-rules.js';

test('go-yaml v3 resolution of plain scalars (what kustomize reads)', () => {
  const cases: [string, unknown][] = [
    ['yes', 'yes'], ['on', 'on'], ['y', 'y'], ['No', 'No'], ['off', 'off'],
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['tRue', 'tRue'],
    ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nUll', 'nUll'],
    ['0755', 493], ['0o17', 15], ['0x1F', 31], ['0b101', 5], ['-0x10', -16], ['+5', 5], ['1_000', 1000],
    ['08', 8], ['0', 0], ['-0', 0], ['007', 7],
    ['1.0', 1], ['1e3', 1000], ['.5', 0.5], ['-.5', -0.5], ['1.5e-7', 1.5e-7], ['1_000.5', 1000.5],
    ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity],
    ['1e400', '1e400'], ['1e-400', 0], ['0x', '0x'], ['0b', '0b'], ['1:20', '1:20'], ['12:30:45', '12:30:45'],
    ['9223372036854775807', 9223372036854775807n], ['-9223372036854775808', -9223372036854775808n],
    ['18446744073709551615', 18446744073709551615n], ['18446744073709551616', 18446744073709551616],
    ['9007199254740993', 9007199254740993n], ['9007199254740991', 9007199254740991],
    ['2024-01-02', '2024-01-02T00:00:00Z'], ['2024-1-2', '2024-01-02T00:00:00Z'],
    ['2024-02-30', '2024-02-30'], ['2024-02-29', '2024-02-29T00:00:00Z'], ['2023-02-29', '2023-02-29'],
    ['2001-12-14 21:59:43.10', '2001-12-14T21:59:43.1Z'], ['2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43.1-05:00'],
    ['<<', '<<'], ['.', '.'], ['-', '-'], ['+', '+'], ['1.2.3', '1.2.3'], ['v1', 'v1'], ['0b-1', -1],
  ];
  for (const [text, want] of cases) {
    const got = resolvePlain(text);
    if (Number.isNaN(want)) assert.ok(Number.isNaN(got), text);
    else assert.equal(got, want, `resolvePlain(${JSON.stringify(text)})`);
  }
  assert.ok(Number.isNaN(resolvePlain('.nan')));
  assert.ok(Number.isNaN(resolvePlain('.NaN')));
});

test('go-yaml v2 resolution of plain scalars (kustomization files; Flux re-reading substituted text)', () => {
  // checked with kubectl kustomize as commonAnnotations values: a string passes, a number fails the build
  const cases: [string, unknown][] = [
    ['yes', true], ['Off', false], ['y', true], ['true', true], ['~', null],
    ['2024-01-02', '2024-01-02'], ['1e999', '1e999'], ['.5_0', 0.5], ['1_0.5', 10.5], ['0o17', 15],
    ['0b-1', -1], ['-0o7', -7], ['0o-7', '0o-7'],
  ];
  for (const [text, want] of cases) assert.equal(resolvePlainV2(text), want, `resolvePlainV2(${JSON.stringify(text)})`);
});

test('isNonStringV3 counts timestamps as non-strings', () => {
  assert.equal(isNonStringV3('2024-01-02'), true);
  assert.equal(isNonStringV3('1'), true);
  assert.equal(isNonStringV3('yes'), false);
  assert.equal(isNonStringV3('name'), false);
});

test('go-yaml v2 quoting decision (what kustomize writes)', () => {
  const quoted = ['', 'true', 'y', 'Y', 'yes', 'on', 'ON', 'n', 'no', 'off', 'null', '~', '1', '0755', '1_000', '1e3',
    '.5', '.inf', '2024-01-02', '2024-1-2 10:00:00', '12:30', '1:20:30', '-1', '+1', '0x1F', '0o17', '0b1'];
  const plain = ['<<', 'a', 'yes please', '1e400', '2024-02-30', 'v1.2.3', '1.2.3', '.', 'x1', 'tRue', '--1'];
  for (const s of quoted) assert.equal(v2NeedsQuotes(s), true, JSON.stringify(s));
  for (const s of plain) assert.equal(v2NeedsQuotes(s), false, JSON.stringify(s));
});

test('Go ParseInt base 0 edges', () => {
  assert.equal(parseIntBase0('0755'), 493n);
  assert.equal(parseIntBase0('0789'), null);
  assert.equal(parseIntBase0('9223372036854775808'), null);
  assert.equal(parseIntBase0('-9223372036854775808'), -9223372036854775808n);
  assert.equal(parseIntBase0('0X1f'), 31n);
  assert.equal(parseIntBase0('0B11'), 3n);
  assert.equal(parseIntBase0('1e3'), null);
});
