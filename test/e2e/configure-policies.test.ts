// Plugin policies (makejinja: env.policies.update(plugin.policies())): a Python plugin and an ES-module plugin set
// json.dumps_kwargs, json.dumps_function, truncate.leeway and urlize.*; hops configure must write what makejinja's
// Jinja2 environment renders (the oracle: /usr/bin/python3 with jinja2, the same plugin class). What hops cannot
// honour is a warning naming the plugin and the policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonWithJinja } from '../support/env.js';
import { runHops } from '../support/cli.js';
import { bridgePython, skipNoticeOnce, tempRepo } from './configure-support.js';

const TEMPLATE = `{{ d|tojson }}
{{ d|tojson(3) }}
{{ long|truncate(10) }}
{{ "see https://example.org now"|urlize }}
`;
const DATA = 'd:\n  b: 1\n  a: "é<"\n  c: [1, 2.5]\nlong: abcdefghijklmno\n';

const PLUGIN_PY = `import json

def dumps(obj, **kw):
    return '/* plugin */ ' + json.dumps(obj, **kw)

class Plugin:
    def __init__(self, env):
        # a plugin may also change the environment's policies itself
        env.policies['truncate.leeway'] = 0

    def policies(self):
        return {
            'json.dumps_kwargs': {'sort_keys': False, 'separators': (',', ' = '), 'ensure_ascii': False},
            'urlize.rel': 'nofollow',
            'urlize.target': '_blank',
        }

class WithFunction:
    def policies(self):
        return {'json.dumps_function': dumps, 'json.dumps_kwargs': {'sort_keys': True}}

class Unsupported:
    def policies(self):
        return {'json.dumps_kwargs': {'cls': json.JSONEncoder, 'sort_keys': False}, 'truncate.leeway': 0, 'truncate.leway': 1}
`;

// makejinja's environment (its Jinja options, the plugin constructed with env, its policies applied) rendering TEMPLATE.
const ORACLE = `
import sys, inspect, yaml, jinja2
sys.path.insert(0, '.')
import plugin
env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
cls = getattr(plugin, sys.argv[1])
p = cls(env=env) if 'env' in inspect.signature(cls).parameters else cls()
env.policies.update(p.policies())
with open('data.yaml') as f:
    data = yaml.safe_load(f)
sys.stdout.write(env.from_string(open('in/t.txt.jinja').read()).render(data))
`;

const repo = (plugins: string) =>
  tempRepo({
    'makejinja.toml': `[makejinja]\ninputs = ["./in"]\noutput = "./out"\ndata = ["./data.yaml"]\nplugins = [${plugins}]\n`,
    'in/t.txt.jinja': TEMPLATE,
    'data.yaml': DATA,
    'plugin.py': PLUGIN_PY,
    'esm.mjs': `export class Plugin {
  policies() {
    return {
      'json.dumps_kwargs': { sort_keys: false, indent: 1 },
      'json.dumps_function': null,
      'truncate.leeway': 0,
      'urlize.target': '_top',
    };
  }
}
export class Dumps {
  policies() { return { 'json.dumps_function': (obj, kw) => '/* js */ ' + JSON.stringify(obj) + ' ' + JSON.stringify(kw) }; }
}
`,
  });

function oracle(dir: string, cls: string): string | null {
  const py = pythonWithJinja();
  if (!py) return null;
  const r = spawnSync(py, ['-c', ORACLE, cls], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

for (const cls of ['Plugin', 'WithFunction']) {
  test(`configure: a Python plugin's policies() take effect as in makejinja (plugin:${cls})`, async (t) => {
    if (!bridgePython()) return t.skip(skipNoticeOnce('python3 bridge test', 'python3 is not installed'));
    const r = repo(`"plugin:${cls}"`);
    t.after(r.cleanup);
    const res = await runHops(['configure'], r.dir);
    assert.equal(res.code, 0, res.err);
    assert.doesNotMatch(res.err, /warning/);
    const got = readFileSync(join(r.dir, 'out/t.txt'), 'utf8');
    const want = oracle(r.dir, cls);
    if (want === null) return t.skip(skipNoticeOnce('makejinja policy oracle', 'no python3 with jinja2 and yaml'));
    assert.equal(got, want);
    // and the policies changed something: not Jinja's defaults (sorted keys, leeway 5, rel="noopener")
    if (cls === 'Plugin') assert.match(got, /^\{"b" = 1,"a" = "é\\u003c","c" = \[1,2\.5\]\}\n/);
    else assert.match(got, /^\/\* plugin \*\/ \{"a": "\\u00e9\\u003c", "b": 1, "c": \[1, 2\.5\]\}\n/);
  });
}

test('configure: an ES-module plugin sets policies too; a JS json.dumps_function gets the object and the keyword arguments', async (t) => {
  const r = repo('"esm.mjs:Plugin"');
  t.after(r.cleanup);
  const res = await runHops(['configure'], r.dir);
  assert.equal(res.code, 0, res.err);
  assert.equal(
    readFileSync(join(r.dir, 'out/t.txt'), 'utf8'),
    '{\n "b": 1,\n "a": "\\u00e9\\u003c",\n "c": [\n  1,\n  2.5\n ]\n}\n' +
      '{\n   "b": 1,\n   "a": "\\u00e9\\u003c",\n   "c": [\n      1,\n      2.5\n   ]\n}\n' +
      'abcdefg...\n' +
      'see <a href="https://example.org" rel="noopener" target="_top">https://example.org</a> now\n',
  );
  const r2 = repo('"esm.mjs:Dumps"');
  t.after(r2.cleanup);
  const res2 = await runHops(['configure', '-i', 'in/t.txt.jinja', '-o', '-'], r2.dir);
  assert.equal(res2.code, 0, res2.err);
  assert.match(res2.out, /^\/\* js \*\/ \{"b":1,"a":"é\\u003c","c":\[1,2\.5\]\} \{"sort_keys":true\}\n/);
});

test('configure: policies hops cannot honour are a warning naming the plugin and the policies', async (t) => {
  if (!bridgePython()) return t.skip(skipNoticeOnce('python3 bridge test', 'python3 is not installed'));
  const r = repo('"plugin:Unsupported"');
  t.after(r.cleanup);
  const res = await runHops(['configure'], r.dir);
  assert.equal(res.code, 0, res.err);
  assert.match(
    res.err,
    /plugin\.py: warning plugin-policy-ignored: plugin "plugin:Unsupported": policies "truncate\.leway", "json\.dumps_kwargs\.cls" ignored: "truncate\.leway" is not a Jinja policy \(no effect in Jinja either\); a JSONEncoder class/,
  );
  // the rest applies: unsorted keys, leeway 0
  const out = readFileSync(join(r.dir, 'out/t.txt'), 'utf8');
  assert.match(out, /^\{"b": 1, "a": "\\u00e9\\u003c", "c": \[1, 2\.5\]\}\n/);
  assert.match(out, /\nabcdefg\.\.\.\n/);
});
