import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadData, nestedSet } from './load.js';
import { parseJsonData } from './json.js';
import { parseTomlData } from './toml.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

test('JSON keeps int and float apart and records positions', () => {
  const { value, positions } = parseJsonData('{"a": 1, "b": 1.0, "c": [2e3, -0, 12345678901234567890], "d": {"e": null}, "a": 3}');
  const m = value as Map<string, unknown>;
  assert.equal(m.get('a'), 3n, 'last duplicate wins');
  assert.deepEqual([...m.keys()], ['a', 'b', 'c', 'd'], 'first position kept');
  assert.equal(typeof m.get('b'), 'number');
  assert.deepEqual(m.get('c'), [2000, 0n, 12345678901234567890n]);
  assert.deepEqual(positions.get('d.e'), { line: 1, col: 64 });
  assert.throws(() => parseJsonData('{"a": }'), /expecting value/);
});

test('TOML keeps int and float apart; dates print like Python', () => {
  const { value } = parseTomlData('a = 1\nb = 1.0\nc = 1979-05-27T07:32:00-08:00\nd = 1979-05-27\ne = 07:32:00\n[t]\nx = "y"\n');
  assert.equal(value.get('a'), 1n);
  assert.equal(value.get('b'), 1);
  assert.equal(value.get('c'), '1979-05-27 07:32:00-08:00');
  assert.equal(value.get('d'), '1979-05-27');
  assert.equal(value.get('e'), '07:32:00');
  assert.equal((value.get('t') as Map<string, unknown>).get('x'), 'y');
});

test('data: folders in sorted order, hidden files skipped, later files win shallowly, data_vars nest', (t) => {
  const r = tempRepo({
    'data/b.yaml': 'shared: {from: b}\nonly_b: 1\n',
    'data/a.toml': 'shared = { from = "a", extra = 1 }\n',
    'data/.hidden.yaml': 'hidden: 1\n',
    'data/notes.txt': 'ignored',
    'data/sub/c.json': '{"only_c": true}',
    'more.yml': 'shared: {from: more}\n',
  });
  t.after(r.cleanup);
  const d = loadData([join(r.dir, 'data'), join(r.dir, 'more.yml')], [['shared.set', 'v'], ['new.deep.key', 'w']], r.dir);
  assert.deepEqual(d.findings, []);
  assert.deepEqual(d.files.map((f) => f.rel), ['data/a.toml', 'data/b.yaml', 'data/sub/c.json', 'more.yml']);
  assert.deepEqual(d.skipped, ['data/notes.txt']);
  assert.equal(d.data.has('hidden'), false);
  const shared = d.data.get('shared') as Map<string, unknown>;
  assert.deepEqual([...shared], [['from', 'more'], ['set', 'v']], 'shallow merge: the last file replaces the whole key');
  assert.equal(((d.data.get('new') as Map<string, unknown>).get('deep') as Map<string, unknown>).get('key'), 'w');
  assert.equal(d.data.get('only_b'), 1n);
  assert.equal(d.data.get('only_c'), true);
});

test('data: parse errors name file and line; data_vars into a string is an error', (t) => {
  const r = tempRepo({ 'bad.json': '{\n  "a": 1,\n}', 'bad.toml': 'a = \n', 'list.yaml': '- 1\n' });
  t.after(r.cleanup);
  const d = loadData([join(r.dir, 'bad.json'), join(r.dir, 'bad.toml'), join(r.dir, 'list.yaml')], [], r.dir);
  assert.deepEqual(d.findings.map((f) => [f.code, f.file, f.line]), [
    ['data-parse-error', 'bad.json', 3],
    ['data-parse-error', 'bad.toml', 1],
    ['data-not-mapping', 'list.yaml', 1],
  ]);
  const m = new Map<unknown, unknown>([['a', 'text']]);
  assert.match(nestedSet(m as never, 'a.b', 'x')!, /"a" is already set to a string/);
});
