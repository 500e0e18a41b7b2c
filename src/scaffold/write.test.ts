import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HopsError } from '../core/errors.js';
import { writeAll } from './write.js';

test('writeAll writes every file, creating folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-write-'));
  try {
    writeFileSync(join(root, 'k.yaml'), 'old\n');
    writeAll(root, new Map([['a/b/c.yaml', 'c\n'], ['k.yaml', 'new\n']]));
    assert.equal(readFileSync(join(root, 'a/b/c.yaml'), 'utf8'), 'c\n');
    assert.equal(readFileSync(join(root, 'k.yaml'), 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(root).sort(), ['a', 'k.yaml']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('writeAll writes nothing when one file cannot be written: edits undone, new folders removed', () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-write-'));
  try {
    writeFileSync(join(root, 'k.yaml'), 'old\n');
    writeFileSync(join(root, 'blocker'), 'a file where a folder would go\n');
    assert.throws(() => writeAll(root, new Map([['k.yaml', 'new\n'], ['x/y.yaml', 'y\n'], ['blocker/z.yaml', 'z\n']])), (e: unknown) => e instanceof HopsError && /nothing was changed/.test(e.message));
    assert.equal(readFileSync(join(root, 'k.yaml'), 'utf8'), 'old\n');
    assert.equal(existsSync(join(root, 'x')), false);
    assert.deepEqual(readdirSync(root).sort(), ['blocker', 'k.yaml']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
