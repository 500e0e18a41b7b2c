import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PY_CALL, type PyCallable, type Value } from '../../template/runtime/values.js';
import { resolveConfig } from '../config/resolve.js';
import { loadPlugins, resolveEntry } from './load.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

const call = (f: Value, args: Value[], kwargs = new Map<string, Value>()) => (f as PyCallable)[PY_CALL](args, kwargs, { env: null as never, autoescape: false });

test('plugin entries resolve to ES modules first, then Python files, in import-path order', (t) => {
  const r = tempRepo({
    'a/plugin.py': '',
    'b/plugin.mjs': '',
    'b/pkg/mod/index.js': '',
    'b/pkg/other.py': '',
    'local/thing.mjs': '',
    'makejinja.toml': '[makejinja]\noutput = "out"\nimport_paths = ["./a", "./b"]\n',
  });
  t.after(r.cleanup);
  const { config } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  const show = (e: string) => {
    const x = resolveEntry(e, config);
    return [x.kind, x.file ? x.file.slice(r.dir.length + 1) : null, x.exportName];
  };
  assert.deepEqual(show('plugin:Plugin'), ['python', 'a/plugin.py', 'Plugin'], 'the first import path holding the module wins');
  assert.deepEqual(show('pkg.mod.Plugin'), ['esm', 'b/pkg/mod/index.js', 'Plugin']);
  assert.deepEqual(show('pkg.other:P'), ['python', 'b/pkg/other.py', 'P']);
  assert.deepEqual(show('./local/thing.mjs:Make'), ['esm', 'local/thing.mjs', 'Make']);
  assert.deepEqual(show('./local/thing.mjs'), ['esm', 'local/thing.mjs', null]);
  assert.deepEqual(show('site_package.plugin:X'), ['python', null, 'X']);
});

test('ES-module plugins: named exports, factories and classes; keyword arguments as a trailing object', async (t) => {
  const r = tempRepo({
    'p/exports.mjs': 'export const filters = { twice: (s, o = {}) => String(s).repeat(o.times ?? 2) };\nexport function data() { return { n: 2, f: 1.5, obj: { a: [1, 2] } }; }\nexport const globals = { answer: 42, add: (a, b) => a + b };\n',
    'p/factory.mjs': 'export function make({ data }) { return { functions: [function seen() { return data.site; }] }; }\n',
    'p/bad.mjs': 'export const filters = [() => 1];\n',
    'makejinja.toml': '[makejinja]\noutput = "out"\nimport_paths = ["./p"]\nplugins = ["exports", "factory:make", "bad", "factory:missing"]\n',
  });
  t.after(r.cleanup);
  const { config } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  const loaded = await loadPlugins({ config, data: new Map([['site', 'home']]), env: {} });
  t.after(loaded.close);
  const [exp, factory] = loaded.contributions;
  assert.equal(exp!.filters.get('twice')!(null as never, 'ab', [], new Map([['times', 3n]])), 'ababab');
  assert.deepEqual([...exp!.data], [['n', 2n], ['f', 1.5], ['obj', new Map([['a', [1n, 2n]]])]]);
  assert.equal(exp!.globals.get('answer'), 42n);
  assert.equal(call(exp!.globals.get('add'), [2n, 3n]), 5n);
  assert.equal(call(factory!.globals.get('seen'), []), 'home');
  assert.deepEqual(
    loaded.findings.map((f) => f.message),
    ['plugin "bad" (ES module): filters: an anonymous function needs a name (use an object: { name: fn })', 'plugin "factory:missing" (ES module): the module has no export "missing"'],
  );
  assert.equal(loaded.findings[0]!.file, 'p/bad.mjs');
});
