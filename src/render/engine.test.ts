import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTemplate } from './engine.js';

test('a template that is not UTF-8 names the first bad byte and its line, after any real U+FFFD', () => {
  const bytes = Buffer.concat([Buffer.from('a \uFFFD b\nc ', 'utf8'), Buffer.from([0xff]), Buffer.from(' d\n')]);
  assert.throws(() => decodeTemplate(bytes, 't.j2'), /t\.j2 is not UTF-8 text \(byte 0xff at position 10, line 2\)/);
  assert.throws(() => decodeTemplate(Buffer.from([0x61, 0xc3]), 't.j2'), /\(byte 0xc3 at position 1, line 1\)/);
  assert.equal(decodeTemplate(Buffer.from('ok \uFFFD é\n', 'utf8'), 't.j2'), 'ok \uFFFD é\n');
});
