// The formatters on one small report: what each format must carry (positions, severities, kubeconform's shapes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../core/finding.js';
import { formatGithub, formatJson, formatJunit, formatReport, formatSarif, formatTap, formatText } from './index.js';
import type { Report } from './index.js';

const pvc: Finding = {
  code: 'pvc-missing',
  severity: 'error',
  message: 'HelmRelease games/romm: values existingClaim refers to PersistentVolumeClaim romm-data, which nothing in namespace games creates',
  resource: { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'games', name: 'romm' },
  file: 'kubernetes/apps/games/romm/app/helmrelease.yaml',
  line: 75,
  col: 9,
  hint: 'add a PersistentVolumeClaim named romm-data',
};
const warn: Finding = { code: 'unpinned-image', severity: 'warning', message: 'image a:latest is tagged latest, 100%', file: 'a.yaml', line: 3, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'x', name: 'a' } };
const loose: Finding = { code: 'kustomize-build-failed', severity: 'error', message: 'Kustomization x/y: <broken> & "bad"', file: 'ks.yaml', line: 1 };
const report: Report = {
  tool: 'hops',
  findings: [pvc, warn, loose],
  checked: [
    { resource: pvc.resource!, file: pvc.file!, line: 1 },
    { resource: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'games', name: 'other' }, file: 'pvc.yaml', line: 1 },
  ],
  summary: { resources: 2, files: 2, errors: 2, warnings: 1, infos: 0, ms: 1234 },
};

test('text: grouped by file, line:col, hint under the finding, summary line on request', () => {
  const t = formatText(report, { summary: true });
  const lines = t.split('\n');
  assert.equal(lines[0], 'kubernetes/apps/games/romm/app/helmrelease.yaml');
  assert.match(lines[1]!, /^ {2}75:9 +error +pvc-missing {2}HelmRelease games\/romm/);
  assert.match(lines[2]!, /hint: add a PersistentVolumeClaim named romm-data$/);
  assert.match(t, /\na\.yaml\n {2}3 +warning +unpinned-image/);
  assert.match(t, /✖ 2 errors, 1 warning — 2 resources in 2 files, 1\.2 s\n$/);
  assert.equal(formatText({ findings: [] }), '');
});

test('json: the documented shape', () => {
  const j = JSON.parse(formatJson(report)) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
  assert.deepEqual(Object.keys(j), ['findings', 'summary']);
  assert.deepEqual(j.findings[0], { ...pvc });
  assert.equal(j.summary['errors'], 2);
  const withData: Finding = { code: 'undefined-variable', severity: 'error', message: 'm', data: { variables: ['SECRET_DOMAIN'] } };
  assert.deepEqual(JSON.parse(formatJson({ findings: [withData] })).findings[0].data, { variables: ['SECRET_DOMAIN'] });
  const sarif = JSON.parse(formatSarif({ findings: [withData] })) as { runs: { results: { properties?: unknown }[] }[] };
  assert.deepEqual(sarif.runs[0]!.results[0]!.properties, { data: { variables: ['SECRET_DOMAIN'] } });
});

test('junit: a suite per file, a case per object, failures for errors only, escaped', () => {
  const x = formatJunit(report);
  assert.match(x, /^<testsuites name="hops" time="1\.234" tests="4" failures="2" disabled="0" errors="0">\n/);
  assert.match(x, /<testsuite name="kubernetes\/apps\/games\/romm\/app\/helmrelease.yaml" id="1" tests="1" failures="1"/);
  assert.match(x, /<testcase name="games\/romm" classname="HelmRelease@helm.toolkit.fluxcd.io\/v2">\n {6}<failure message="HelmRelease games\/romm: [^"]*" type="pvc-missing">kubernetes\/apps\/games\/romm\/app\/helmrelease.yaml:75\nhint: add/);
  assert.match(x, /<testcase name="games\/other" classname="PersistentVolumeClaim@v1"><\/testcase>/);
  assert.match(x, /<system-out>warning unpinned-image: image a:latest is tagged latest, 100%<\/system-out>/);
  assert.match(x, /message="Kustomization x\/y: &lt;broken&gt; &amp; &quot;bad&quot;"/);
  assert.equal(formatJunit({ findings: [] }), '<testsuites name="hops" time="0" tests="0" failures="0" disabled="0" errors="0"></testsuites>\n');
});

