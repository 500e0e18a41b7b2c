import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { YMap } from '../core/resource.js';
import { chartDirs, chartOf, findChartPath, versionMatches } from './helm-chart.js';
import { mergedValues } from './helm-values.js';

test('versions: exact, any, ranges, carets and tildes', () => {
  const yes: Array<[string, string]> = [
    ['1.2.3', '1.2.3'], ['', '4.0.0'], ['*', '4.0.0'], ['>=1.0.0 <2.0.0', '1.9.9'], ['^1.2.0', '1.9.0'], ['~1.2.0', '1.2.9'],
    ['1.x', '1.5.0'], ['>=1.0.0, <2.0.0', '1.0.0'], ['<1.0.0 || >=3.0.0', '3.1.0'], ['v1.2.3', '1.2.3'], ['^0.2.0', '0.2.5'],
  ];
  const no: Array<[string, string]> = [['1.2.3', '1.2.4'], ['>=1.0.0 <2.0.0', '2.0.0'], ['^1.2.0', '2.0.0'], ['~1.2.0', '1.3.0'], ['^0.2.0', '0.3.0'], ['>=1.0.0', '1.0.0-rc.1']];
  for (const [w, v] of yes) assert.ok(versionMatches(w, v), `${w} ~ ${v}`);
  for (const [w, v] of no) assert.ok(!versionMatches(w, v), `${w} !~ ${v}`);
});

test('local charts: archives and folders, highest match, earlier folders first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hops-charts-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(join(a, 'app-template'), { recursive: true });
    writeFileSync(join(a, 'app-template', 'Chart.yaml'), 'name: app-template\nversion: 4.4.0\n');
    mkdirSync(b);
    for (const v of ['4.3.0', '4.5.0', '5.0.0']) writeFileSync(join(b, `app-template-${v}.tgz`), '');
    writeFileSync(join(b, 'app-template-extra-9.0.0.tgz'), '');
    assert.equal(findChartPath({ name: 'app-template', version: '4.4.0' }, [a, b]), join(a, 'app-template'));
    assert.equal(findChartPath({ name: 'app-template', version: '^4.0.0' }, [b]), join(b, 'app-template-4.5.0.tgz'));
    assert.equal(findChartPath({ name: 'app-template', version: '' }, [b]), join(b, 'app-template-5.0.0.tgz'));
    assert.equal(findChartPath({ name: 'app-template', version: '6.0.0' }, [a, b]), undefined);
    assert.deepEqual(chartDirs({ HOME: '/h', HOPS_CHART_DIR: '/x:/y' }, ['/given']), ['/given', '/x', '/y', '/h/.cache/hops/charts', '/h/.cache/helm/repository']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what chart a HelmRelease asks for', () => {
  const hr = (spec: YMap): YMap => ({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'x', namespace: 'media' }, spec });
  const oci: YMap = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', metadata: { name: 'x', namespace: 'media' }, spec: { url: 'oci://ghcr.io/bjw-s-labs/helm/app-template', ref: { tag: '4.4.0' } } };
  assert.deepEqual(chartOf(hr({ chartRef: { kind: 'OCIRepository', name: 'x' } }), [oci], () => false), { want: { name: 'app-template', version: '4.4.0' } });
  assert.match(chartOf(hr({ chartRef: { kind: 'OCIRepository', name: 'y' } }), [oci], () => false).problem!, /not in the build/);
  const repoChart = hr({ chart: { spec: { chart: './charts/demo', sourceRef: { kind: 'GitRepository', name: 'flux-system' } } } });
  assert.deepEqual(chartOf(repoChart, [], (n) => n === 'flux-system'), { repoPath: 'charts/demo' });
  assert.match(chartOf(repoChart, [], () => false).problem!, /another repository/);
  assert.deepEqual(chartOf(hr({ chart: { spec: { chart: 'cert-manager', version: 'v1.16.0', sourceRef: { kind: 'HelmRepository', name: 'jetstack' } } } }), [], () => false), { want: { name: 'cert-manager', version: 'v1.16.0' } });
});

test('values: valuesFrom in order (targetPath too), spec.values on top; SOPS sources refused', () => {
  const cm: YMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vals', namespace: 'media' }, data: { 'values.yaml': 'a: 1\nnested: {x: 1, y: 1}\n' } };
  const sec: YMap = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'media' }, data: { token: Buffer.from('t0k').toString('base64') } };
  const hr: YMap = {
    kind: 'HelmRelease',
    metadata: { name: 'x', namespace: 'media' },
    spec: { valuesFrom: [{ kind: 'ConfigMap', name: 'vals' }, { kind: 'Secret', name: 's', valuesKey: 'token', targetPath: 'auth.token' }, { kind: 'ConfigMap', name: 'gone', optional: true }], values: { nested: { y: 2 } } },
  };
  assert.deepEqual(mergedValues(hr, [cm, sec]), { values: { a: 1, nested: { x: 1, y: 2 }, auth: { token: 't0k' } } });
  assert.match((mergedValues(hr, [cm]) as { problem: string }).problem, /valuesFrom Secret\/s is not in the build/);
  assert.match((mergedValues(hr, [cm, { ...sec, sops: { mac: 'ENC[x]' } }]) as { problem: string }).problem, /SOPS-encrypted/);
});
