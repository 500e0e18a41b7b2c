import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { main } from '../index.js';
import { memoryIO } from '../io.js';
import { kubernetesVersion } from './validate.js';

async function hops(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO(cwd, {});
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('validate --kubernetes-version: 1.33.0 and v1.33.0 are the same version; master is taken', () => {
  assert.equal(kubernetesVersion('1.33.0'), '1.33.0');
  assert.equal(kubernetesVersion('v1.33.0'), '1.33.0');
  assert.equal(kubernetesVersion('v1.33'), '1.33');
  assert.equal(kubernetesVersion('master'), 'master');
  for (const bad of ['banana', 'vv1.33.0', '1', 'v', '1.33.0-rc.1', 'Master']) {
    assert.throws(() => kubernetesVersion(bad), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && /not /.test(e.message) && /1\.33\.0, v1\.33\.0\), or master/.test(e.hint ?? ''), bad);
  }
});

test('validate --kubernetes-version v1.33.0 fills {{.NormalizedKubernetesVersion}} as v1.33.0; a bad one is exit 2 with the accepted forms', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-validate-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n');
  mkdirSync(join(dir, 'schemas/v1.33.0'), { recursive: true });
  // a schema only this folder has, which the ConfigMap breaks: its finding shows the folder was read
  writeFileSync(join(dir, 'schemas/v1.33.0/configmap.json'), JSON.stringify({ type: 'object', required: ['immutable'] }));
  const loc = join(dir, 'schemas/{{.NormalizedKubernetesVersion}}/{{.ResourceKind}}.json');
  const runs = [];
  for (const v of ['1.33.0', 'v1.33.0']) {
    const r = await hops(['validate', 'cm.yaml', '--schema-location', loc, '--kubernetes-version', v], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /immutable/);
    runs.push(r.out);
  }
  assert.equal(runs[0], runs[1]);

  const bad = await hops(['validate', 'cm.yaml', '--kubernetes-version', 'v1.33.x'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--kubernetes-version must look like 1\.33\.0 \(or master\), not v1\.33\.x/);
  assert.match(bad.err, /hint: .*\(1\.33\.0, v1\.33\.0\), or master/);
});

test('validate nope.yaml: a missing input is named, with a hint to check the path or use --path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-validate-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = await hops(['validate', 'nope.yaml'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /nope\.yaml: no such file or folder/);
  assert.match(r.err, /hint: check the path \(read from .*\); to validate a repository, give its folder with --path <repo> instead/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});
