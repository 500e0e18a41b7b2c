import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { comparePaths, globEntries, pathMatch, walkTree } from './pathlib.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

const FILES = ['a.yaml.j2', 'a-b/x.j2', 'a/x.j2', 'a/b/c.txt', '.hidden/z.j2', '.dot.j2', 'B.j2', 'b/Z.j2', 'é.j2', 'a/b.partial.yaml.j2'];

function python(): string | null {
  for (const py of [process.env['HOPS_PYTHON'], '/usr/bin/python3', 'python3']) {
    if (py && spawnSync(py, ['-c', 'import pathlib'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

test('glob: the same entries in the same order as sorted(Path.glob(pattern))', (t) => {
  const r = tempRepo(Object.fromEntries(FILES.map((f) => [f, ''])));
  t.after(r.cleanup);
  const tree = walkTree(r.dir);
  const patterns = ['**/*', '*.j2', '**/*.j2', 'a/**', '**/b/*'];
  const ours = patterns.map((p) => globEntries(tree, p).map((e) => e.rel));
  assert.deepEqual(ours[0]!.slice(0, 6), ['.dot.j2', '.hidden', '.hidden/z.j2', 'B.j2', 'a', 'a/b'], 'component-wise order, hidden files included');
  const py = python();
  if (!py) return t.skip('python3 not found for the pathlib oracle');
  const script = `import sys, json, pathlib\nroot = pathlib.Path(sys.argv[1])\nprint(json.dumps([[p.relative_to(root).as_posix() for p in sorted(root.glob(pat)) if p != root] for pat in json.loads(sys.argv[2])]))`;
  const res = spawnSync(py, ['-c', script, r.dir, JSON.stringify(patterns)], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(ours, JSON.parse(res.stdout));
});

test('Path.match: from the right, ** acts like *, absolute patterns match whole paths', () => {
  assert.equal(pathMatch('/r/template/overrides/readme.partial.yaml.j2', '*.partial.yaml.j2'), true);
  assert.equal(pathMatch('/r/a/b/c.yaml', 'b/*.yaml'), true);
  assert.equal(pathMatch('/r/a/b/c.yaml', 'a/*.yaml'), false);
  assert.equal(pathMatch('/r/a/b/c.yaml', '**/c.yaml'), true);
  assert.equal(pathMatch('/r/a/b/x/c.yaml', 'a/**/c.yaml'), false, '** is not recursive in Path.match');
  assert.equal(pathMatch('/r/a/c.yaml', '/r/*/c.yaml'), true);
  assert.equal(pathMatch('/r/a/c.yaml', '/*/c.yaml'), false);
  assert.equal(pathMatch('/r/a/secret.yaml', '[st]ecret.yaml'), true);
  assert.equal(pathMatch('/r/a/Secret.yaml', 'secret.yaml'), false, 'case-sensitive on POSIX');
});

test('path order compares components, not strings', () => {
  const p = (s: string) => ({ parts: s.split('/') });
  assert.ok(comparePaths(p('a/x'), p('a-b/x')) < 0);
  assert.ok('a/x' > 'a-b/x');
  assert.ok(comparePaths(p('a'), p('a/b')) < 0);
});
