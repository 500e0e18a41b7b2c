import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskFS, FileNotFoundError, MemoryFS } from './fs.js';
import type { FileSystem } from './fs.js';

function exercise(fs: FileSystem, root: string): void {
  assert.equal(fs.readText(`${root}/app/kustomization.yaml`), 'resources: []\n');
  assert.deepEqual([...fs.readFile(`${root}/app/bin`)], [0, 255]);
  assert.equal(fs.exists(`${root}/app`), true);
  assert.equal(fs.isDirectory(`${root}/app`), true);
  assert.equal(fs.isFile(`${root}/app`), false);
  assert.equal(fs.isFile(`${root}/app/kustomization.yaml`), true);
  assert.equal(fs.exists(`${root}/nope`), false);
  // Sorted bytewise, like Go's os.ReadDir: upper case before lower case, '_' between them.
  assert.deepEqual(fs.readDir(`${root}/app`), ['B.yaml', '_x.yaml', 'a.yaml', 'bin', 'kustomization.yaml', 'sub']);
  assert.deepEqual(fs.readDir(`${root}/app/sub`), ['deep']);
  const err = (() => {
    try {
      fs.readText(`${root}/app/missing.yaml`);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(err instanceof FileNotFoundError);
  assert.equal(err.path, `${root}/app/missing.yaml`);
  assert.throws(() => fs.readFile(`${root}/app`), FileNotFoundError);
  assert.throws(() => fs.readDir(`${root}/app/a.yaml`), FileNotFoundError);
  assert.throws(() => fs.readText('relative/path'), /absolute/);
}

const files: Record<string, string | Buffer> = {
  'app/kustomization.yaml': 'resources: []\n',
  'app/a.yaml': 'a: 1\n',
  'app/B.yaml': 'b: 1\n',
  'app/_x.yaml': 'x: 1\n',
  'app/bin': Buffer.from([0, 255]),
  'app/sub/deep/file.yaml': 'd: 1\n',
};

test('MemoryFS: files with implied directories', () => {
  const fs = new MemoryFS(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/repo/${k}`, v])));
  exercise(fs, '/repo');
  assert.deepEqual(fs.readDir('/'), ['repo']);
  fs.mkdir('/repo/empty');
  assert.deepEqual(fs.readDir('/repo/empty'), []);
  fs.write('/repo/app/a.yaml', 'a: 2\n');
  assert.equal(fs.readText('/repo/app/a.yaml'), 'a: 2\n');
  assert.equal(fs.realpath('/repo/app/../app/a.yaml'), '/repo/app/a.yaml');
});

test('DiskFS: the same view of a real directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-fs-'));
  try {
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), c);
    }
    exercise(new DiskFS(), root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
