// Probes checked against the real `kubectl kustomize` (kustomize v5.7.1): tricky inputs go through a one-resource
// kustomization and through our read + write; the outputs must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { stringifyDocuments } from '../../src/io/yaml-write.js';
import { skipNotice, toolsDir } from '../support/env.js';

const tools = await toolsDir();
const skip = tools ? false : skipNotice('yaml probes', 'kubectl is not available (node scripts/tools.js)');

function kustomize(resource: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hops-yaml-probe-'));
  try {
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- r.yaml\n');
    writeFileSync(join(dir, 'r.yaml'), resource);
    const r = spawnSync(join(tools!, 'kubectl'), ['kustomize', dir], { encoding: 'utf8' });
    return { ok: r.status === 0, out: r.status === 0 ? r.stdout : r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ours(resource: string): string {
  return stringifyDocuments(parseYamlDocuments(resource, 'r.yaml').map((d) => d.value).filter((v) => v !== null));
}

const HEAD = 'apiVersion: v1\nkind: Probe\nmetadata:\n  name: probe\n';

/** Plain scalars (as written in a file) whose reading and printing must match kustomize. */
const PLAIN = [
  'yes', 'on', 'y', 'No', 'off', 'true', 'True', 'tRue', '~', 'null', 'NULL', '0755', '0o17', '0x1F', '0b101', '-0x10',
  '+5', '1_000', '08', '0', '-0', '007', '1.0', '1e3', '.5', '-.5', '1.5e-7', '1_000.5', '1e400', '1e-400', '0x', '0b',
  '1:20', '12:30:45', '9223372036854775807', '-9223372036854775808', '18446744073709551615', '18446744073709551616',
  '9007199254740993', '2024-01-02', '2024-1-2', '2024-02-30', '2024-02-29', '2023-02-29', '2001-12-14 21:59:43.10',
  '2001-12-14t21:59:43.10-05:00', '2024-01-02T10:00:00+00:00', '2024-01-02T10:00:00.123456789123Z', '<<', '.',
  '1.2.3', 'v1', '0b-1', '1234567.5', '123456.5', '0.000001', '0.0001', '1e21', '1e20', '99999999999999999999', '12e-3',
  '-1.5e-7', '100000000000000000000000', 'é', '中文', 'a#b', 'https://example.com/x?y=z#frag', '2001-12-14   1:2:3',
  '2024-01-02T10:00:00,5Z', '2024-01-02T10:00:00-05:30', '2024-01-02T10:00:00', '2024-01-02 10:00:00Z',
  '2024-01-02T10:00:00+01:60', '2024-01-02T24:00:00Z', '5e-324', '1.7976931348623157e308', '0.30000000000000004',
];

/** Strings (written double-quoted in the file) whose printing must match kustomize. */
const STRINGS = [
  '', ' lead', 'trail ', 'a: b', '*', '&a', '!x', '|', '>', '%x', '@x', '`x', '#x', '? x', '?x', ':x', 'x:', '- x', '-x',
  '---', '...', '--- x', 'a #b', 'a#b', "it's", "'q'", '"q"', 'back\\slash', 'tab\there', 'line1\nline2\n', 'a\n', 'a\n\n',
  '\n', ' a\nb\n', 'multi\nline  \nx', 'multi\n line', 'cr\r\nx', '😀', 'ü and ß and 中文', '\u00a0nbsp', '\u2028ls',
  'a\u0085b', 'a \u0085 b', 'a\u0085\u0085b', '\ufeffbom', 'x\ufeff', '\u0001', 'yes', 'on', '1', '0755', '2024-01-02', '12:30', '<<',
  'The quick brown fox jumps over the lazy dog and keeps running far beyond the column eighty limit of go-yaml',
  'The quick brown fox: jumps over the lazy dog and keeps running far beyond the column eighty limit of go-yaml',
  'The quick brown fox jumps over the lazy dog and keeps running far beyond the column eighty limit of\tgo-yaml',
  'word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word  word',
  'x'.repeat(100) + ' ' + 'y'.repeat(20), 'a\n' + 'long line '.repeat(12) + '\n',
];

function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

test('plain scalars read and print as kustomize does', { skip }, () => {
  const body = PLAIN.map((v, i) => `  k${String(i).padStart(3, '0')}: ${v}`).join('\n');
  const doc = `${HEAD}data:\n${body}\n  seq:\n${PLAIN.map((v) => `  - ${v}`).join('\n')}\n`;
  const want = kustomize(doc);
  assert.ok(want.ok, want.out);
  assert.equal(ours(doc), want.out);
});

test('strings print with kustomize quoting, folding and block styles', { skip }, () => {
  const body = STRINGS.map((v, i) => `  k${String(i).padStart(3, '0')}: ${quote(v)}`).join('\n');
  const items = STRINGS.map((v) => `  - ${quote(v)}`).join('\n');
  const nested = STRINGS.map((v) => `      - ${quote(v)}`).join('\n');
  const doc = `${HEAD}data:\n${body}\nlist:\n${items}\ndeep:\n  a:\n    b:\n${nested}\n`;
  const want = kustomize(doc);
  assert.ok(want.ok, want.out);
  assert.equal(ours(doc), want.out);
});

// go-yaml v2's key order is not transitive for some digit runs (x1y < x01y < x10y < x1y, and v1beta1 < v2alpha1 <
// v10 < v1beta1); kustomize then prints such keys in an order that changes from run to run (Go map iteration), so
// those sets are left out here.
test('keys: go-yaml v2 order, quoting, long and multi-line keys', { skip }, () => {
  const keys = ['_u', 'a10', 'a9', 'a09', 'a009', 'Z', '0', '-', '.', 'é', 'B', 'b', 'a', 'a_b', 'a-b', 'a.b', 'a/b', 'x1y',
    'x10y', 'v1', 'v10', 'v1beta1', 'y', 'on', 'true', '1', '', 'a b', 'k'.repeat(130), 'multi\nline', 'a: b', '#c', '😀'];
  const doc = `${HEAD}data:\n${keys.map((k, i) => `  ${quote(k)}: ${i}`).join('\n')}\n`;
  const want = kustomize(doc);
  assert.ok(want.ok, want.out);
  assert.equal(ours(doc), want.out);
});

test('structure: nesting, empty collections, anchors, merges, block scalars', { skip }, () => {
  const doc = `${HEAD}base: &b
  k1: v1
  k2: v2
m:
  <<: *b
  k2: over
m2:
  <<: [*b, {k3: v3, k1: no}]
empty: {}
none: []
nul:
d: [[], {}, null, [a, [b]], {x: 1}, [[[c]]]]
flow: {a: 2001-12-14 21:59:43.10, b: 2024-01-02, c: [2001-12-14 21:59:43.10]}
s: &s hello
t: *s
bin: !!binary aGVsbG8=
str: !!str 123
fl: !!float 5
cust: !Ref foo
fold: >-
  [
    JSONPatch{
  ]
fold2: >+
  a

fold3: >2
   x
  b

  c
fold4: >
  first
    more
  last
fold5: >
  tab\tin
    x
fold6: >
  trailing\x20
    x
lit: |
  keep
    this

list:
- - a
  - b
- name: x
  items:
  - 1
  - {}
- |
  text
`;
  const want = kustomize(doc);
  assert.ok(want.ok, want.out);
  assert.equal(ours(doc), want.out);
});

test('alias keys written as *name: (go-yaml ends the alias name at the colon)', { skip }, () => {
  const doc = `${HEAD}spec:\n  a: &app web\n  controllers:\n    *app:\n      strategy: Recreate\n`;
  const want = kustomize(doc);
  assert.ok(want.ok, want.out);
  assert.equal(ours(doc), want.out);
});

test('a block scalar ending the file without a newline', { skip }, () => {
  for (const tail of ['a: |\n  x', 'a: |+\n  x', 'a: >\n  x\n  y', 'a: |\n  x\n  ', 'a:\n  - |\n    x']) {
    const doc = HEAD + tail;
    const want = kustomize(doc);
    assert.ok(want.ok, want.out);
    assert.equal(ours(doc), want.out, JSON.stringify(tail));
  }
});

test('values kustomize cannot print fail the same way', { skip }, () => {
  for (const v of ['.inf', '.nan', '"\\x7f"']) {
    const doc = `${HEAD}data:\n  a: ${v}\n`;
    assert.equal(kustomize(doc).ok, false, v);
    assert.throws(() => ours(doc), v);
  }
});

/** Syntax corners where go-yaml differs from YAML 1.2 parsers: both sides must agree (output, or failing). */
const SYNTAX = [
  'a:\tb\n', 'a: \tb\n', 'a: b\t# c\n', 'a: b\n\t\nc: d\n', 'a:\n\t- x\n', 'a: [x,\ty]\n', 'a: x\n  \ty\n',
  'a: |\n  x\n\ty\n', '- \tx\n', 'a: "x\n\ty"\n', 'a: "x \u2028 y"\n', 'a: "x \u0085 y"\n', 'a: x\u2028  y\n',
  'a: [-, b]\n', 'a: {x: -}\n', 'a: [a:b, c]\n', 'a: {a:1}\n', 'a: {x: }\n', 'a: [x: ]\n', 'a: [{x}, {y: null}]\n',
  'a: |\n  x\u2028y\n', '? a\n: b\n', 'a: !!str\nb: 1\n', 'a: &x\nb: *x\n', 'a: [1, 2]: 3\n', 'a: "\\/"\n',
  'a: "\\x41\\u00e9\\U0001F600"\n', 'a: b: c\n', 'a:\n  - b\n  c: d\n', 'a: "x\n\n  y"\n', 'a: x\n\n  y\n', "a: 'x'\n",
  'a: ! 12\n', 'a: !<tag:yaml.org,2002:str> 12\n', 'a: >2-\n   x\n  y\n', 'a: &e {k: }\nb: [*e]\n', 'a:\n- b\n-\n- c\n',
  'a: "multi\n  line"\nb: \'x\n\n  y\'\n', '"q": 1\n\'r\': 2\n', 'a: [\n  1,\n  2\n]\n', 'a: {\n  b: 1, c: [2]}\n',
];

test('go-yaml syntax corners (tabs, NEL/LS breaks, flow oddities, escapes)', { skip }, () => {
  for (const body of SYNTAX) {
    const doc = HEAD + body;
    const want = kustomize(doc);
    let got: string | null = null;
    try {
      got = ours(doc);
    } catch {
      got = null;
    }
    if (!want.ok) assert.equal(got, null, `kustomize fails on ${JSON.stringify(body)} but we read it`);
    else assert.equal(got, want.out, JSON.stringify(body));
  }
});
