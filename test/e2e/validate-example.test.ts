// `hops validate` on the embedded example repository: it passes; with the romm-data PVC removed, the romm ExternalSecret
// removed, or SECRET_DOMAIN removed from the cluster variables (each on a temporary copy), it fails naming the
// resource, the file and line of the field, and the fix. Also stdin/manifest input and the output formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Finding } from '../../src/core/finding.js';
import { runHops } from '../support/cli.js';
import type { CliRun } from '../support/cli.js';
import { exampleRepo } from '../support/env.js';

const example = exampleRepo()!;
const env = { HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent/cache' };
const hops = (args: string[], cwd = example, stdin?: string): Promise<CliRun> => runHops(args, cwd, env, stdin === undefined ? undefined : Readable.from([stdin]));

async function validateJson(cwd: string, args: string[] = []): Promise<{ code: number; findings: Finding[]; summary: Record<string, number> }> {
  const r = await hops(['validate', '-o', 'json', ...args], cwd);
  assert.equal(r.err, '');
  const out = JSON.parse(r.out) as { findings: Finding[]; summary: Record<string, number> };
  return { code: r.code, ...out };
}

/** A temporary copy of the example with `edit` applied to some of its files. */
async function withCopy(edit: (root: string) => void, check: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hops-validate-example-'));
  try {
    cpSync(join(example, 'kubernetes'), join(root, 'kubernetes'), { recursive: true });
    edit(root);
    await check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const rewrite = (root: string, file: string, f: (text: string) => string): void => writeFileSync(join(root, file), f(readFileSync(join(root, file), 'utf8')));
const errors = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
const ROMM_HR = 'kubernetes/apps/games/romm/app/helmrelease.yaml';
const romm = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'games', name: 'romm' };
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** The edit three tests make: romm's PersistentVolumeClaim removed from its app. */
const removeRommPvc = (root: string): void => {
  rmSync(join(root, 'kubernetes/apps/games/romm/app/pvc.yaml'));
  rewrite(root, 'kubernetes/apps/games/romm/app/kustomization.yaml', (t) => t.replace('  - ./pvc.yaml\n', ''));
};

test('the example repository passes', async () => {
  const r = await validateJson(example);
  assert.deepEqual(errors(r.findings), []);
  assert.deepEqual(r.findings.filter((f) => f.severity === 'warning'), []);
  assert.equal(r.code, 0);
  assert.equal(r.summary['kustomizations'], 14);
  assert.ok(r.summary['resources']! >= 80, String(r.summary['resources']));
});

test('romm-data PVC removed: pvc-missing at existingClaim', async () => {
  await withCopy(
    removeRommPvc,
    async (root) => {
      const r = await validateJson(root);
      assert.equal(r.code, 1);
      const [f, ...rest] = errors(r.findings);
      assert.deepEqual(rest, []);
      assert.equal(f!.code, 'pvc-missing');
      assert.deepEqual(f!.resource, romm);
      assert.equal(f!.file, ROMM_HR);
      assert.equal(f!.line, lineOf(readFileSync(join(root, ROMM_HR), 'utf8'), 'existingClaim: romm-data'));
      assert.match(f!.message, /PersistentVolumeClaim romm-data/);
      assert.match(f!.hint!, /add a PersistentVolumeClaim named romm-data in namespace games/);
    },
  );
});

test('ExternalSecret removed: secret-missing at the envFrom secretRef', async () => {
  await withCopy(
    (root) => {
      rmSync(join(root, 'kubernetes/apps/games/romm/app/externalsecret.yaml'));
      rewrite(root, 'kubernetes/apps/games/romm/app/kustomization.yaml', (t) => t.replace('  - ./externalsecret.yaml\n', ''));
    },
    async (root) => {
      const r = await validateJson(root);
      assert.equal(r.code, 1);
      const [f, ...rest] = errors(r.findings);
      assert.deepEqual(rest, []);
      assert.equal(f!.code, 'secret-missing');
      assert.deepEqual(f!.resource, romm);
      assert.equal(f!.file, ROMM_HR);
      assert.equal(f!.line, lineOf(readFileSync(join(root, ROMM_HR), 'utf8'), 'name: romm-db-secret'));
      assert.match(f!.hint!, /ExternalSecret with target\.name romm-db-secret/);
    },
  );
});

test('SECRET_DOMAIN removed from the cluster variables: undefined-variable at every use', async () => {
  const vars = 'kubernetes/components/common/cluster-secrets.sops.yaml';
  await withCopy(
    (root) => rewrite(root, vars, (t) => t.replace(/^ {2}SECRET_DOMAIN:.*\n/m, '')),
    async (root) => {
      const r = await validateJson(root);
      assert.equal(r.code, 1);
      const uses = errors(r.findings).filter((f) => f.code === 'undefined-variable');
      // every ${SECRET_DOMAIN} of the applied files, each at its own line
      const files = ['apps/cert-manager/cert-manager/app/clusterissuer.yaml', 'apps/games/romm/app/helmrelease.yaml', 'apps/media/jellyfin/app/helmrelease.yaml', 'apps/network/envoy-gateway/app/certificate.yaml', 'apps/network/envoy-gateway/app/gateways.yaml'];
      const expected = files.flatMap((f) => {
        const text = readFileSync(join(root, 'kubernetes', f), 'utf8').split('\n');
        return text.flatMap((l, i) => (l.includes('${SECRET_DOMAIN') && !l.trim().startsWith('#') ? [`kubernetes/${f}:${i + 1}`] : []));
      });
      assert.deepEqual(uses.map((f) => `${f.file}:${f.line}`).sort(), expected.sort());
      const hr = uses.find((f) => f.file === ROMM_HR)!;
      assert.deepEqual(hr.resource, romm);
      assert.match(hr.message, /\$\{SECRET_DOMAIN\} has no value/);
      assert.match(hr.hint!, /postBuild\.substitute|substituteFrom/);
    },
  );
});

test('text output names file, line and hint; --strict and the summary line', async () => {
  await withCopy(
    removeRommPvc,
    async (root) => {
      const r = await hops(['validate', '--summary'], root);
      assert.equal(r.code, 1);
      assert.match(r.out, new RegExp(`^${ROMM_HR.replace(/\./g, '\\.')}\\n {2}\\d+:\\d+ +error +pvc-missing`, 'm'));
      assert.match(r.out, /hint: add a PersistentVolumeClaim named romm-data/);
      assert.match(r.out, /✖ 1 error, 0 warnings — \d+ resources in \d+ files, 14 Kustomizations/);
    },
  );
  assert.equal((await hops(['validate', '--strict'])).code, 0);
});

test('plain manifests from stdin and files, like kubeconform', async () => {
  const stdin = await hops(['validate', '-', '-o', 'json'], example, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n  bogus: [1]\n');
  assert.equal(stdin.code, 1);
  const out = JSON.parse(stdin.out) as { findings: Finding[] };
  assert.deepEqual(out.findings.map((f) => [f.code, f.file, f.line]), [['schema-invalid', 'stdin', 7]]);
  const files = await hops(['validate', 'kubernetes/apps/games/romm/app/pvc.yaml', 'kubernetes/apps/games/romm/app/helmrelease.yaml', '--summary']);
  assert.equal(files.code, 0, files.out);
  assert.match(files.out, /✔ 0 errors, 0 warnings — 2 resources in 2 files/);
  const folder = await hops(['validate', 'kubernetes/apps/games/romm/app', '-o', 'json']);
  assert.equal(folder.code, 1);
  // like kubeconform, a folder's YAML files are all taken for manifests: the app's config file is not one
  assert.match(folder.out, /"file": "kubernetes\/apps\/games\/romm\/app\/config\/config.yml"/);
  const bad = await hops(['validate', '--output', 'xml']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--output must be one of/);
  const nowhere = await hops(['validate', '--path', 'no/such/folder']);
  assert.equal(nowhere.code, 2);
  assert.equal(nowhere.err, `hops: ${join(example, 'no/such/folder')} is not a folder\n`);
});

test('kubeconform flags: --skip, --reject, --missing-schemas, --schema-location', async () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
  const run = async (args: string[]): Promise<{ code: number; findings: Finding[] }> => {
    const r = await hops(['validate', '-', '-o', 'json', ...args], example, doc);
    return { code: r.code, findings: (JSON.parse(r.out) as { findings: Finding[] }).findings };
  };
  const plain = await run([]);
  assert.equal(plain.code, 0);
  assert.deepEqual(plain.findings.map((f) => [f.code, f.severity]), [['schema-missing', 'warning']]);
  assert.deepEqual((await run(['--missing-schemas', 'ignore'])).findings, []);
  const strict = await run(['--missing-schemas', 'error']);
  assert.equal(strict.code, 1);
  assert.deepEqual(strict.findings.map((f) => [f.code, f.severity, f.line]), [['schema-missing', 'error', 8]]);
  assert.deepEqual((await run(['--skip', 'example.com/v1/Widget'])).findings, []);
  const rejected = await run(['--reject', 'ConfigMap', '--skip', 'Widget']);
  assert.equal(rejected.code, 1);
  assert.deepEqual(rejected.findings.map((f) => [f.code, f.line]), [['kind-rejected', 1]]);
  // a folder of JSON schemas named like kubeconform's templates supplies the Widget
  const dir = mkdtempSync(join(tmpdir(), 'hops-schemas-'));
  try {
    writeFileSync(join(dir, 'widget-example.com-v1.json'), JSON.stringify({ type: 'object', required: ['spec'] }));
    const located = await run(['--schema-location', 'default', '--schema-location', `${dir}/{{.ResourceKind}}-{{.Group}}-{{.ResourceAPIVersion}}.json`]);
    assert.deepEqual(located.findings.map((f) => [f.code, f.line]), [['schema-invalid', 8]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif and github outputs through the CLI', async () => {
  await withCopy(
    removeRommPvc,
    async (root) => {
      const sarif = await hops(['validate', '-o', 'sarif'], root);
      assert.equal(sarif.code, 1);
      const run = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }>; tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } } }> }).runs[0]!;
      const result = run.results.find((r) => r.ruleId === 'pvc-missing')!;
      assert.ok(result.locations.length === 1);
      assert.match(run.tool.driver.rules.find((r) => r.id === 'pvc-missing')!.shortDescription.text, /PersistentVolumeClaim/);
      const gh = await hops(['validate', '-o', 'github'], root);
      assert.equal(gh.code, 1);
      assert.match(gh.out, new RegExp(`^::error file=${ROMM_HR.replace(/\./g, '\\.')},line=\\d+,col=\\d+,title=pvc-missing::`, 'm'));
    },
  );
});

