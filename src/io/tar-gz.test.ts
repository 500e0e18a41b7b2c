// The in-process .tgz reader against archives real tools wrote: GNU tar (ustar, GNU and PAX long names) and, when the
// real helm is unpacked, `helm package` (Go's archive/tar, what chart archives are).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { skipNotice, toolsDir } from '../../test/support/env.js';
import { readTarGz } from './tar-gz.js';

const hasTar = spawnSync('tar', ['--version'], { stdio: 'ignore' }).status === 0;

function chartFolder(root: string): string {
  const dir = join(root, 'demo');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'charts', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3\n');
  writeFileSync(join(dir, 'values.yaml'), 'replicas: 1\n');
  writeFileSync(join(dir, 'values.schema.json'), '{"type":"object"}\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  writeFileSync(join(dir, 'charts', 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'charts', 'sub', 'values.yaml'), 'sub: true\n');
  return dir;
}

test('tar.gz: files by path, ustar and long names (GNU and PAX), only the ones asked for', { skip: hasTar ? false : skipNotice('tar archive tests', 'no tar binary') }, () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-tgz-'));
  try {
    chartFolder(root);
    const deep = join(root, 'demo', 'templates', 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'long.yaml'), 'long: name\n');
    const longPath = `demo/templates/${'a'.repeat(60)}/${'b'.repeat(60)}/long.yaml`;
    for (const format of ['gnu', 'pax', 'ustar']) {
      const tgz = join(root, `demo-${format}.tgz`);
      const r = spawnSync('tar', ['-czf', tgz, `--format=${format}`, '-C', root, 'demo'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const files = readTarGz(readFileSync(tgz), (p) => p.endsWith('.yaml') || p.endsWith('.json'));
      assert.equal(files.get('demo/values.yaml')?.toString(), 'replicas: 1\n', format);
      assert.equal(files.get('demo/values.schema.json')?.toString(), '{"type":"object"}\n', format);
      assert.equal(files.get('demo/charts/sub/values.yaml')?.toString(), 'sub: true\n', format);
      assert.equal(files.get(longPath)?.toString(), 'long: name\n', format);
      assert.deepEqual([...readTarGz(readFileSync(tgz), (p) => p === 'demo/Chart.yaml').keys()], ['demo/Chart.yaml']);
    }
    const whole = readFileSync(join(root, 'demo-pax.tgz'));
    assert.throws(() => readTarGz(whole.subarray(0, whole.length / 2), () => true));
    const tar = spawnSync('tar', ['-cf', '-', '-C', root, 'demo/values.yaml']).stdout;
    assert.throws(() => readTarGz(gzipSync(tar.subarray(0, 520)), () => true), /truncated/);
    assert.equal(readTarGz(tar, () => true).get('demo/values.yaml')?.toString(), 'replicas: 1\n'); // not gzipped
    assert.throws(() => readTarGz(gzipSync(Buffer.from('x'.repeat(1024))), () => true), /not a tar archive/);
    // GNU incremental headers hold access and change times where ustar has the name prefix
    const inc = spawnSync('tar', ['--format=gnu', '--incremental', '-cf', '-', '-C', root, 'demo/values.yaml']).stdout;
    assert.notEqual(inc.subarray(345, 356).toString('latin1').replace(/\0/g, ''), '');
    assert.deepEqual([...readTarGz(inc, () => true).keys()], ['demo/values.yaml']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('tar.gz: an archive made by helm package', async (t) => {
  const tools = await toolsDir();
  if (!tools) return t.skip(skipNotice('helm package archive test', 'real helm not unpacked (node scripts/tools.js)'));
  const root = mkdtempSync(join(tmpdir(), 'hops-tgz-helm-'));
  try {
    const dir = chartFolder(root);
    const r = spawnSync(join(tools, 'helm'), ['package', dir, '-d', root], { encoding: 'utf8', env: { HOME: root, PATH: process.env['PATH'] ?? '' } });
    assert.equal(r.status, 0, r.stderr);
    const tgz = readdirSync(root).find((n) => n.endsWith('.tgz'))!;
    assert.equal(tgz, 'demo-1.2.3.tgz');
    const files = readTarGz(readFileSync(join(root, tgz)), (p) => /^demo\/values/.test(p));
    assert.deepEqual([...files.keys()].sort(), ['demo/values.schema.json', 'demo/values.yaml']);
    assert.equal(files.get('demo/values.schema.json')?.toString(), '{"type":"object"}\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('tar.gz: a file that is no archive says so, however short', () => {
  for (const bytes of [Buffer.from('junk\n'), gzipSync(Buffer.from('junk\n')), Buffer.alloc(0)]) {
    assert.throws(() => readTarGz(bytes, () => true), /^Error: not a tar archive$/);
  }
});
