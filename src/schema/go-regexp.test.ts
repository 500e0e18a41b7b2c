import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goRegExp, isGoRegExp } from './go-regexp.js';
import { FORMATS } from './formats.js';
import { closestName } from './did-you-mean.js';

test('plain patterns behave as in Go (unanchored search)', () => {
  assert.equal(goRegExp('^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$').test('1h30m'), true);
  assert.equal(goRegExp('^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$').test('1d'), false);
  assert.equal(goRegExp('[a-z]').test('ABc'), true);
  assert.equal(goRegExp('^[a-z0-9\\-\\_]+$').test('a-b_c'), true);
});

test('RE2-only forms seen in CRDs are rewritten', () => {
  assert.equal(goRegExp('^(?i)(abort|warn)?$').test('ABORT'), true);
  assert.equal(goRegExp('^((?i)sun|mon)day$').test('Monday'), true);
  assert.equal(goRegExp('^\\PC*$').test('plain text'), true);
  assert.equal(goRegExp('^\\PC*$').test('bell\u0007'), false);
  assert.equal(goRegExp('^abc\\z').test('abc'), true);
  assert.equal(goRegExp('^[[:alpha:]]+$').test('abc'), true);
  assert.equal(goRegExp('^[[:alpha:]]+$').test('ab1'), false);
  assert.equal(isGoRegExp('(unclosed'), false);
  assert.equal(goRegExp('(unclosed').test('anything'), true);
});

test('formats as kubeconform checks them', () => {
  const f = FORMATS;
  assert.equal(f['date-time']?.('2024-01-02T03:04:05Z'), true);
  assert.equal(f['date-time']?.('2024-01-02T03:04:05.123+01:00'), true);
  assert.equal(f['date-time']?.('2024-02-30T03:04:05Z'), false);
  assert.equal(f['date-time']?.('2024-01-02'), false);
  assert.equal(f['duration']?.('1h30m'), true);
  assert.equal(f['duration']?.('PT1H30M'), true);
  assert.equal(f['duration']?.('P1W'), true);
  assert.equal(f['duration']?.('90'), false);
  assert.equal(f['duration']?.('1d'), false);
  assert.equal(f['ipv4']?.('192.168.1.10'), true);
  assert.equal(f['ipv4']?.('192.168.01.10'), false);
  assert.equal(f['ipv4']?.('256.1.1.1'), false);
  assert.equal(f['ipv6']?.('fd00::1'), true);
  assert.equal(f['ipv6']?.('::ffff:10.0.0.1'), true);
  assert.equal(f['ipv6']?.('fd00::1::2'), false);
  assert.equal(f['ipv6']?.('10.0.0.1'), false);
  assert.equal(f['hostname']?.('example.com'), true);
  assert.equal(f['hostname']?.('-bad.com'), false);
  assert.equal(f['uuid']?.('123e4567-e89b-12d3-a456-426614174000'), true);
  assert.equal(f['email']?.('me@example.com'), true);
  assert.equal(f['email']?.('me@'), false);
});

test('did-you-mean picks a close known field name, or none', () => {
  assert.equal(closestName('replicaz', ['replicas', 'selector']), 'replicas');
  assert.equal(closestName('imagePulPolicy', ['image', 'imagePullPolicy']), 'imagePullPolicy');
  assert.equal(closestName('sepc', ['spec', 'status']), 'spec');
  assert.equal(closestName('Interval', ['interval']), 'interval');
  assert.equal(closestName('foo', ['spec', 'status']), undefined);
  assert.equal(closestName('ab', ['cd']), undefined);
});