test('sarif: a rule keeps its declared level when only a softer finding of it is present', async () => {
  // no chart cache: helm-values-schema (an error rule) reports one info finding
  const r = await hops(['validate', '-o', 'sarif']);
  assert.equal(r.code, 0);
  const run = (JSON.parse(r.out) as { runs: Array<{ results: Array<{ ruleId: string; level: string }>; tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } } }> }).runs[0]!;
  assert.deepEqual(run.results.filter((x) => x.ruleId === 'helm-values-schema').map((x) => x.level), ['note']);
  assert.equal(run.tool.driver.rules.find((x) => x.id === 'helm-values-schema')!.defaultConfiguration.level, 'error');
});

test('a typo in a spec.path kustomization: kustomization-unknown-field at the field, the rest built as Flux builds it', async () => {
  const file = 'kubernetes/apps/games/romm/app/kustomization.yaml';
  await withCopy(
    (root) => rewrite(root, file, (t) => t.replace(/^resources:/m, 'resourcez:')),
    async (root) => {
      const r = await validateJson(root);
      assert.equal(r.code, 1);
      assert.deepEqual(errors(r.findings).map((f) => [f.code, f.file, f.line, f.data]), [['kustomization-unknown-field', file, lineOf(readFileSync(join(root, file), 'utf8'), 'resourcez:'), { field: 'resourcez', suggestion: 'resources' }]]);
      assert.match(errors(r.findings)[0]!.message, /Flux ignores it/);
      // the Kustomization built (only its configMapGenerator, as in the cluster) and was validated: no build failure
      assert.ok(!r.findings.some((f) => f.code === 'kustomize-build-failed'));
      // and build prints the same error on stderr, exit 1
      const b = await hops(['build', 'ks', 'romm'], root);
      assert.equal(b.code, 1);
      assert.match(b.err, /kustomization\.yaml:\d+:1: error kustomization-unknown-field: Kustomization games\/romm: unknown field "resourcez"/);
      assert.match(b.out, /name: romm-config/);
    },
  );
});
