import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { entryDir } from './paths.js';

test('--entry: a folder inside the repository, even one whose name starts with two dots; not one outside', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hops-entry-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'repo', '..cluster'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  const repo = join(root, 'repo');
  assert.equal(entryDir(repo, '..cluster'), join(repo, '..cluster'));
  assert.equal(entryDir(repo, join(repo, '..cluster')), join(repo, '..cluster'));
  assert.throws(() => entryDir(repo, '../outside'), (e: unknown) => e instanceof UsageError && /outside the repository/.test(e.message));
  assert.throws(() => entryDir(repo, '..'), (e: unknown) => e instanceof UsageError && /outside the repository/.test(e.message));
  assert.throws(() => entryDir(repo, 'missing'), (e: unknown) => e instanceof UsageError && /is not a folder/.test(e.message));
});
