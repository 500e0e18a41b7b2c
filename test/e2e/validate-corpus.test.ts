// `hops validate` on the shared corpus of real repositories. (1) Every error-severity finding is one the corpus notes
// explain (src/validate/CORPUS-FINDINGS.md): real defects of those repositories, or a listed gap of another stage.
// (2) Defects seeded into temporary copies — one per rule kind — are all found, and nothing else turns into an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { validate } from '../../src/validate/index.js';
import { sharedDir, skipNotice } from '../support/env.js';

const shared = sharedDir();
const skip = shared ? false : skipNotice('validate on the corpus', '../shared is absent');
const repos = (): string => join(shared!, 'corpus', 'repos');
const opts = { env: {}, chartCacheDir: null, cacheDir: null };

/** `repo code file` of every error the corpus notes explain. */
const REAL_DEFECTS = new Set([
  // a boolean label value: the API server rejects the Kustomization object (labels are strings)
  'rafaribe__home-ops schema-invalid kubernetes/apps/actions-runner-system/actions-runner-controller/ks.yaml',
  // claimName grafana-pvc: the Grafana instance has no spec.persistentVolumeClaim, so grafana-operator never makes it
  'rafaribe__home-ops pvc-missing kubernetes/apps/observability/grafana/instance/grafana.yaml',
  // two different PrometheusRules flux-system/flux-instance-rules, applied by two Kustomizations
  'stevewm__homelab duplicate-resource cluster/kubernetes/core/flux-system/flux-instance/app/prometheusrule.yaml',
]);
/** Errors that come from another stage's known gap (each listed in CORPUS-FINDINGS.md with the owner's fix). */
const OTHER_STAGE_GAPS: Array<[RegExp, RegExp]> = [];

function explained(repo: string, f: Finding): boolean {
  const key = `${repo} ${f.code} ${f.file ?? ''}`;
  return REAL_DEFECTS.has(key) || OTHER_STAGE_GAPS.some(([k, m]) => k.test(key) && m.test(f.message));
}

test('every error on the corpus is a known real defect (or a listed gap of another stage)', { skip, timeout: 600_000 }, async () => {
  const unexplained: string[] = [];
  let resources = 0;
  for (const repo of readdirSync(repos()).sort()) {
    const r = await validate({ root: join(repos(), repo), ...opts });
    resources += r.summary.resources;
    for (const f of r.findings) if (f.severity === 'error' && !explained(repo, f)) unexplained.push(`${repo} ${f.file}:${f.line} ${f.code}: ${f.message}`);
  }
  assert.deepEqual(unexplained, []);
  assert.ok(resources > 9_000, `${resources} resources`);
});

interface Seed {
  file: string;
  from: string | RegExp;
  to: string;
  /** The finding the seed must cause: its code and the file it must point at. */
  expect: { code: string; file: string | RegExp; message?: RegExp };
  /** Error codes the seed may cause besides its own (an emptied variable also breaks a schema). */
  consequences?: string[];
}

function seedCopy(repo: string, seeds: Seed[]): string {
  // the folder keeps the repository's name: the build recognises the repository's own GitRepository by it
  const root = join(mkdtempSync(join(tmpdir(), 'hops-validate-seed-')), repo);
  cpSync(join(repos(), repo), root, { recursive: true });
  for (const s of seeds) {
    const path = join(root, s.file);
    const text = readFileSync(path, 'utf8');
    const next = text.replace(s.from, s.to);
    assert.notEqual(next, text, `seed did not apply: ${s.file} ${String(s.from)}`);
    writeFileSync(path, next);
  }
  return root;
}

const key = (f: Finding): string => `${f.severity} ${f.code} ${f.file}:${f.line} ${f.message}`;

