import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { YMap } from '../core/resource.js';
import { compareItems } from './compare.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatPatch, formatText, summaryLine } from './format-text.js';
import type { DiffResult } from './result.js';

const cm = (name: string, data: YMap): YMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'apps' }, data });

function result(n: number, lines = 3): DiffResult {
  const before = Array.from({ length: n }, (_, i) => ({ object: cm(`c${i}`, Object.fromEntries(Array.from({ length: lines }, (_, j) => [`k${j}`, 'old ```']))), owner: `apps/app${i}` }));
  const after = before.map((b) => ({ ...b, object: { ...b.object, data: Object.fromEntries(Object.keys(b.object['data'] as YMap).map((k) => [k, 'new'])) } }));
  const objects = compareItems(before, after, { stripAttrs: [], context: 3 });
  return {
    from: 'main',
    to: 'working tree',
    objects,
    kustomizations: objects.map((o) => ({ id: o.owner, status: 'changed', path: `k/${o.owner}`, added: 0, removed: 0, changed: 1 })),
    skipped: 2,
    notes: ['a note'],
    findings: [],
    ok: true,
    stats: { changedFiles: 1, builtBefore: 1, builtAfter: 1, ms: 1 },
  };
}

test('text, patch and summary', () => {
  const r = result(2, 1);
  assert.equal(summaryLine(r), '2 changed, 0 added, 0 removed in 2 Kustomizations (main → working tree); 2 Kustomizations unchanged (not rebuilt)');
  assert.match(formatText(r), /^Kustomization apps\/app0 \(k\/apps\/app0\)\n► ConfigMap\/apps\/c0 changed\n {2}data\.k0\n@@ -1,6 \+1,6 @@\n/);
  assert.match(formatText(r, { color: true }), /\x1b\[31m-  k0: old ```\x1b\[0m/);
  assert.match(formatPatch(r), /^--- a\/ConfigMap\/apps\/c0\.yaml\n\+\+\+ b\/ConfigMap\/apps\/c0\.yaml\n@@ /);
  assert.equal(JSON.parse(formatJson(r)).summary.changed, 2);
  assert.equal(summaryLine({ ...r, objects: [], skipped: 0 }), 'no changes between main and working tree');
});

test('markdown: fences longer than any backtick run, sections that do not fit listed by name, one section cut', () => {
  const r = result(5, 4);
  const all = formatMarkdown(r, { limitBytes: 0 });
  assert.equal((all.match(/<details>/g) ?? []).length, 5);
  assert.match(all, /^````diff$/m, 'the diff holds ``` so the fence is longer');
  assert.match(all, /^> a note$/m);
  const some = formatMarkdown(r, { limitBytes: 1400 });
  assert.ok(Buffer.byteLength(some) <= 1400, String(Buffer.byteLength(some)));
  assert.match(some, /\*\*Not shown\*\* \(output limited to 1400 bytes; run `hops diff` locally for everything\): `apps\/app\d`/);
  const big = formatMarkdown(result(1, 400), { limitBytes: 2000 });
  assert.ok(Buffer.byteLength(big) <= 2000, String(Buffer.byteLength(big)));
  assert.match(big, /\*… cut here: output limited to 2000 bytes\*/);
  assert.equal((big.match(/^````diff$/gm) ?? []).length, 1);
  assert.match(big.split('````diff')[1]!, /^````$/m, 'the cut code block is closed with its own fence');
});
