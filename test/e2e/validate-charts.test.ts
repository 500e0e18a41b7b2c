// `hops validate` finds charts where `hops diff hr` does: `$HOPS_CHART_DIR`, `--chart-cache-dir`, the caches, as a
// `.tgz` from `helm pull` (read in-process, no helm needed) or unpacked folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { runHops } from '../support/cli.js';

const manifest = `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: demo
  namespace: apps
spec:
  interval: 1h
  ref:
    tag: 1.0.0
  url: oci://example.com/charts/demo
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: demo
  namespace: apps
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: demo
  values:
    replicas: many
`;

test('validate reads charts from $HOPS_CHART_DIR and --chart-cache-dir, .tgz included', { skip: spawnSync('tar', ['--version']).status === 0 ? false : 'no tar binary' }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-validate-charts-'));
  try {
    const src = join(root, 'src', 'demo');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
    writeFileSync(join(src, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }));
    const charts = join(root, 'charts');
    mkdirSync(charts);
    assert.equal(spawnSync('tar', ['-czf', join(charts, 'demo-1.0.0.tgz'), '-C', join(root, 'src'), 'demo']).status, 0);
    writeFileSync(join(root, 'hr.yaml'), manifest);
    const env = { HOME: join(root, 'home') };
    const codes = async (args: string[], e: Record<string, string>): Promise<Array<[string, number | undefined]>> => {
      const r = await runHops(['validate', '--no-schemas', '-o', 'json', ...args, 'hr.yaml'], root, e);
      return (JSON.parse(r.out) as { findings: Finding[] }).findings.filter((f) => f.code === 'helm-values-schema').map((f) => [f.severity, f.line]);
    };
    assert.deepEqual(await codes([], env), []); // not found: nothing to check (plain manifests say nothing)
    assert.deepEqual(await codes([], { ...env, HOPS_CHART_DIR: `/nonexistent:${charts}` }), [['error', 23]]);
    assert.deepEqual(await codes(['--chart-cache-dir', 'charts'], env), [['error', 23]]);
    assert.deepEqual(await codes([], { ...env, XDG_CACHE_HOME: join(root, 'xdg') }), []);
    mkdirSync(join(root, 'xdg', 'hops'), { recursive: true });
    assert.equal(spawnSync('mv', [charts, join(root, 'xdg', 'hops', 'charts')]).status, 0);
    assert.deepEqual(await codes([], { ...env, XDG_CACHE_HOME: join(root, 'xdg') }), [['error', 23]]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
