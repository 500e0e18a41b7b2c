import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringifyDocuments, stringifyYaml, YamlWriteError } from './yaml-write.js';

// Expected texts are kustomize v5.7.1 outputs (test/e2e/yaml-probes.test.ts checks the same rules against kubectl).

test('layout: sorted keys, 2-space indent, sequences not indented under their key', () => {
  const v = { spec: { containers: [{ name: 'app', args: ['a', 'b'] }], replicas: 1 }, kind: 'Deployment', apiVersion: 'apps/v1' };
  assert.equal(stringifyYaml(v), [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  containers:',
    '  - args:',
    '    - a',
    '    - b',
    '    name: app',
    '  replicas: 1',
    '',
  ].join('\n'));
});

test('empty collections, null and nested sequences', () => {
  assert.equal(stringifyYaml({ a: {}, b: [], c: null, d: [[], {}, null, ['x', ['y']]] }),
    'a: {}\nb: []\nc: null\nd:\n- []\n- {}\n- null\n- - x\n  - - "y"\n');
  assert.equal(stringifyYaml({}), '{}\n');
  assert.equal(stringifyYaml([]), '[]\n');
  assert.equal(stringifyYaml('x'), 'x\n');
});

test('quoting: double where plain would change type, single where merely unsafe', () => {
  const cases: [string, string][] = [
    ['true', '"true"'], ['yes', '"yes"'], ['on', '"on"'], ['y', '"y"'], ['1', '"1"'], ['0755', '"0755"'],
    ['1e3', '"1e3"'], ['2024-01-02', '"2024-01-02"'], ['12:30', '"12:30"'], ['', '""'], ['~', '"~"'], ['null', '"null"'],
    ['a: b', "'a: b'"], ['*', "'*'"], ['- x', "'- x'"], [' lead', "' lead'"], ['trail ', "'trail '"], ['a #b', "'a #b'"],
    ["it's", "it's"], ["'q'", "'''q'''"], ['a#b', 'a#b'], ['<<', '<<'], ['1e400', '1e400'], ['2024-02-30', '2024-02-30'],
    ['tab\there', '"tab\\there"'], ['😀', '"\\U0001F600"'], ['é', 'é'], ['\u00a0x', '\u00a0x'], ['\u0001', '"\\x01"'],
  ];
  for (const [s, want] of cases) assert.equal(stringifyYaml({ k: s }), `k: ${want}\n`, JSON.stringify(s));
  assert.equal(stringifyYaml({ y: 1, n: 2, on: 3 }), '"n": 2\n"on": 3\n"y": 1\n');
});

test('numbers and big integers', () => {
  assert.equal(stringifyYaml({ a: 1.0, b: 1e3, c: 0.5, d: 1e-6, e: 1234567.5, f: 1e21, g: -0, h: 12345678901234567890n }),
    'a: 1\nb: 1000\nc: 0.5\nd: 1e-06\ne: 1.2345675e+06\nf: 1e+21\ng: 0\nh: 12345678901234567890\n');
  assert.throws(() => stringifyYaml({ a: { b: Infinity } }), (e) => e instanceof YamlWriteError && /\+Inf/.test(e.message));
  assert.throws(() => stringifyYaml({ a: NaN }), YamlWriteError);
});

test('multi-line strings: literal blocks with chomping, double quotes when a block cannot hold them', () => {
  assert.equal(stringifyYaml({ k: 'a\nb\n' }), 'k: |\n  a\n  b\n');
  assert.equal(stringifyYaml({ k: 'a\nb' }), 'k: |-\n  a\n  b\n');
  assert.equal(stringifyYaml({ k: 'a\n\n' }), 'k: |+\n  a\n\n');
  assert.equal(stringifyYaml({ k: '\n' }), 'k: |2+\n\n');
  assert.equal(stringifyYaml({ k: ' a\nb\n' }), 'k: |2\n   a\n  b\n');
  assert.equal(stringifyYaml({ k: 'x  \ny' }), 'k: "x  \\ny"\n'); // space before a break
  assert.equal(stringifyYaml({ k: 'a\tb\nc' }), 'k: "a\\tb\\nc"\n'); // tab is unprintable for go-yaml v2
  assert.equal(stringifyYaml({ k: 'a\nb ' }), 'k: "a\\nb "\n'); // trailing space
  assert.equal(stringifyYaml(['a\nb']), '- |-\n  a\n  b\n');
  assert.equal(stringifyYaml({ 'multi\nline': 1 }), '? |-\n  multi\n  line\n: 1\n');
});

test('long strings fold past column 80', () => {
  const s = 'The quick brown fox jumps over the lazy dog and keeps running far beyond the column eighty limit';
  // The break comes at the first space past column 80 (here after "column").
  assert.equal(stringifyYaml({ m: s }),
    'm: The quick brown fox jumps over the lazy dog and keeps running far beyond the column\n  eighty limit\n');
  assert.equal(stringifyYaml({ n: s.replace('fox', 'fox:') }),
    `"n": 'The quick brown fox: jumps over the lazy dog and keeps running far beyond the\n  column eighty limit'\n`);
  assert.equal(stringifyYaml({ o: s + '\t' }),
    'o: "The quick brown fox jumps over the lazy dog and keeps running far beyond the column\n  eighty limit\\t"\n');
  const long = 'k'.repeat(129);
  assert.equal(stringifyYaml({ [long]: 1 }), `? ${long}\n: 1\n`);
});

test('JSON trip effects: NEL folds to a space, control characters fail, undefined is dropped', () => {
  assert.equal(stringifyYaml({ k: 'a \u0085 b' }), 'k: a b\n');
  assert.equal(stringifyYaml({ k: 'a\u0085\u0085b' }), 'k: |-\n  a\n  b\n');
  assert.throws(() => stringifyYaml({ k: 'a\u007fb' }), YamlWriteError);
  assert.equal(stringifyYaml({ a: 1, b: undefined }), 'a: 1\n');
});

test('documents are joined by ---', () => {
  assert.equal(stringifyDocuments([{ a: 1 }, { b: 2 }]), 'a: 1\n---\nb: 2\n');
  assert.equal(stringifyDocuments([]), '');
});

test('write errors carry the path of the value', () => {
  try {
    stringifyYaml({ spec: { items: [{ ok: 1 }, { bad: Infinity }] } });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof YamlWriteError);
    assert.deepEqual(e.path, ['spec', 'items', 1, 'bad']);
  }
});
