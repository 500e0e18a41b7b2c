// End-to-end `hops configure` / `hops vars`: each case writes a small repo into a temp folder, runs the CLI
// (in-process, memory streams), and checks the exit code, the messages and the tree afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/index.js';
import { memoryIO } from '../../src/cli/io.js';
import { bridgePython, fixturesDir, skipNoticeOnce, snapshot, tempRepo } from './configure-support.js';

const TOML = `[makejinja]
inputs = ["./templates"]
output = "./"
exclude_patterns = ["*.partial.yaml.j2"]
data = ["./bootstrap/config.yaml"]
jinja_suffix = ".j2"
force = true
undefined = "strict"

[makejinja.delimiter]
block_start = "#%"
block_end = "%#"
comment_start = "#|"
comment_end = "#|"
variable_start = "#{"
variable_end = "}#"
`;

const CONFIG = `cluster:
  name: home
cloudflare:
  account: acme
nodes:
  - name: n1
    address: 10.0.0.1
apps:
  echo: false
`;

const BASE: Record<string, string> = {
  'makejinja.toml': TOML,
  'bootstrap/config.yaml': CONFIG,
  'templates/kubernetes/ns.yaml.j2': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: #{ cluster.name }#\n',
  'templates/kubernetes/nodes.yaml.j2': '#% for n in nodes %#\n- #{ n.name }#: #{ n.address }#\n#% endfor %#\n#% include "kubernetes/header.partial.yaml.j2" %#\n',
  'templates/kubernetes/header.partial.yaml.j2': '# cluster #{ cluster.name }#\n',
  'templates/kubernetes/echo.yaml.j2': '#% if apps.echo %#\nkind: Echo\n#% endif %#\n',
  'templates/kubernetes/helm.yaml': 'name: {{ .Release.Name }}\n',
  'TEMPLATE_GUIDE.md': '# Guide\n\n| `cluster.name` | name |\n| `cloudflare.account` | account |\n| `nodes` | list |\n| `apps.echo` | on? |\n',
};

