import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyTransaction, ApplyError, removeEmptyDirs } from './atomic.js';
import { cleanRefusal } from './safety.js';
import { isWithinPath as isWithin } from '../../io/path-within.js';
import { readManifest, serializeManifest, sha256, MANIFEST_FORMAT } from './manifest.js';
import { resolveConfig } from '../config/resolve.js';
import { snapshot, tempRepo } from '../../../test/e2e/configure-support.js';

const buf = (s: string) => Buffer.from(s);

test('atomic: all writes land, modes are kept or copied, deletes happen', (t) => {
  const r = tempRepo({ 'out/a.txt': 'old a', 'out/gone.txt': 'bye' });
  t.after(r.cleanup);
  chmodSync(join(r.dir, 'out/a.txt'), 0o600);
  const mtime = new Date('2001-02-03T04:05:06Z');
  applyTransaction({
    writes: [
      { path: join(r.dir, 'out/a.txt'), bytes: buf('new a'), meta: null },
      { path: join(r.dir, 'out/deep/b.txt'), bytes: buf('b'), meta: { mode: 0o640, atime: mtime, mtime } },
    ],
    deletes: [join(r.dir, 'out/gone.txt')],
  });
  const snap = snapshot(r.dir);
  assert.deepEqual([...snap.keys()], ['out/', 'out/a.txt', 'out/deep/', 'out/deep/b.txt']);
  assert.equal(readFileSync(join(r.dir, 'out/a.txt'), 'utf8'), 'new a');
  assert.equal(statSync(join(r.dir, 'out/a.txt')).mode & 0o777, 0o600, 'an existing file keeps its mode');
  assert.equal(statSync(join(r.dir, 'out/deep/b.txt')).mode & 0o777, 0o640);
  assert.equal(statSync(join(r.dir, 'out/deep/b.txt')).mtime.getTime(), mtime.getTime());
});

test('atomic: a failure part-way leaves the tree byte-for-byte as it was', (t) => {
  const r = tempRepo({ 'out/a.txt': 'old a', 'out/blocker': 'a file where a folder is needed', 'out/keep.txt': 'keep' });
  t.after(r.cleanup);
  const before = snapshot(r.dir);
  assert.throws(
    () =>
      applyTransaction({
        writes: [
          { path: join(r.dir, 'out/a.txt'), bytes: buf('new a'), meta: null },
          { path: join(r.dir, 'out/new/deeper/c.txt'), bytes: buf('c'), meta: null },
          { path: join(r.dir, 'out/blocker/d.txt'), bytes: buf('d'), meta: null },
        ],
        deletes: [join(r.dir, 'out/keep.txt')],
      }),
    ApplyError,
  );
  assert.deepEqual(snapshot(r.dir), before);
});

test('atomic: clean moves the folder aside and restores it on failure', (t) => {
  const r = tempRepo({ 'out/old.txt': 'old', 'out/blocker': 'x' });
  t.after(r.cleanup);
  const before = snapshot(r.dir);
  assert.throws(() => applyTransaction({ writes: [{ path: join(r.dir, 'out/blocker/x/y'), bytes: buf('y'), meta: null }, { path: join(r.dir, 'out/blocker'), bytes: buf('z'), meta: null }].reverse(), deletes: [], cleanDir: join(r.dir, 'out') }), ApplyError);
  assert.deepEqual(snapshot(r.dir), before);
  applyTransaction({ writes: [{ path: join(r.dir, 'out/new.txt'), bytes: buf('n'), meta: null }], deletes: [], cleanDir: join(r.dir, 'out') });
  assert.deepEqual([...snapshot(r.dir).keys()], ['out/', 'out/new.txt']);
});

test('empty folders are removed deepest first, never the output root', (t) => {
  const r = tempRepo({ 'out/a/b/.keep-me-not': '', 'out/c/file': 'x' });
  t.after(r.cleanup);
  applyTransaction({ writes: [], deletes: [join(r.dir, 'out/a/b/.keep-me-not')] });
  const removed = removeEmptyDirs([join(r.dir, 'out/a'), join(r.dir, 'out/a/b'), join(r.dir, 'out/c'), join(r.dir, 'out')], join(r.dir, 'out'));
  assert.deepEqual(removed.map((d) => d.slice(r.dir.length + 1)), ['out/a/b', 'out/a']);
});

test('manifest: deterministic text, damaged files reported', (t) => {
  const r = tempRepo({ '.hops/configure-manifest.json': '{"format": "nope"}' });
  t.after(r.cleanup);
  assert.match(readManifest(r.dir).problem!, /not a hops\/configure-manifest\/v1 file/);
  const text = serializeManifest({ format: MANIFEST_FORMAT, files: { 'b.yaml': { sha256: sha256(buf('b')), from: 't/b.yaml.j2' }, 'a.yaml': { sha256: 'x', from: 't/a' } } }).toString();
  assert.ok(text.indexOf('"a.yaml"') < text.indexOf('"b.yaml"'));
  assert.ok(text.endsWith('}\n'));
});

test('clean is refused for the repository folder, the git root and folders holding inputs', (t) => {
  const r = tempRepo({ 'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "./"\nclean = true\n', 'templates/a.j2': '', '.git/HEAD': '' });
  t.after(r.cleanup);
  const cfg = (over: Record<string, string | string[]>) => resolveConfig({ root: r.dir, cwd: r.dir, env: {}, overrides: over }).config;
  assert.match(cleanRefusal(cfg({}))!.message, /is the repository folder/);
  assert.match(cleanRefusal(cfg({ output: '..' }))!.message, /is the repository folder \(where makejinja.toml is\) or contains it/);
  assert.match(cleanRefusal(cfg({ output: 'templates' }))!.message, /holds an input of this run \(templates\)/);
  assert.equal(cleanRefusal(cfg({ output: 'rendered' })), null);
  assert.equal(isWithin('/a/b', '/a/b/..c'), true);
  assert.equal(isWithin('/a/b', '/a/bc'), false);
});
