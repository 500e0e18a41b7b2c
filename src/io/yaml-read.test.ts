import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, parseYamlDocuments, YamlParseError } from './yaml-read.js';
import { InputError } from '../core/errors.js';

test('values follow go-yaml v3 resolution; comments are dropped', () => {
  const v = parseYaml(`# comment
a: yes          # stays a string
b: on
c: 0755
d: 1_000
e: 2024-01-02
f: 1.0
g: "true"
h: ~
i:
j: 12345678901234567890
k: !!str 5
l: !!float 5
m: !custom text
n: !!binary aGVsbG8=
`, 'x.yaml');
  assert.deepEqual(v, {
    a: 'yes', b: 'on', c: 493, d: 1000, e: '2024-01-02T00:00:00Z', f: 1, g: 'true', h: null, i: null,
    j: 12345678901234567890n, k: '5', l: 5, m: 'text', n: 'hello',
  });
});

test('anchors, aliases and merge keys are expanded (own keys win, then earlier sources)', () => {
  const v = parseYaml(`base: &b {k1: v1, k2: v2}
other: &o {k2: o2, k3: o3}
m:
  <<: *b
  k2: own
m2:
  <<: [*b, *o]
s: &s [1, 2]
t: *s
`, 'x.yaml') as Record<string, unknown>;
  assert.deepEqual(v['m'], { k2: 'own', k1: 'v1' });
  assert.deepEqual(v['m2'], { k1: 'v1', k2: 'v2', k3: 'o3' });
  assert.deepEqual(v['t'], [1, 2]);
  assert.notEqual(v['t'], v['s']); // each alias is its own copy
});

test('alias used as a key with the colon attached (*app:) reads as go-yaml does', () => {
  const docs = parseYamlDocuments('a: &app web\nc:\n  *app:\n    x: 1\n  z: 2\n', 'x.yaml');
  assert.deepEqual(docs[0]!.value, { a: 'web', c: { web: { x: 1 }, z: 2 } });
  assert.deepEqual(docs[0]!.posOf(['c', 'z']), { line: 5, col: 3 }); // positions refer to the original text
});

test('positions: lineOf/posOf for keys and items, startLine per document', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n---\n# c\nmetadata:\n  name: x\nlist:\n  - a\n  - b: 1\n';
  const docs = parseYamlDocuments(text, 'x.yaml');
  assert.equal(docs.length, 2);
  assert.equal(docs[0]!.startLine, 1);
  assert.equal(docs[1]!.startLine, 3);
  assert.equal(docs[1]!.lineOf(['metadata', 'name']), 6);
  assert.deepEqual(docs[1]!.posOf(['metadata', 'name']), { line: 6, col: 3 });
  assert.equal(docs[1]!.lineOf(['list', 1, 'b']), 9);
  assert.equal(docs[1]!.lineOf(['list', 5]), undefined);
  assert.equal(docs[1]!.lineOf(['nope']), undefined);
});

test("scalarText gives go-yaml's node text before resolution", () => {
  const [doc] = parseYamlDocuments('a: 1.0\nb: yes\nc: 2024-01-02\nd: ~\ne:\nf: {x: [1, 0x10]}\n', 'x.yaml');
  assert.equal(doc!.scalarText(['a']), '1.0');
  assert.equal(doc!.scalarText(['b']), 'yes');
  assert.equal(doc!.scalarText(['c']), '2024-01-02');
  assert.equal(doc!.scalarText(['d']), '~');
  assert.equal(doc!.scalarText(['e']), '');
  assert.equal(doc!.scalarText(['f', 'x', 1]), '0x10');
  assert.equal(doc!.scalarText(['f']), undefined);
});

test('empty documents come back as null; CRLF is read as LF', () => {
  const docs = parseYamlDocuments('---\n---\na: |\r\n  x\r\n  y\r\n', 'x.yaml');
  assert.deepEqual(docs.map((d) => d.value), [null, { a: 'x\ny\n' }]);
});

test("folded scalars get the value kyaml's go-yaml v3 round trip leaves", () => {
  const v = parseYaml('a: >-\n  [\n    x\n  ]\nb: >\n  one\n  two\n', 'x.yaml') as Record<string, string>;
  assert.equal(v['a'], '[\n\n  x\n]');
  assert.equal(v['b'], 'one two\n');
});

test('nested keys that are not strings are reported (kustomize cannot print them)', () => {
  const [doc] = parseYamlDocuments('1: top\nx:\n  2: a\n  true: b\n  "3": c\n', 'x.yaml');
  assert.deepEqual(doc!.value, { '1': 'top', x: { '2': 'a', true: 'b', '3': 'c' } });
  assert.deepEqual(doc!.keyProblems.map((p) => [p.path, p.line]), [[['x', '2'], 3], [['x', 'true'], 4]]);
});

