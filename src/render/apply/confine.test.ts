import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure } from '../configure.js';
import { realPathDeep } from '../../io/real-path.js';
import { snapshot, tempRepo } from '../../../test/e2e/configure-support.js';

/** A repository and, beside it, a folder outside it that must stay empty. */
function repoAndOutside(t: { after(fn: () => void): void }, files: Record<string, string>) {
  const r = tempRepo(files);
  const outside = mkdtempSync(join(tmpdir(), 'hops-outside-'));
  t.after(() => {
    r.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });
  return { dir: r.dir, outside };
}

const TEMPLATES = { 'templates/sub/a.yaml.j2': 'a: {{ 1 + 1 }}\n', 'templates/top.yaml.j2': 'top: 1\n' };

test('confine: a makejinja.toml output reached through a symlink to outside the repo is refused at its line, nothing written', async (t) => {
  const { dir, outside } = repoAndOutside(t, { 'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "./site/rendered"\njinja_suffix = ".j2"\n', ...TEMPLATES });
  symlinkSync(outside, join(dir, 'site'));
  const before = snapshot(dir);
  const r = await configure({ root: dir, cwd: dir, env: {} });
  assert.equal(r.exitCode, 2);
  assert.equal(r.written, false);
  assert.deepEqual(r.findings.map((f) => [f.code, f.file, f.line]), [['config-invalid', 'makejinja.toml', 3]]);
  assert.match(r.findings[0]!.message, /output "\.\/site\/rendered" is outside the repository folder .*: site is a symbolic link to /);
  assert.match(r.findings[0]!.hint ?? '', /not reached through the link site/);
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(snapshot(dir), before);
});

test('confine: a symlink inside the output tree cannot carry a template output (or the manifest) out of the repo', async (t) => {
  const { dir, outside } = repoAndOutside(t, { 'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "./out"\njinja_suffix = ".j2"\n', ...TEMPLATES });
  mkdirSync(join(dir, 'out'));
  symlinkSync(outside, join(dir, 'out/sub'));
  const before = snapshot(dir);
  const r = await configure({ root: dir, cwd: dir, env: {} });
  assert.equal(r.exitCode, 2);
  assert.equal(r.written, false);
  assert.deepEqual(r.findings.map((f) => [f.code, f.file]), [['write-outside-repo', 'out/sub']]);
  assert.match(r.findings[0]!.message, /refusing to write out\/sub\/a\.yaml: out\/sub is a symbolic link to .*outside the repository; nothing was written/);
  assert.match(r.findings[0]!.hint ?? '', /replace the link out\/sub with a real folder/);
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(snapshot(dir), before, 'not even top.yaml (all or nothing)');

  // the manifest alone: out/.hops is the link
  rmSync(join(dir, 'out/sub'));
  symlinkSync(outside, join(dir, 'out/.hops'));
  const m = await configure({ root: dir, cwd: dir, env: {} });
  assert.equal(m.exitCode, 2);
  assert.deepEqual(m.findings.map((f) => [f.code, f.file]), [['write-outside-repo', 'out/.hops']]);
  assert.deepEqual(readdirSync(outside), []);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['.hops']);
});

test('confine: -o outside the repo is the user asking and is written; a symlink inside that folder pointing elsewhere is not followed', async (t) => {
  const { dir, outside } = repoAndOutside(t, TEMPLATES);
  const overrides = { inputs: ['templates'], output: outside, jinja_suffix: '.j2' };
  const ok = await configure({ root: dir, cwd: dir, env: {}, overrides });
  assert.deepEqual(ok.findings, []);
  assert.equal(ok.exitCode, 0);
  assert.deepEqual(readdirSync(outside).sort(), ['.hops', 'sub', 'top.yaml']);

  const elsewhere = mkdtempSync(join(tmpdir(), 'hops-elsewhere-'));
  t.after(() => rmSync(elsewhere, { recursive: true, force: true }));
  rmSync(join(outside, 'sub'), { recursive: true });
  symlinkSync(elsewhere, join(outside, 'sub'));
  const r = await configure({ root: dir, cwd: dir, env: {}, overrides: { ...overrides, force: true } });
  assert.equal(r.exitCode, 2);
  assert.deepEqual(r.findings.map((f) => f.code), ['write-outside-repo']);
  assert.deepEqual(readdirSync(elsewhere), []);
});

test('confine: a link that stays inside the repository is fine', async (t) => {
  const { dir } = repoAndOutside(t, { 'makejinja.toml': '[makejinja]\ninputs = ["./templates"]\noutput = "./out"\njinja_suffix = ".j2"\n', ...TEMPLATES });
  mkdirSync(join(dir, 'out'));
  mkdirSync(join(dir, 'real-sub'));
  symlinkSync(join(dir, 'real-sub'), join(dir, 'out/sub'));
  const r = await configure({ root: dir, cwd: dir, env: {} });
  assert.deepEqual(r.findings, []);
  assert.deepEqual(readdirSync(join(dir, 'real-sub')), ['a.yaml']);
});

test('realPathDeep: missing parts are kept, links (dangling ones too) are followed', (t) => {
  const { dir, outside } = repoAndOutside(t, {});
  symlinkSync(outside, join(dir, 'link'));
  symlinkSync(join(outside, 'not-yet'), join(dir, 'dangling'));
  const realOutside = realPathDeep(outside);
  assert.equal(realPathDeep(join(dir, 'link/x/y')), join(realOutside, 'x/y'));
  assert.equal(realPathDeep(join(dir, 'dangling/z')), join(realOutside, 'not-yet/z'));
  assert.equal(realPathDeep(join(dir, 'plain/q')), join(realPathDeep(dir), 'plain/q'));
});

test('confine: an unchanged output that is a symlink to a file outside does not get the template mode and times', async (t) => {
  const { dir, outside } = repoAndOutside(t, { 'templates/plain.txt': 'same\n' });
  writeFileSync(join(outside, 'plain.txt'), 'same\n');
  chmodSync(join(outside, 'plain.txt'), 0o600);
  chmodSync(join(dir, 'templates/plain.txt'), 0o755);
  mkdirSync(join(dir, 'out'));
  symlinkSync(join(outside, 'plain.txt'), join(dir, 'out/plain.txt'));
  const r = await configure({ root: dir, cwd: dir, env: {}, overrides: { inputs: ['templates'], output: 'out', force: true, copy_metadata: true } });
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.changes.map((c) => [c.kind, c.path]), [['unchanged', 'out/plain.txt']]);
  assert.equal(statSync(join(outside, 'plain.txt')).mode & 0o777, 0o600);
});
