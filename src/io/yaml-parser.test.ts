import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, parseDocuments, YamlSyntaxError } from './yaml-parser.js';
import type { YNode } from './yaml-parser.js';

/** A compact picture of a node tree: scalars as text, mappings as objects, sequences as arrays. */
function shape(n: YNode): unknown {
  switch (n.kind) {
    case Kind.Scalar:
      return n.value;
    case Kind.Alias:
      return { alias: n.name };
    case Kind.Sequence:
      return n.items.map(shape);
    case Kind.Mapping: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n.pairs.length; i += 2) o[String(shape(n.pairs[i]!))] = shape(n.pairs[i + 1]!);
      return o;
    }
  }
}

function one(text: string): unknown {
  const docs = parseDocuments(text);
  assert.equal(docs.length, 1);
  return shape(docs[0]!.root);
}

test('block structure: nested maps, indentless and compact sequences, empty values', () => {
  assert.deepEqual(one('a: 1\nb:\n- x\n- y: z\n  w: [1, {k: v}, p: q]\nc:\nd:\n  - - e\n'), {
    a: '1', b: ['x', { y: 'z', w: ['1', { k: 'v' }, { p: 'q' }] }], c: '', d: [['e']],
  });
  assert.deepEqual(one('- a\n-\n- b: 1\n'), ['a', '', { b: '1' }]);
  assert.deepEqual(one('? a\n: b\n? c\n'), { a: 'b', c: '' });
});

test('scalars: folding, escapes, block indicators, go-yaml line breaks', () => {
  assert.deepEqual(one('a: one\n  two\n\n  three\n'), { a: 'one two\nthree' });
  assert.deepEqual(one('a: "x\\ty\\u00e9\\\n   z"\n'), { a: 'x\tyéz' });
  assert.deepEqual(one("a: 'it''s\n  here'\n"), { a: "it's here" });
  assert.deepEqual(one('a: |2-\n   x\n  y\nb: >\n  p\n  q\n\n  r\n'), { a: ' x\ny', b: 'p q\nr\n' });
  assert.deepEqual(one('a: |\n  x'), { a: 'x' }); // no line break at the end of the text, none in the value
  assert.deepEqual(one('a: "x \u0085 y"\n'), { a: 'x y' }); // NEL is a line break that folds
  assert.deepEqual(one('a: "x \u2028 y"\n'), { a: 'x\u2028y' }); // LS is a line break that is kept
  assert.deepEqual(one('a: [-, b, c:d]\n'), { a: ['-', 'b', 'c:d'] });
});

test('anchors, aliases, tags, documents', () => {
  const docs = parseDocuments('%TAG !e! tag:example.com,2000:\n--- !e!thing\na: &x 1\nb: *x\n...\n---\n# empty\n---\nc: !!int "2"\n');
  assert.equal(docs.length, 3);
  assert.equal(docs[0]!.root.tag, 'tag:example.com,2000:thing');
  assert.deepEqual(shape(docs[0]!.root), { a: '1', b: { alias: 'x' } });
  assert.equal(docs[1]!.empty, true);
  const c = docs[2]!.root;
  assert.ok(c.kind === Kind.Mapping);
  assert.equal(c.pairs[1]!.tag, 'tag:yaml.org,2002:int');
  const aliasKey = parseDocuments('a: &app x\n*app: y\n')[0]!.root; // go-yaml ends the alias name at ':'
  assert.ok(aliasKey.kind === Kind.Mapping && aliasKey.pairs[2]!.kind === Kind.Alias && aliasKey.pairs[2]!.name === 'app');
});

test('go-yaml errors', () => {
  const cases: [string, RegExp][] = [
    ['a: b: c\n', /mapping values are not allowed in this context/],
    ['- \tx\n', /found character that cannot start any token/],
    ['a:\n  b: 1\n c: 2\n', /did not find expected key/],
    ['a: "x\n', /unexpected end of stream/],
    ['a: *nope\n', /^unknown anchor referenced$/],
    ['a: |\n  x\n\ty\n', /tab character where an indentation space is expected/],
    ['a: [1, 2\n', /did not find expected ',' or ']'/],
    ['a\nb: c\n', /mapping values are not allowed/], // 'a b' is one plain scalar
    ['[a]\nb: c\n', /did not find expected <document start>/],
    ['key: "a\\q"\n', /unknown escape character/],
    ['a: &x!y 1\n', /did not find expected alphabetic or numeric character/],
  ];
  for (const [text, reason] of cases) {
    assert.throws(() => parseDocuments(text), (e) => e instanceof YamlSyntaxError && reason.test(e.reason), JSON.stringify(text));
  }
});