async function run(dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  const io = memoryIO(dir, { PATH: process.env['PATH'], ...env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

test('configure: renders, copies, skips empty renders and excluded partials, writes a manifest', async (t) => {
  const r = tempRepo(BASE);
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure']);
  assert.equal(res.code, 0, res.err);
  assert.equal(read(r.dir, 'kubernetes/ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: home\n');
  assert.equal(read(r.dir, 'kubernetes/nodes.yaml'), '- n1: 10.0.0.1\n# cluster home\n');
  assert.equal(read(r.dir, 'kubernetes/helm.yaml'), 'name: {{ .Release.Name }}\n', 'copied untouched');
  assert.equal(existsSync(join(r.dir, 'kubernetes/echo.yaml')), false, 'whitespace-only render is not written');
  assert.equal(existsSync(join(r.dir, 'kubernetes/header.partial.yaml')), false, 'excluded');
  const manifest = JSON.parse(read(r.dir, '.hops/configure-manifest.json')) as { files: Record<string, { from: string }> };
  assert.deepEqual(Object.keys(manifest.files), ['kubernetes/helm.yaml', 'kubernetes/nodes.yaml', 'kubernetes/ns.yaml']);
  assert.equal(manifest.files['kubernetes/ns.yaml']!.from, 'templates/kubernetes/ns.yaml.j2');
  assert.match(res.err, /hops configure: 3 files \(3 created, 0 updated, 0 unchanged\)/);
  const again = await run(r.dir, ['configure', '--check']);
  assert.equal(again.code, 0, again.err);
  assert.equal(again.out, '');
});

test('configure: every undefined variable at once, with template:line:col, data searched and the fix; nothing written', async (t) => {
  const r = tempRepo(BASE);
  t.after(r.cleanup);
  assert.equal((await run(r.dir, ['configure'])).code, 0);
  writeFileSync(join(r.dir, 'templates/kubernetes/ns.yaml.j2'), 'kind: Namespace\nmetadata:\n  name: #{ cluster.name }#\n  token: #{ cloudflare.token }#\n');
  writeFileSync(join(r.dir, 'templates/kubernetes/dns.yaml.j2'), 'zone: #{ dns.zone }#\n#% for n in nodes %#\n#{ n.mac }#\n#% endfor %#\n');
  const before = snapshot(r.dir);
  const res = await run(r.dir, ['configure']);
  assert.equal(res.code, 1);
  assert.match(
    res.err,
    /templates\/kubernetes\/ns\.yaml\.j2:4:13: error undefined-variable: "cloudflare\.token" is undefined \('dict object' has no attribute 'token'\); data searched: bootstrap\/config\.yaml\n  hint: add "cloudflare\.token" to bootstrap\/config\.yaml, or document it in TEMPLATE_GUIDE\.md/,
  );
  assert.match(res.err, /templates\/kubernetes\/dns\.yaml\.j2:1:10: error undefined-variable: "dns\.zone" is undefined/);
  assert.match(res.err, /dns\.yaml\.j2:3:4: error undefined-variable: "n\.mac" is undefined[^\n]*\n  hint: "n" is a template variable/);
  assert.match(res.err, /hops configure: 3 errors; nothing written/);
  assert.deepEqual(snapshot(r.dir), before, 'the tree is byte-for-byte unchanged');
});

test('configure --check and --diff list what would change and write nothing', async (t) => {
  const r = tempRepo(BASE);
  t.after(r.cleanup);
  assert.equal((await run(r.dir, ['configure'])).code, 0);
  writeFileSync(join(r.dir, 'templates/kubernetes/ns.yaml.j2'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: #{ cluster.name }#-x\n');
  writeFileSync(join(r.dir, 'templates/kubernetes/new.yaml.j2'), 'new: #{ cluster.name }#\n');
  const before = snapshot(r.dir);
  const check = await run(r.dir, ['configure', '--check']);
  assert.equal(check.code, 1);
  assert.equal(check.out, 'would create kubernetes/new.yaml\nwould update kubernetes/ns.yaml\n');
  const diff = await run(r.dir, ['configure', '--diff']);
  assert.equal(diff.code, 0);
  assert.equal(
    diff.out,
    '--- /dev/null\n+++ b/kubernetes/new.yaml\n@@ -0,0 +1,1 @@\n+new: home\n' +
      '--- a/kubernetes/ns.yaml\n+++ b/kubernetes/ns.yaml\n@@ -1,4 +1,4 @@\n apiVersion: v1\n kind: Namespace\n metadata:\n-  name: home\n+  name: home-x\n',
  );
  assert.deepEqual(snapshot(r.dir), before);
});

test('configure: outputs of removed templates are reported, and deleted with --prune only if untouched', async (t) => {
  const r = tempRepo({ ...BASE, 'templates/kubernetes/old/a.yaml.j2': 'a: 1\n', 'templates/kubernetes/old/b.yaml.j2': 'b: 1\n' });
  t.after(r.cleanup);
  assert.equal((await run(r.dir, ['configure'])).code, 0);
  rmSync(join(r.dir, 'templates/kubernetes/old'), { recursive: true });
  writeFileSync(join(r.dir, 'kubernetes/old/b.yaml'), 'b: edited by hand\n');
  writeFileSync(join(r.dir, 'kubernetes/mine.yaml'), 'not generated\n');
  const report = await run(r.dir, ['configure']);
  assert.equal(report.code, 0, report.err);
  assert.match(report.err, /kubernetes\/old\/a\.yaml: warning stale-output: generated from templates\/kubernetes\/old\/a\.yaml\.j2, which no longer produces it\n  hint: run with --prune to delete it/);
  assert.ok(existsSync(join(r.dir, 'kubernetes/old/a.yaml')));
  const check = await run(r.dir, ['configure', '--check', '--prune']);
  assert.equal(check.code, 1);
  assert.equal(check.out, 'would delete kubernetes/old/a.yaml\n');
  const prune = await run(r.dir, ['configure', '--prune']);
  assert.equal(prune.code, 0, prune.err);
  assert.equal(existsSync(join(r.dir, 'kubernetes/old/a.yaml')), false);
  assert.equal(read(r.dir, 'kubernetes/old/b.yaml'), 'b: edited by hand\n', 'an edited file is never deleted');
  assert.match(prune.err, /old\/b\.yaml: warning stale-output: .*edited since; hops leaves it alone/);
  assert.equal(read(r.dir, 'kubernetes/mine.yaml'), 'not generated\n', 'a file hops did not generate is never touched');
});

const refusals: Array<{ name: string; toml: string; expect: RegExp }> = [
  { name: 'output is the repository folder', toml: TOML + '', expect: /refusing clean: the output folder \. is the repository folder/ },
  { name: 'output holds the inputs', toml: TOML.replace('output = "./"', 'output = "./templates"'), expect: /holds an input of this run \(templates\)/ },
];
for (const c of refusals) {
  test(`configure --clean is refused when the ${c.name}`, async (t) => {
    const r = tempRepo({ ...BASE, 'makejinja.toml': c.toml });
    t.after(r.cleanup);
    const before = snapshot(r.dir);
    const res = await run(r.dir, ['configure', '--clean']);
    assert.equal(res.code, 2);
    assert.match(res.err, c.expect);
    assert.deepEqual(snapshot(r.dir), before);
  });
}

test('configure --clean with a separate output folder replaces it', async (t) => {
  const r = tempRepo({ ...BASE, 'makejinja.toml': TOML.replace('output = "./"', 'output = "./rendered"'), 'rendered/leftover.txt': 'x' });
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure', '-c']);
  assert.equal(res.code, 0, res.err);
  assert.equal(existsSync(join(r.dir, 'rendered/leftover.txt')), false);
  assert.equal(read(r.dir, 'rendered/kubernetes/ns.yaml').includes('name: home'), true);
});

test('configure: an ES-module plugin provides functions, filters, tests, data and path filters', async (t) => {
  const r = tempRepo({
    'makejinja.toml': '[makejinja]\ninputs = ["./in"]\noutput = "./out"\ndata = ["./data.yaml"]\nimport_paths = ["' + join(fixturesDir(), 'esm-plugin') + '"]\nplugins = ["helpers:Plugin"]\n',
    'data.yaml': 'site: home\nname: {en: Living room, de: Wohnzimmer}\n',
    'token.txt': 'tok\n',
    'in/page.yaml.jinja': '{{ getlang(name, "de") }} {{ "living_room" | hassurl }} {{ 4 is even }} {{ plugin_site }} {{ plugin_count + 1 }} {{ read_token() }}\n',
    'in/secret.yaml': 'nope\n',
  });
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure']);
  assert.equal(res.code, 0, res.err);
  assert.equal(read(r.dir, 'out/page.yaml'), 'Wohnzimmer living-room True home! 4 tok\n');
  assert.equal(existsSync(join(r.dir, 'out/secret.yaml')), false);
});

test('configure: a Python plugin runs through the python3 bridge', async (t) => {
  if (!bridgePython()) return t.skip(skipNoticeOnce('python3 bridge test', 'python3 is not installed'));
  const r = tempRepo({
    'makejinja.toml': '[makejinja]\ninputs = ["./in"]\noutput = "./out"\ndata = ["./data.yaml"]\nimport_paths = ["' + join(fixturesDir(), 'python-plugin') + '"]\nloaders = ["greet:Plugin"]\n',
    'data.yaml': 'site: example.org\n',
    'token.txt': 'tok-py\n',
    'in/a.yaml.jinja': '{{ "hi" | shout }} {{ 4 is is_even }} {{ from_python.count }} {{ from_python.ratio }} {{ from_python.seen_site }} {{ read_token() }} {{ kinds(1, 2.5, "s") }}\n',
    'in/secret.yaml': 'x\n',
  });
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure'], { HOPS_PYTHON: process.env['HOPS_PYTHON'] });
  assert.equal(res.code, 0, res.err);
  assert.equal(read(r.dir, 'out/a.yaml'), 'HI! True 3 1.0 example.org tok-py int,float,str|\n');
  assert.equal(existsSync(join(r.dir, 'out/secret.yaml')), false);

  writeFileSync(join(r.dir, 'in/b.yaml.jinja'), '{{ explode() }}\n');
  const boom = await run(r.dir, ['configure']);
  assert.equal(boom.code, 1);
  assert.match(boom.err, /in\/b\.yaml\.jinja:1:\d+: error render-error: ValueError: explode\(\) raised ValueError: boom from python/);

  const missing = await run(r.dir, ['configure'], { HOPS_PYTHON: '/nonexistent/python3' });
  assert.equal(missing.code, 1);
  assert.match(missing.err, /plugin "greet:Plugin" Python plugin \(.*greet\.py\): cannot start the Python plugin bridge: \/nonexistent\/python3 was not found/);
  assert.match(missing.err, /hint: install Python 3/);
});

test('configure: YAML 1.1 scalars are warned about with file:line; schema violations are errors with dotted paths', async (t) => {
  const r = tempRepo({
    ...BASE,
    'bootstrap/config.yaml': CONFIG + 'network:\n  mac: 10:11:22:33:44:55\n  dhcp: yes\n',
    'bootstrap/config.schema.json': JSON.stringify({
      type: 'object',
      required: ['cluster'],
      properties: { nodes: { type: 'array', items: { type: 'object', required: ['name', 'address'], properties: { address: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$' } } } } },
    }),
  });
  t.after(r.cleanup);
  const ok = await run(r.dir, ['configure']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.err, /bootstrap\/config\.yaml:11:8: warning yaml-1\.1-scalar: network\.mac: 10:11:22:33:44:55 is the number \d+ \(base 60\) in YAML 1\.1 \(makejinja, PyYAML\) but the string "10:11:22:33:44:55" in YAML 1\.2\n  hint: quote it: "10:11:22:33:44:55"/);
  assert.match(ok.err, /bootstrap\/config\.yaml:12:9: warning yaml-1\.1-scalar: network\.dhcp: yes is the boolean True/);
  writeFileSync(join(r.dir, 'bootstrap/config.yaml'), CONFIG.replace('address: 10.0.0.1', 'address: ten'));
  const before = snapshot(r.dir);
  const bad = await run(r.dir, ['configure']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bootstrap\/config\.yaml:7:5: error schema-violation: nodes\[0\]\.address must match pattern/);
  assert.deepEqual(snapshot(r.dir), before);
});

test('configure -o /dev/stdout renders one file to standard output', async (t) => {
  const r = tempRepo({ 'one.txt': 'Hello {{ who }}!\n' });
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure', '-i', 'one.txt', '-o', '/dev/stdout', '-D', 'who=world']);
  assert.equal(res.code, 0, res.err);
  assert.equal(res.out, 'Hello world!\n');
  assert.deepEqual([...snapshot(r.dir).keys()], ['one.txt']);
});

test('vars: read vs defined vs documented, non-zero exit when one is missing', async (t) => {
  const r = tempRepo(BASE);
  t.after(r.cleanup);
  const ok = await run(r.dir, ['vars']);
  assert.equal(ok.code, 0, ok.err + ok.out);
  assert.match(ok.out, /^VARIABLE\s+READ\s+DEFINED\s+DOCUMENTED\s+WHERE\n/);
  assert.match(ok.out, /\ncluster\.name\s+yes\s+yes\s+yes\s+templates\/kubernetes\/(ns|header\.partial)\.yaml\.j2:\d+\n/);
  writeFileSync(join(r.dir, 'templates/kubernetes/dns.yaml.j2'), 'zone: #{ dns.zone }#\nacct: #{ cloudflare.account }#\n');
  writeFileSync(join(r.dir, 'TEMPLATE_GUIDE.md'), '| `cluster.name` |\n| `nodes` |\n| `apps.echo` |\n| `old.key` |\n');
  const bad = await run(r.dir, ['vars']);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /\ndns\.zone\s+yes\s+NO\s+NO\s+templates\/kubernetes\/dns\.yaml\.j2:1\n/);
  assert.match(bad.out, /\ncloudflare\.account\s+yes\s+yes\s+NO\s/);
  assert.match(bad.err, /error var-undefined: "dns\.zone" is read by a template but no data defines it/);
  assert.match(bad.err, /warning var-stale-doc: "old\.key" is documented but no template reads it/);
  unlinkSync(join(r.dir, 'TEMPLATE_GUIDE.md'));
});

test('configure --json reports findings and changes as data; a malformed -D is a usage error', async (t) => {
  const r = tempRepo(BASE);
  t.after(r.cleanup);
  const res = await run(r.dir, ['configure', '--check', '--json']);
  assert.equal(res.code, 1);
  const json = JSON.parse(res.out) as { exitCode: number; written: boolean; changes: Array<{ path: string; kind: string; from?: string }> };
  assert.equal(json.exitCode, 1);
  assert.equal(json.written, false);
  assert.deepEqual(json.changes.find((c) => c.path === 'kubernetes/ns.yaml'), { path: 'kubernetes/ns.yaml', kind: 'create', from: 'templates/kubernetes/ns.yaml.j2' });
  const bad = await run(r.dir, ['configure', '-D', 'novalue']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--data-var expects key=value, got "novalue"/);
});
