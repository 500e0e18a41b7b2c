import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { entryDir, pathModeRoot } from './paths.js';

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

test('build path root: the current folder when it holds every dir, else the git work tree holding them, else a usage error', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hops-pathroot-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const repo = join(root, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'apps', 'a'), { recursive: true });
  mkdirSync(join(repo, 'apps', 'b'), { recursive: true });
  mkdirSync(join(root, 'plain', 'x'), { recursive: true });
  const cwd = join(root, 'elsewhere');
  mkdirSync(cwd);
  assert.equal(pathModeRoot(join(repo, 'apps'), [join(repo, 'apps', 'a')]), join(repo, 'apps'));
  assert.equal(pathModeRoot(cwd, [join(repo, 'apps', 'a'), join(repo, 'apps', 'b')]), repo);
  assert.throws(() => pathModeRoot(cwd, [join(repo, 'apps', 'a'), join(root, 'plain', 'x')]), (e: unknown) => e instanceof UsageError && /no one git repository/.test(e.message) && /--path <repo>/.test(e.hint ?? ''));
  assert.throws(() => pathModeRoot(cwd, [join(root, 'plain', 'x')]), (e: unknown) => e instanceof UsageError && e.message.includes(join(root, 'plain', 'x')));
});
