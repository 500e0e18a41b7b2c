import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DiskFS, MemoryFS } from '../io/fs.js';
import { CachedFS } from './cached-fs.js';
import { MountFS } from './mount-fs.js';
import { compareTrees, openSides } from './sides.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, ...args: string[]): void => void spawnSync('git', args, { cwd, env });

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hops-sides-'));
  const w = (p: string, t: string): void => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  };
  w('repo/a.yaml', 'a: 1\n');
  w('repo/sub/b.yaml', 'b: 1\n');
  w('repo/sub/gone.yaml', 'gone\n');
  w('repo/.gitignore', 'ignored.yaml\n');
  return dir;
}

test('a git ref: changed files from git (edits, deletions, untracked), contents of the ref, the tree at the same path', { skip: !hasGit }, () => {
  const dir = tree();
  try {
    const root = join(dir, 'repo');
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'one');
    writeFileSync(join(root, 'a.yaml'), 'a: 2\n');
    rmSync(join(root, 'sub/gone.yaml'));
    writeFileSync(join(root, 'new.yaml'), 'new\n');
    writeFileSync(join(root, 'ignored.yaml'), 'ignored\n');
    const s = openSides(root, { ref: 'main' });
    assert.deepEqual([...s.changedFiles()].sort(), ['a.yaml', 'new.yaml', 'sub/gone.yaml']);
    assert.equal(s.before.root, root);
    assert.equal(s.before.fs.readText(join(root, 'a.yaml')), 'a: 1\n');
    assert.equal(s.before.fs.readText(join(root, 'sub/gone.yaml')), 'gone\n');
    assert.equal(s.before.fs.readText(join(root, 'sub/b.yaml')), 'b: 1\n');
    assert.equal(s.before.fs.exists(join(root, 'new.yaml')), false);
    assert.equal(s.after.fs.readText(join(root, 'a.yaml')), 'a: 2\n');
    assert.equal(s.before.label, 'main');
    assert.equal(s.after.label, 'working tree');
    // a root below the top folder, reached through a symlink
    const link = join(dir, 'link');
    symlinkSync(join(root, 'sub'), link);
    const sub = openSides(link, { ref: 'HEAD' });
    assert.deepEqual([...sub.changedFiles()], ['gone.yaml']);
    assert.equal(sub.before.fs.readText(join(link, 'gone.yaml')), 'gone\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('another folder is seen at the root, and compared file by file', () => {
  const dir = tree();
  try {
    const root = join(dir, 'repo');
    cpSync(root, join(dir, 'orig'), { recursive: true });
    writeFileSync(join(root, 'a.yaml'), 'a: 2\n');
    writeFileSync(join(dir, 'orig/only-old.yaml'), 'x\n');
    const s = openSides(root, { path: join(dir, 'orig') });
    assert.equal(s.before.fs.readText(join(root, 'a.yaml')), 'a: 1\n');
    assert.ok(s.before.fs.isFile(join(root, 'only-old.yaml')));
    assert.equal(s.before.fs.exists(join(dir, 'orig/a.yaml')), false, 'only the mount point is visible');
    assert.deepEqual([...s.changedFiles()].sort(), ['a.yaml', 'only-old.yaml']);
    const m = new MountFS(new DiskFS(), '/view', join(dir, 'orig'));
    assert.deepEqual(m.readDir('/view/sub'), ['b.yaml', 'gone.yaml']);
    assert.equal(m.realpath!('/view/sub/b.yaml'), '/view/sub/b.yaml');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CachedFS answers like the filesystem it wraps', () => {
  const base = new MemoryFS({ '/r/a.yaml': 'a', '/r/d/b.yaml': 'b' });
  const c = new CachedFS(base);
  for (const p of ['/r', '/r/a.yaml', '/r/d', '/r/d/b.yaml', '/r/nope', '/r/d/nope', '/nope/x']) {
    assert.equal(c.exists(p), base.exists(p), p);
    assert.equal(c.isFile(p), base.isFile(p), p);
    assert.equal(c.isDirectory(p), base.isDirectory(p), p);
  }
  assert.deepEqual(c.readDir('/r'), ['a.yaml', 'd']);
  assert.equal(c.readText('/r/d/b.yaml'), 'b');
  assert.throws(() => c.readFile('/r/nope'), /no such file/);
  assert.deepEqual([...compareTrees(base, new MemoryFS({ '/r/a.yaml': 'A', '/r/d/b.yaml': 'b', '/r/c.yaml': 'c' }), '/r')].sort(), ['a.yaml', 'c.yaml']);
});
