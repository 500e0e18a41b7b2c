// `hops configure` as the command line prints it: the closing count, flags that cannot go together, finding codes.
// Each case writes a small repo into a temp folder and runs the CLI in-process with memory streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHops } from '../support/cli.js';
import { tempRepo } from './configure-support.js';

const repo = (toml: string, extra: Record<string, string> = {}) =>
  tempRepo({
    'makejinja.toml': `[makejinja]\ninputs = ["./templates"]\noutput = "./out"\njinja_suffix = ".j2"\n${toml}`,
    'templates/a.yaml.j2': 'name: {{ name }}\n',
    'templates/b.txt': 'copied\n',
    ...extra,
  });

test('configure: the count includes outputs kept because force is off', async (t) => {
  const r = repo('data_vars = { name = "x" }\n');
  t.after(r.cleanup);
  const first = await runHops(['configure'], r.dir);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /hops configure: 2 files \(2 created, 0 updated, 0 unchanged\)\n/);
  // a second run without force keeps both existing outputs, as makejinja does: still 2 files
  const second = await runHops(['configure'], r.dir);
  assert.equal(second.code, 0, second.err);
  assert.match(second.err, /hops configure: 2 files \(0 created, 0 updated, 0 unchanged, 2 kept \(force is off\)\)\n/);
  assert.equal(readFileSync(join(r.dir, 'out/a.yaml'), 'utf8'), 'name: x\n');
  // a new template beside the kept outputs
  writeFileSync(join(r.dir, 'templates/c.yaml.j2'), 'c: {{ name }}\n');
  const third = await runHops(['configure'], r.dir);
  assert.match(third.err, /hops configure: 3 files \(1 created, 0 updated, 0 unchanged, 2 kept \(force is off\)\)\n/);
});

test('configure --check / --diff with the output on standard output is a usage error (nothing to compare with)', async (t) => {
  const r = repo('data_vars = { name = "x" }\n');
  t.after(r.cleanup);
  for (const output of ['/dev/stdout', '-']) {
    for (const flag of ['--check', '--diff']) {
      const res = await runHops(['configure', '-i', 'templates/a.yaml.j2', '-o', output, flag], r.dir);
      assert.equal(res.code, 2, `${output} ${flag}: ${res.err}`);
      assert.equal(res.out, '', 'the render is not printed');
      assert.match(res.err, new RegExp(`error config-invalid: ${flag} compares outputs with the files on disk, but the output is standard output`));
      assert.match(res.err, /hint: give -o the file to compare with/);
    }
  }
  // output = "/dev/stdout" in makejinja.toml is the same
  const toml = tempRepo({ 'makejinja.toml': '[makejinja]\ninputs = ["./a.j2"]\noutput = "/dev/stdout"\n', 'a.j2': 'a\n' });
  t.after(toml.cleanup);
  assert.equal((await runHops(['configure', '--check'], toml.dir)).code, 2);
  // without --check it prints, as makejinja does; a single-file output to a file can be checked
  const printed = await runHops(['configure', '-i', 'templates/a.yaml.j2', '-o', '-'], r.dir);
  assert.equal(printed.code, 0, printed.err);
  assert.equal(printed.out, 'name: x\n');
  const missing = await runHops(['configure', '-i', 'templates/a.yaml.j2', '-o', 'one.yaml', '--check'], r.dir);
  assert.equal(missing.code, 1, missing.err);
  assert.equal(missing.out, 'would create one.yaml\n');
  assert.equal((await runHops(['configure', '-i', 'templates/a.yaml.j2', '-o', 'one.yaml'], r.dir)).code, 0);
  const same = await runHops(['configure', '-i', 'templates/a.yaml.j2', '-o', 'one.yaml', '--check'], r.dir);
  assert.equal(same.code, 0, same.err + same.out);
});

test('configure: a JSON Schema for the data that cannot be read or is no schema has its own codes (not validate\'s schema-invalid)', async (t) => {
  const r = repo('data = ["./config.yaml"]\n', {
    'templates/a.yaml.j2': 'name: {{ name }}\n',
    'config.yaml': 'name: x\n',
    'not-json.json': '{ name: ',
    'bad-type.json': '{ "type": 5 }',
    'good.json': '{ "type": "object", "required": ["name"] }',
  });
  t.after(r.cleanup);
  const cases: Array<[string[], RegExp]> = [
    [['--schema', 'nope.json'], /nope\.json: error data-schema-unreadable: cannot read JSON Schema: the file does not exist\n/],
    [['--schema', 'templates'], /templates: error data-schema-unreadable: cannot read JSON Schema: it is a folder\n/],
    [['--schema', 'not-json.json'], /not-json\.json: error data-schema-invalid: invalid JSON Schema: not JSON \(/],
    [['--schema', 'bad-type.json'], /bad-type\.json: error data-schema-invalid: invalid JSON Schema: /],
  ];
  for (const [args, want] of cases) {
    const res = await runHops(['configure', ...args], r.dir);
    assert.equal(res.code, 1, res.err);
    assert.match(res.err, want);
    assert.doesNotMatch(res.err, /error schema-invalid/);
  }
  assert.equal((await runHops(['configure', '--schema', 'good.json'], r.dir)).code, 0);
  // a sibling config.schema.json is read the same way
  writeFileSync(join(r.dir, 'config.schema.json'), '{ "type": "nope" }');
  const sibling = await runHops(['configure'], r.dir);
  assert.equal(sibling.code, 1);
  assert.match(sibling.err, /config\.schema\.json: error data-schema-invalid: invalid JSON Schema/);
});