test('tap: kubeconform-style test points, warnings as comments', () => {
  assert.equal(
    formatTap(report),
    [
      'TAP version 13',
      'not ok 1 - kubernetes/apps/games/romm/app/helmrelease.yaml (HelmRelease): pvc-missing: ' + pvc.message,
      'ok 2 - pvc.yaml (PersistentVolumeClaim)',
      'ok 3 - a.yaml (Deployment)',
      '# warning unpinned-image: image a:latest is tagged latest, 100%',
      'not ok 4 - ks.yaml: kustomize-build-failed: Kustomization x/y: <broken> & "bad"',
      '1..4',
      '',
    ].join('\n'),
  );
});

test('sarif: 2.1.0 with rules, levels and regions', () => {
  const s = JSON.parse(formatSarif(report, { version: '0.1.0', describe: (c) => (c === 'pvc-missing' ? 'PVC referred to but not defined' : undefined) })) as {
    version: string;
    runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } }; results: Array<Record<string, unknown>> }>;
  };
  assert.equal(s.version, '2.1.0');
  const run = s.runs[0]!;
  assert.equal(run.tool.driver.name, 'hops');
  assert.deepEqual(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]), [['kustomize-build-failed', 'error'], ['pvc-missing', 'error'], ['unpinned-image', 'warning']]);
  assert.equal(run.tool.driver.rules[1]!.shortDescription.text, 'PVC referred to but not defined');
  assert.deepEqual(run.results[0]!['locations'], [{ physicalLocation: { artifactLocation: { uri: pvc.file, uriBaseId: '%SRCROOT%' }, region: { startLine: 75, startColumn: 9 } } }]);
  assert.equal(run.results[1]!['level'], 'warning');
  assert.equal(run.results[0]!['ruleIndex'], 1);
});

test('github: workflow commands with escaped data and properties', () => {
  const g = formatGithub({ findings: [pvc, warn, { code: 'x', severity: 'info', message: 'a\nb' }] }).split('\n');
  assert.equal(g[0], `::error file=kubernetes/apps/games/romm/app/helmrelease.yaml,line=75,col=9,title=pvc-missing::${pvc.message}%0Ahint: add a PersistentVolumeClaim named romm-data`);
  assert.equal(g[1], '::warning file=a.yaml,line=3,title=unpinned-image::image a:latest is tagged latest, 100%25');
  assert.equal(g[2], '::notice title=x::a%0Ab');
});

test('formatReport dispatches every format', () => {
  for (const f of ['text', 'json', 'junit', 'tap', 'sarif', 'github'] as const) assert.ok(formatReport(f, report).length > 0, f);
});

test("sarif: defaultConfiguration.level is the code's own severity when known; each result keeps its level", () => {
  const info: Finding = { code: 'helm-values-schema', severity: 'info', message: 'values of 2 HelmReleases not checked' };
  const soft: Finding = { ...warn, code: 'secret-missing' }; // a rule unsure of itself reports a warning
  type Sarif = { runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string; level: string }> }> };
  const levels = (s: Sarif): Array<[string, string]> => s.runs[0]!.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]);
  const defaults: Record<string, 'error' | 'warning' | 'info'> = { 'helm-values-schema': 'error', 'secret-missing': 'error' };
  const s = JSON.parse(formatSarif({ findings: [info, soft, { ...info, code: 'unknown-code' }] }, { defaultSeverity: (c) => defaults[c] })) as Sarif;
  assert.deepEqual(levels(s), [['helm-values-schema', 'error'], ['secret-missing', 'error'], ['unknown-code', 'note']]);
  assert.deepEqual(s.runs[0]!.results.map((r) => [r.ruleId, r.level]), [['helm-values-schema', 'note'], ['secret-missing', 'warning'], ['unknown-code', 'note']]);
  // without a table: the most severe finding of each code
  assert.deepEqual(levels(JSON.parse(formatSarif({ findings: [info, soft, { ...soft, severity: 'error' }] })) as Sarif), [['helm-values-schema', 'note'], ['secret-missing', 'error']]);
});
