import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { UsageError } from '../core/errors.js';
import { FileNotFoundError } from './fs.js';
import { GitFS, gitTopLevel } from './git-fs.js';

const hasGit = spawnSync('git', ['--version']).status === 0;

function sh(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hops-gitfs-'));
  const w = (p: string, text: string): void => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  sh(dir, 'init', '-q', '-b', 'main');
  sh(dir, 'config', 'user.email', 't@example.com');
  sh(dir, 'config', 'user.name', 't');
  w('apps/a/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  w('apps/a/cm.yaml', 'kind: ConfigMap\n');
  w('apps/b/z.yaml', 'z\n');
  w('apps/b/B.yaml', 'B\n');
  w('shared/base.yaml', 'base\n');
  symlinkSync('../shared', join(dir, 'apps/linked'));
  symlinkSync('../../shared/base.yaml', join(dir, 'apps/a/base.yaml'));
  symlinkSync('../nowhere', join(dir, 'apps/dangling'));
  sh(dir, 'add', '-A');
  // a submodule entry (gitlink) without a checkout
  sh(dir, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/sub`);
  sh(dir, 'commit', '-q', '-m', 'one');
  w('apps/a/cm.yaml', 'kind: ConfigMap # edited\n');
  w('apps/new.yaml', 'new\n');
  return dir;
}

test('GitFS reads the committed tree, not the working tree', { skip: !hasGit }, () => {
  const dir = repo();
  try {
    const fs = GitFS.open(join(dir, 'apps'), 'HEAD');
    assert.equal(fs.mount, gitTopLevel(dir));
    const root = fs.mount;
    assert.equal(fs.readText(`${root}/apps/a/cm.yaml`), 'kind: ConfigMap\n');
    assert.equal(fs.exists(`${root}/apps/new.yaml`), false);
    assert.deepEqual(fs.readDir(`${root}/apps`), ['a', 'b', 'dangling', 'linked']);
    assert.deepEqual(fs.readDir(`${root}/apps/b`), ['B.yaml', 'z.yaml']);
    assert.ok(fs.isDirectory(`${root}/apps/a`));
    assert.ok(!fs.isFile(`${root}/apps/a`));
    assert.ok(fs.isFile(`${root}/apps/a/kustomization.yaml`));
    assert.throws(() => fs.readFile(`${root}/apps/missing.yaml`), FileNotFoundError);
    assert.throws(() => fs.readFile(`${root}/apps/a`), /is a directory/);
    assert.throws(() => fs.readDir(`${root}/apps/a/cm.yaml`), /not a directory/);
    assert.ok(fs.blobId(`${root}/apps/a/cm.yaml`)?.match(/^[0-9a-f]{40}$/));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GitFS follows symlinks inside the tree and skips submodules with a notice', { skip: !hasGit }, () => {
  const dir = repo();
  try {
    const fs = GitFS.open(dir, 'main');
    const root = fs.mount;
    assert.equal(fs.readText(`${root}/apps/a/base.yaml`), 'base\n');
    assert.ok(fs.isDirectory(`${root}/apps/linked`));
    assert.deepEqual(fs.readDir(`${root}/apps/linked`), ['base.yaml']);
    assert.equal(fs.readText(`${root}/apps/linked/base.yaml`), 'base\n');
    assert.equal(fs.realpath(`${root}/apps/linked/base.yaml`), `${root}/shared/base.yaml`);
    assert.equal(fs.exists(`${root}/apps/dangling`), false);
    assert.equal(fs.exists(`${root}/vendor/sub`), false);
    assert.equal(fs.notices.length, 1);
    assert.match(fs.notices[0]!, /submodule vendor\/sub .*skipped/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GitFS mounts the tree elsewhere and names a missing ref clearly', { skip: !hasGit }, () => {
  const dir = repo();
  try {
    const fs = GitFS.open(dir, 'HEAD', { mount: '/view' });
    assert.equal(fs.readText('/view/shared/base.yaml'), 'base\n');
    assert.equal(fs.exists(`${dir}/shared/base.yaml`), false);
    assert.throws(() => GitFS.open(dir, 'no-such-branch'), (e: unknown) => e instanceof UsageError && /unknown git ref "no-such-branch"/.test(e.message));
    assert.throws(() => GitFS.open(dir, '--output=x'), UsageError);
    const outside = mkdtempSync(join(tmpdir(), 'hops-nogit-'));
    try {
      assert.throws(() => GitFS.open(outside, 'HEAD'), /not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
