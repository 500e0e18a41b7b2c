import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines } from './line-diff.js';
import type { Edit } from './line-diff.js';
import { splitLines, unifiedBody, unifiedDiff } from './unified.js';

const apply = (edits: Edit[]): { a: string[]; b: string[] } => ({
  a: edits.filter((e) => e.op !== 'insert').map((e) => e.text),
  b: edits.filter((e) => e.op !== 'delete').map((e) => e.text),
});
const cost = (edits: Edit[]): number => edits.filter((e) => e.op !== 'equal').length;

/** Edit distance (insertions + deletions) by dynamic programming, the reference for small cases. */
function lcsDistance(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  return a.length + b.length - 2 * dp[0]![0]!;
}

test('diffLines reproduces both sides; Myers alone is minimal', () => {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let t = 0; t < 300; t++) {
    const a = Array.from({ length: rnd(12) }, () => 'abc'[rnd(3)]!);
    const b = Array.from({ length: rnd(12) }, () => 'abc'[rnd(3)]!);
    assert.deepEqual(apply(diffLines(a, b)), { a, b });
    const m = diffLines(a, b, 'myers');
    assert.deepEqual(apply(m), { a, b });
    assert.equal(cost(m), lcsDistance(a, b), `${a.join('')} → ${b.join('')}`);
  }
});

test('patience keeps moved YAML blocks readable', () => {
  const a = ['containers:', '- name: a', '  image: x:1', '- name: b', '  image: y:1'];
  const b = ['containers:', '- name: a', '  image: x:2', '- name: b', '  image: y:1'];
  assert.deepEqual(
    diffLines(a, b).map((e) => e.op[0] + e.text),
    ['econtainers:', 'e- name: a', 'd  image: x:1', 'i  image: x:2', 'e- name: b', 'e  image: y:1'],
  );
});

test('unified output matches GNU diff -u hunks', { skip: spawnSync('diff', ['--version']).status !== 0 ? 'no diff(1)' : false }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-udiff-'));
  try {
    const base = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const cases: Array<[string[], string[]]> = [
      [base, base.map((l, i) => (i === 5 || i === 30 ? l + ' changed' : l))],
      [base, [...base.slice(0, 10), 'inserted', ...base.slice(10)]],
      [base, base.filter((_, i) => i !== 0 && i !== 39)],
      [[], ['only']],
      [['only'], []],
      [base, base.map((l, i) => (i === 8 || i === 14 ? l + '!' : l))],
    ];
    for (const [x, y] of cases) {
      const a = x.map((l) => l + '\n').join('');
      const b = y.map((l) => l + '\n').join('');
      writeFileSync(join(dir, 'a'), a);
      writeFileSync(join(dir, 'b'), b);
      const gnu = spawnSync('diff', ['-u', '--label', 'a', '--label', 'b', 'a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
      assert.equal(unifiedDiff(a, b, { from: 'a', to: 'b', context: 3 }), gnu);
    }
    assert.equal(unifiedBody('same\n', 'same\n', 3), '');
    assert.deepEqual(splitLines('a\nb\n'), ['a', 'b']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
