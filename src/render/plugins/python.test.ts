import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PY_CALL, PyError, type PyCallable, type Value } from '../../template/runtime/values.js';
import { PythonBridge } from './python.js';
import { bridgePython, fixturesDir, skipNoticeOnce } from '../../../test/e2e/configure-support.js';

const fixture = join(fixturesDir(), 'python-plugin');
const call = (f: Value, args: Value[], kwargs = new Map<string, Value>()) => (f as PyCallable)[PY_CALL](args, kwargs, { env: null as never, autoescape: false });

test('python bridge: loads a makejinja plugin without makejinja installed and calls across', (t) => {
  if (!bridgePython()) return t.skip(skipNoticeOnce('python3 bridge test', 'python3 is not installed'));
  const dir = mkdtempSync(join(tmpdir(), 'hops-bridge-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'token.txt'), 'tok-123\n');
  const bridge = new PythonBridge({ python: process.env['HOPS_PYTHON'] ?? 'python3', cwd: dir, env: process.env, importPaths: [fixture] });
  try {
    const c = bridge.load('greet:Plugin', new Map<Value, Value>([['site', 'example.org']]), { output: join(dir, 'out') });
    assert.deepEqual([...c.globals.keys()], ['kinds', 'read_token', 'explode']);
    const from = c.data.get('from_python') as Map<Value, Value>;
    assert.equal(from.get('count'), 3n);
    assert.equal(from.get('ratio'), 1);
    assert.equal(typeof from.get('ratio'), 'number');
    assert.equal(from.get('seen_site'), 'example.org');
    assert.equal(c.data.get('output_name'), 'out');
    assert.equal(call(c.globals.get('kinds'), [1n, 1.5, 'x', null, new Map([['a', 1n]])], new Map([['k', true]])), 'int,float,str,NoneType,dict|k=bool');
    assert.equal(call(c.globals.get('read_token'), []), 'tok-123');
    const shout = c.filters.get('shout')!;
    assert.equal(shout(null as never, 'hi', [], new Map([['suffix', '?']])), 'HI?');
    assert.equal(c.tests.get('is_even')!(null as never, 4n, [], new Map()), true);
    assert.equal(c.pathFilters[0]!.keep('/x/secret.yaml'), false);
    assert.equal(c.pathFilters[0]!.keep('/x/public.yaml'), true);
    assert.throws(() => call(c.globals.get('explode'), []), (e: unknown) => e instanceof PyError && /explode\(\) raised ValueError: boom from python/.test(e.message));
  } finally {
    bridge.close();
  }
});

test('python bridge: a missing interpreter is a clear error', () => {
  assert.throws(
    () => new PythonBridge({ python: '/nonexistent/python3', cwd: tmpdir(), env: process.env, importPaths: [] }),
    (e: Error) => /was not found/.test(e.message),
  );
});