test('errors name file, line, column and reason', () => {
  const cases: [string, number, RegExp][] = [
    ['a: 1\na: 2\n', 2, /^mapping key already defined at line 1$/],
    ['a:\n  b: 1\n c: 2\n', 3, /./],
    ['a: "unterminated\n', 1, /end of stream while scanning a quoted scalar/], // reported at the scalar, as go-yaml does
    ['a: *nope\n', 1, /^unknown anchor referenced$/],
    ['a: 1\n--- b: 2\n', 2, /^invalid document separator: a `---` line may only be followed by a comment$/],
    ['a: !!int x\n', 1, /^cannot decode a !!str scalar as a !!int$/],
    ['m:\n  <<: 5\n', 2, /map merge requires map or sequence of maps/],
  ];
  for (const [text, line, reason] of cases) {
    try {
      parseYamlDocuments(text, 'dir/f.yaml');
      assert.fail(`no error for ${JSON.stringify(text)}`);
    } catch (e) {
      assert.ok(e instanceof YamlParseError, String(e));
      assert.ok(e instanceof InputError);
      assert.equal(e.file, 'dir/f.yaml');
      assert.equal(e.line, line, `${JSON.stringify(text)}: ${e.message}`);
      assert.equal(typeof e.col, 'number');
      assert.match(e.reason, reason);
      assert.ok(e.message.startsWith(`dir/f.yaml:${line}:${e.col}: `), e.message);
    }
  }
});

test('__proto__ is an ordinary key', () => {
  const v = parseYaml('__proto__: {polluted: 1}\n', 'x.yaml') as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ['__proto__']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('sigs-yaml rules: how kustomize reads kustomization files (go-yaml v2 through sigs.k8s.io/yaml)', () => {
  const v = parseYaml('a: yes\nb: on\nc: 2024-01-02\nd: 0x10\nn: No\n1: x\n1.5: z\ntrue: t\ne: >\n  x\n    y\n', 'k.yaml', { rules: 'sigs-yaml' });
  // `n` as a key is the boolean false, so its JSON key is "false".
  assert.deepEqual(v, { a: true, b: true, c: '2024-01-02', d: 16, false: false, '1': 'x', '1.5': 'z', true: 't', e: 'x\n  y\n' });
  assert.throws(() => parseYaml('~: x\n', 'k.yaml', { rules: 'sigs-yaml' }), /unsupported map key/);
});

test('a read error never quotes the text: a Secret value is never in the message', () => {
  const secret = (line: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n${line}`;
  const cases: Array<[string, string]> = [
    ['--- password: hunter2-sep\n', 'hunter2-sep'], // a `---` line with content after it
    ['  password: *hunter2-alias\n', 'hunter2-alias'], // a value written with a leading `*` reads as an alias
    ['  password: !!int hunter2-tag\n', 'hunter2-tag'], // a tag that does not fit the value
    ['  hunter2-key: a\n  hunter2-key: b\n', 'hunter2-key'], // a key given twice
    ['  password: "hunter2-\\q"\n', 'hunter2-'], // a bad escape in a quoted value
    ['  password: hunter2-ctl\u0001\n', 'hunter2-ctl'], // a control character
  ];
  for (const [line, value] of cases) {
    const text = secret(line);
    assert.throws(
      () => parseYamlDocuments(text, 'secret.yaml'),
      (e) => {
        assert.ok(e instanceof YamlParseError, String(e));
        assert.ok(!e.message.includes(value) && !e.reason.includes(value), e.message);
        assert.match(e.message, /^secret\.yaml:\d+:\d+: /);
        assert.ok(e.line! >= 5, e.message);
        return true;
      },
      line,
    );
  }
});

test('duplicateKeys collect: each repeat listed once (aliases too), the later value kept and located; default fails', () => {
  const text = 'a: 1\nb:\n  x: &m {k: 1, k: 2}\n  x: 3\na: 4\nc: *m\nd:\n  - 1\n';
  assert.throws(() => parseYamlDocuments(text, 'f.yaml'), /f\.yaml:5:1: mapping key already defined at line 1/);
  const [doc] = parseYamlDocuments(text, 'f.yaml', { duplicateKeys: 'collect' });
  assert.deepEqual(doc!.value, { a: 4, b: { x: 3 }, c: { k: 2 }, d: [1] });
  assert.deepEqual(doc!.duplicateKeys, [
    { key: 'a', at: { line: 5, col: 1 }, first: { line: 1, col: 1 } },
    { key: 'x', at: { line: 4, col: 3 }, first: { line: 3, col: 3 } },
    { key: 'k', at: { line: 3, col: 16 }, first: { line: 3, col: 10 } },
  ]);
  assert.deepEqual(doc!.posOf(['a']), { line: 5, col: 1 });
  assert.deepEqual(doc!.posOf(['b', 'x']), { line: 4, col: 3 });
  assert.deepEqual(doc!.posOf(['d', 0]), { line: 8, col: 5 });
  assert.deepEqual(parseYamlDocuments('a: 1\n', 'f.yaml')[0]!.duplicateKeys, []);
});
