import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from './unified-diff.js';

/** Apply a unified diff produced by unifiedDiff to `before` (test oracle). */
function applyPatch(before: string, patch: string): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let ai = 0;
  for (const line of patch.split('\n')) {
    const h = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(line);
    if (h) {
      const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
      while (ai < start) out.push(a[ai++]!);
      continue;
    }
    if (line.startsWith(' ')) {
      assert.equal(a[ai], line.slice(1));
      out.push(a[ai++]!);
    } else if (line.startsWith('-') && !line.startsWith('---')) {
      assert.equal(a[ai], line.slice(1));
      ai++;
    } else if (line.startsWith('+') && !line.startsWith('+++')) out.push(line.slice(1));
  }
  while (ai < a.length) out.push(a[ai++]!);
  return out.length ? out.join('\n') + '\n' : '';
}

test('unified diff: exact hunk for a one-line change', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
  const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
  assert.equal(unifiedDiff(before, after, 'a/x', 'b/x'), '--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  assert.equal(unifiedDiff(before, before, 'a', 'b'), '');
});

test('unified diff: new and deleted files', () => {
  assert.equal(unifiedDiff('', 'x\ny\n', '/dev/null', 'b/new'), '--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  assert.equal(unifiedDiff('x\n', '', 'a/old', '/dev/null'), '--- a/old\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n');
});

test('unified diff: patches re-apply for random edits', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let round = 0; round < 300; round++) {
    const a = Array.from({ length: rnd(30) }, () => 'l' + rnd(6));
    const b = a.filter(() => rnd(5) !== 0).flatMap((l) => (rnd(6) === 0 ? [l, 'n' + rnd(4)] : [l]));
    const before = a.length ? a.join('\n') + '\n' : '';
    const after = b.length ? b.join('\n') + '\n' : '';
    assert.equal(applyPatch(before, unifiedDiff(before, after, 'a', 'b')), after);
  }
});
