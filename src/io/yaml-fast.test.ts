// The fast block-YAML reader must agree with src/io's full reader wherever it does not give up: values, document
// lines, and the scalar texts kustomize keeps (annotations, empty nulls). Checked on hand cases and on every YAML
// file of the shared corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFast } from './yaml-fast.js';
import type { FastDoc } from './yaml-fast.js';
import { parseYamlDocuments } from './yaml-read.js';
import type { YamlDoc } from './yaml-read.js';
import type { YValue } from '../core/resource.js';
import { sharedDir, skipNotice } from '../../test/support/env.js';

type Rules = 'kyaml' | 'sigs-yaml';
const fast = (text: string, rules: Rules = 'kyaml') => parseYamlFast(text, { rules });

/** null when the two readers agree (or the fast one gave up), else a description of the first difference. */
function compare(text: string, file: string, rules: Rules = 'kyaml'): string | null {
  let io: YamlDoc[];
  try {
    io = parseYamlDocuments(text, file, { rules });
  } catch {
    return null; // invalid YAML: the fast reader must not be trusted either way; the io reader reports it
  }
  const fd = fast(text, rules);
  if (!fd) return null;
  if (fd.length !== io.length) return `${fd.length} documents, io has ${io.length}`;
  for (let i = 0; i < fd.length; i++) {
    const a = fd[i] as FastDoc;
    const b = io[i] as YamlDoc;
    if (JSON.stringify(a.value) !== JSON.stringify(b.value)) return `document ${i} value differs`;
    if (a.startLine !== b.startLine) return `document ${i} starts at ${a.startLine}, io says ${b.startLine}`;
    const bad = noteMismatch(a, b);
    if (bad) return `document ${i}: ${bad}`;
  }
  return null;
}

function noteMismatch(a: FastDoc, b: YamlDoc): string | null {
  let out: string | null = null;
  const visit = (v: YValue, parent: object | undefined, key: string | number | undefined, path: (string | number)[]) => {
    if (out) return;
    if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const kk = Array.isArray(v) ? Number(k) : k;
        visit((v as Record<string, YValue>)[k] as YValue, v, kk, [...path, kk]);
      }
      return;
    }
    if (typeof v === 'string' || parent === undefined || key === undefined) return;
    const want = b.scalarText(path);
    const got = a.texts.get(parent)?.get(key);
    if (want !== got) out = `text of ${path.join('.')} is ${JSON.stringify(got)}, io says ${JSON.stringify(want)}`;
    else if (a.scalarText(path) !== want) out = `scalarText of ${path.join('.')} is ${JSON.stringify(a.scalarText(path))}, io says ${JSON.stringify(want)}`;
  };
  visit(a.value, undefined, undefined, []);
  return out;
}

const agree: [string, string][] = [
  ['block maps and lists', 'a: 1\nb:\n  c: [x, "y", 3]\n  d: {e: f, g: 0755}\nl:\n- one\n- k: v\n  m: true\n-\n- - nested\n'],
  ['quotes, comments, empty values', "a: 'it''s' # c\nb: \"tab\\tnew\\nline \\u00e9\"\nc:\nd: ~\ne: null\n# end\n"],
  ['literal and folded blocks', 'a: |\n  one\n  two\n\nb: |-\n  x\n\n  y\nc: >-\n  folded\n  text\n\n    more\n  end\nd: |+\n  keep\n\ne: 1\n'],
  ['anchors and aliases', 'a: &x hello\nb: *x\nc: &m\n  k: 1\nd: *m\nl:\n- &i item\n- *i\n'],
  ['documents and separators', '# head\n---\na: 1\n--- # second\nb: 2\n---\n'],
  ['timestamps and numbers', 'a: 2024-01-02\nb: 1_000\nc: 0x1F\nd: .inf\ne: 1e3\nf: 12:30\n'],
];
const giveUp: [string, string][] = [
  ['tags', 'a: !!str 1\n'],
  ['merge keys', 'a: &b {x: 1}\nc:\n  <<: *b\n'],
  ['multi-line plain scalars', 'a: one\n  two\n'],
  ['flow values holding colons', 'a: [b: c]\n'],
  ['non-string keys', '1: a\n'],
];

for (const [name, text] of agree) {
  test(`fast YAML reader agrees with the full reader: ${name}`, () => {
    assert.ok(fast(text), 'the fast reader should handle this');
    assert.equal(compare(text, name), null);
  });
}
for (const [name, text] of giveUp) {
  test(`fast YAML reader leaves ${name} to the full reader`, () => assert.equal(fast(text), null));
}

test('fast YAML reader with YAML 1.1 rules (kustomization files, JSON patches): keys sigs.k8s.io/yaml types go to the full reader', () => {
  // kubectl kustomize turns `on:` in a JSON patch value into the key "true"
  for (const text of ['value:\n  on: x\n  n: "1"\n', 'value: {yes: 1, b: 2}\n', 'a: [y, on]\nb: 2024-01-02\n']) {
    assert.equal(compare(text, 'patch.yaml', 'sigs-yaml'), null, text);
  }
  assert.equal(fast('value:\n  on: x\n', 'sigs-yaml'), null);
  assert.ok(fast('value:\n  on: x\n'), 'kyaml rules keep `on` a string key');
});

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

const shared = sharedDir();
test('fast YAML reader agrees with the full reader on every corpus file it reads', { skip: shared ? false : skipNotice('fast YAML corpus check', '../shared is absent') }, () => {
  const files = yamlFiles(join(shared as string, 'corpus', 'repos'));
  const problems: string[] = [];
  let handled = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (fast(text)) handled++;
    const d = compare(text, f);
    if (d) problems.push(`${f}: ${d}`);
    // kustomization files are read with YAML 1.1 rules
    const d11 = /(^|\/)kustomization\.ya?ml$/.test(f) ? compare(text, f, 'sigs-yaml') : null;
    if (d11) problems.push(`${f} (YAML 1.1): ${d11}`);
  }
  process.stdout.write(`fast YAML reader: ${handled} of ${files.length} corpus files read without falling back\n`);
  assert.deepEqual(problems.slice(0, 20), []);
  assert.ok(handled / files.length > 0.9, 'the fast reader should handle most files');
});