async function checkSeeds(repo: string, seeds: Seed[]): Promise<void> {
  const before = new Set((await validate({ root: join(repos(), repo), ...opts })).findings.map(key));
  const root = seedCopy(repo, seeds);
  try {
    const after = (await validate({ root, ...opts })).findings.filter((f) => f.severity !== 'info' && !before.has(key(f)));
    const at = (f: Finding, file: string | RegExp): boolean => (typeof file === 'string' ? f.file === file : file.test(f.file ?? ''));
    const missed = seeds.filter((s) => !after.some((f) => f.code === s.expect.code && at(f, s.expect.file) && (!s.expect.message || s.expect.message.test(f.message))));
    assert.deepEqual(missed.map((s) => s.expect), [], after.map(key).join('\n'));
    const seededCodes = new Set(seeds.flatMap((s) => [s.expect.code, ...(s.consequences ?? [])]));
    assert.deepEqual(after.filter((f) => f.severity === 'error' && !seededCodes.has(f.code)).map(key), []);
  } finally {
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
}

const D = 'kubernetes/apps/default';

test('seeded defects in onedr0p/home-ops, one per rule kind, are all found', { skip, timeout: 300_000 }, async () => {
  await checkSeeds('onedr0p__home-ops', [
    { file: `${D}/atuin/app/helmrelease.yaml`, from: 'TZ: America/New_York', to: 'TZ: ${SEEDED_UNDEFINED}', expect: { code: 'undefined-variable', file: `${D}/atuin/app/helmrelease.yaml`, message: /SEEDED_UNDEFINED/ } },
    { file: `${D}/bazarr/app/helmrelease.yaml`, from: /(chartRef:\n\s+kind: OCIRepository\n\s+name: )bazarr/, to: '$1bazarr-typo', expect: { code: 'source-missing', file: `${D}/bazarr/app/helmrelease.yaml` } },
    { file: `${D}/home-assistant/ks.yaml`, from: 'name: multus-networks', to: 'name: multus-network', expect: { code: 'dependency-missing', file: `${D}/home-assistant/ks.yaml` } },
    { file: `${D}/sonarr/ks.yaml`, from: /\nspec:\n/, to: '\nspec:\n  dependsOn:\n    - name: radarr\n', expect: { code: 'dependency-cycle', file: `${D}/radarr/ks.yaml` } },
    { file: `${D}/radarr/ks.yaml`, from: /\nspec:\n/, to: '\nspec:\n  dependsOn:\n    - name: sonarr\n', expect: { code: 'dependency-cycle', file: `${D}/radarr/ks.yaml` } },
    { file: `${D}/autobrr/ks.yaml`, from: 'path: ./kubernetes/apps/default/autobrr/app', to: 'path: ./kubernetes/apps/default/autobrr/application', expect: { code: 'path-not-found', file: `${D}/autobrr/ks.yaml` } },
    { file: `${D}/radarr/app/kustomization.yaml`, from: '  - ./externalsecret.yaml\n', to: '', expect: { code: 'secret-missing', file: `${D}/radarr/app/helmrelease.yaml`, message: /Secret radarr-secret/ } },
    { file: `${D}/sonarr/app/helmrelease.yaml`, from: 'name: sonarr-configmap', to: 'name: sonarr-configmaps', expect: { code: 'configmap-missing', file: `${D}/sonarr/app/helmrelease.yaml` } },
    { file: `${D}/sonarr/app/externalsecret.yaml`, from: 'name: onepassword-connect', to: 'name: onepassword', expect: { code: 'secret-store-missing', file: `${D}/sonarr/app/externalsecret.yaml` } },
    { file: `${D}/prowlarr/app/helmrelease.yaml`, from: 'existingClaim: "{{ .Release.Name }}"', to: 'existingClaim: prowlarr-config', expect: { code: 'pvc-missing', file: `${D}/prowlarr/app/helmrelease.yaml` } },
    { file: `${D}/atuin/app/kustomization.yaml`, from: 'resources:\n', to: 'resources:\n  - ../../agregarr/app/ocirepository.yaml\n', expect: { code: 'duplicate-resource', file: `${D}/agregarr/app/ocirepository.yaml` } },
    { file: `${D}/chaski/ks.yaml`, from: 'targetNamespace: default', to: 'targetNamespace: seeded-ghost', expect: { code: 'namespace-missing', file: /^kubernetes\/apps\/default\/chaski\/app\//, message: /namespace seeded-ghost/ } },
    { file: `${D}/cleanrr/ks.yaml`, from: '  targetNamespace: default\n', to: '', expect: { code: 'namespace-unset', file: `${D}/cleanrr/app/helmrelease.yaml`, message: /HelmRelease cleanrr/ } },
    { file: `${D}/go2rtc/app/ocirepository.yaml`, from: 'tag: 5.1.0', to: 'tag: latest', expect: { code: 'unpinned-chart', file: `${D}/go2rtc/app/ocirepository.yaml` } },
    { file: `${D}/thelounge/app/helmrelease.yaml`, from: /tag: 4\.5\.2@sha256:\w+/, to: 'tag: latest', expect: { code: 'unpinned-image', file: `${D}/thelounge/app/helmrelease.yaml` } },
  ]);
});

test('seeded defects in bjw-s-labs/home-ops are found', { skip, timeout: 300_000 }, async () => {
  const P = 'kubernetes/apps/selfhosted/paperless';
  await checkSeeds('bjw-s-labs__home-ops', [
    { file: `${P}/app/kustomization.yaml`, from: '  - ./externalsecret.yaml\n', to: '', expect: { code: 'secret-missing', file: `${P}/app/helmrelease.yaml`, message: /Secret paperless-secret/ } },
    { file: `${P}/ks.yaml`, from: 'KOPIUR_CLAIM: paperless-data', to: 'KOPIUR_CLAIM: paperless-documents', expect: { code: 'pvc-missing', file: `${P}/app/helmrelease.yaml`, message: /paperless-data/ } },
    { file: `${P}/ks.yaml`, from: '      APP: paperless\n', to: '', expect: { code: 'undefined-variable', file: 'kubernetes/components/kopiur/backup/pvc.yaml', message: /\$\{APP\}/ }, consequences: ['schema-invalid'] },
  ]);
});
