import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipNotice } from '../../test/support/env.js';
import { readCachedChart } from './chart-cache.js';

const hasTar = spawnSync('tar', ['--version']).status === 0;

/** `<dir>/demo-1.0.0.tgz` holding demo/Chart.yaml and demo/values.schema.json with `schema`. */
function pack(dir: string, schema: string): void {
  const src = join(dir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'demo'), { recursive: true });
  writeFileSync(join(src, 'demo', 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
  writeFileSync(join(src, 'demo', 'values.schema.json'), schema);
  const r = spawnSync('tar', ['czf', join(dir, 'charts', 'demo-1.0.0.tgz'), '-C', src, 'demo']);
  assert.equal(r.status, 0, String(r.stderr));
}

test('a chart archive is read again when it is replaced in place (same path, other content)', { skip: hasTar ? false : skipNotice('chart cache archive', 'tar not installed') }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-chart-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'charts'));
  pack(dir, '{"type":"object"}');
  const charts = [join(dir, 'charts')];
  assert.equal(readCachedChart(charts, 'demo', '1.0.0')?.schema, '{"type":"object"}');
  assert.equal(readCachedChart(charts, 'demo', '1.0.0')?.schema, '{"type":"object"}');
  pack(dir, '{"type":"object","required":["image"]}');
  assert.equal(readCachedChart(charts, 'demo', '1.0.0')?.schema, '{"type":"object","required":["image"]}');
});
