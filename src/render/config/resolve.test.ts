import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveConfig } from './resolve.js';
import { tempRepo } from '../../../test/e2e/configure-support.js';

const TOML = `[makejinja]
inputs = ["./templates"]
output = "./"
data = ["./bootstrap/config.yaml"]
exclude_patterns = ["*.partial.yaml.j2"]
jinja_suffix = ".j2"
force = true
undefined = "strict"
data_vars = { "a.b" = "c" }

[makejinja.delimiter]
block_start = "#%"
block_end = "%#"

[makejinja.whitespace]
trim_blocks = false
`;

test('settings: toml values, nested tables, defaults and paths relative to the toml folder', (t) => {
  const r = tempRepo({ 'makejinja.toml': TOML, 'templates/x.j2': '', 'bootstrap/config.yaml': 'a: 1\n' });
  t.after(r.cleanup);
  const { config, findings } = resolveConfig({ root: r.dir, cwd: '/elsewhere', env: {} });
  assert.deepEqual(findings, []);
  assert.deepEqual(config.inputs, [join(r.dir, 'templates')]);
  assert.equal(config.output, r.dir);
  assert.deepEqual(config.data, [join(r.dir, 'bootstrap/config.yaml')]);
  assert.equal(config.jinjaSuffix, '.j2');
  assert.equal(config.force, true);
  assert.equal(config.undefined, 'strict');
  assert.deepEqual(config.dataVars, [['a.b', 'c']]);
  assert.equal(config.syntax.blockStart, '#%');
  assert.equal(config.syntax.variableStart, '{{');
  assert.equal(config.trimBlocks, false);
  assert.equal(config.lstripBlocks, true, 'makejinja defaults lstrip_blocks to true');
  assert.equal(config.keepTrailingNewline, true);
  assert.deepEqual(config.includePatterns, ['**/*']);
  assert.deepEqual(config.importPaths, [r.dir]);
});

test('settings: flags override the toml (a list replaces it) and are relative to the working folder', (t) => {
  const r = tempRepo({ 'makejinja.toml': TOML, 'templates/x.j2': '', 'other/y.j2': '', 'bootstrap/config.yaml': '' });
  t.after(r.cleanup);
  const { config, findings } = resolveConfig({ root: r.dir, cwd: join(r.dir, 'other'), env: {}, overrides: { inputs: ['.'], output: 'out', force: false, 'delimiter.block_end': '%}' } });
  assert.deepEqual(findings, []);
  assert.deepEqual(config.inputs, [join(r.dir, 'other')]);
  assert.equal(config.output, join(r.dir, 'other/out'));
  assert.equal(config.force, false);
  assert.equal(config.syntax.blockEnd, '%}');
  assert.equal(config.syntax.blockStart, '#%');
});

test('settings: MAKEJINJA_SETTINGS files come after makejinja.toml, MAKEJINJA_* variables after both', (t) => {
  const r = tempRepo({
    'makejinja.toml': TOML,
    'templates/x.j2': '',
    'bootstrap/config.yaml': '',
    'ci/extra.toml': '[makejinja]\noutput = "./rendered"\nkeep_empty = true\n',
  });
  t.after(r.cleanup);
  const { config, findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: { MAKEJINJA_SETTINGS: 'ci/extra.toml', MAKEJINJA_KEEP_EMPTY: 'false', MAKEJINJA_UNDEFINED: 'debug' } });
  assert.deepEqual(findings, []);
  assert.equal(config.output, join(r.dir, 'ci/rendered'), 'relative to the file that set it');
  assert.equal(config.keepEmpty, false);
  assert.equal(config.undefined, 'debug');
  assert.equal(config.configFiles.length, 2);
});

test('settings: unknown keys, wrong types and missing files are findings naming file and line', (t) => {
  const r = tempRepo({
    'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "./"\ninptus = ["x"]\nforce = "yes"\ndata = ["./missing.yaml"]\n\n[makejinja.delimiter]\nblock_starts = "x"\n',
    'templates/a.j2': '',
  });
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  const byCode = findings.map((f) => [f.code, f.file, f.line]);
  assert.deepEqual(byCode, [
    ['config-unknown-key', 'makejinja.toml', 4],
    ['config-invalid', 'makejinja.toml', 5],
    ['config-unknown-key', 'makejinja.toml', 9],
    ['config-missing-data', 'makejinja.toml', 6],
  ]);
  assert.match(findings[0]!.hint!, /did you mean "inputs"/);
  assert.match(findings[1]!.message, /force: expected true or false, got the string "yes"/);
  assert.match(findings[2]!.hint!, /did you mean "delimiter.block_start"/);
});

test('settings: no makejinja.toml and no output is a usage finding', (t) => {
  const r = tempRepo({});
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  assert.equal(findings[0]!.code, 'config-missing-output');
  assert.match(findings[0]!.message, /no makejinja.toml/);
});

test('settings: a recursive ** exclude pattern is warned about, as makejinja does', (t) => {
  const r = tempRepo({ 'makejinja.toml': '[makejinja]\noutput = "out"\nexclude_patterns = ["**/x"]\n' });
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['config-recursive-exclude', 'warning']]);
});

test('settings: an empty exclude pattern is a settings error, not a crash while planning', (t) => {
  const r = tempRepo({ 'makejinja.toml': '[makejinja]\noutput = "out"\nexclude_patterns = ["*.j2", "./"]\n' });
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {}, overrides: {} });
  assert.deepEqual(findings.map((f) => [f.code, f.severity, f.file, f.line]), [['config-invalid', 'error', 'makejinja.toml', 3]]);
  const flag = resolveConfig({ root: r.dir, cwd: r.dir, env: {}, overrides: { exclude_patterns: [''] } });
  assert.deepEqual(flag.findings.map((f) => f.code), ['config-invalid']);
});

test('settings: an output in makejinja.toml that leaves the repository is refused at its line; -o may point anywhere', (t) => {
  const r = tempRepo({ 'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "../elsewhere"\n', 'templates/x.j2': '' });
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  assert.deepEqual(findings.map((f) => [f.code, f.file, f.line]), [['config-invalid', 'makejinja.toml', 3]]);
  assert.match(findings[0]!.message, /output "\.\.\/elsewhere" is outside the repository folder/);
  const flag = resolveConfig({ root: r.dir, cwd: r.dir, env: {}, overrides: { output: '../elsewhere' } });
  assert.deepEqual(flag.findings, []);
});

test('settings: a makejinja.toml that does not parse is the only error (no "no output" after it)', (t) => {
  const r = tempRepo({ 'makejinja.toml': '[makejinja]\noutput = = "./"\n' });
  t.after(r.cleanup);
  const { findings } = resolveConfig({ root: r.dir, cwd: r.dir, env: {} });
  assert.deepEqual(findings.map((f) => [f.code, f.line]), [['config-parse-error', 2]]);
});
