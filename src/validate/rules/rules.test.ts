// Every rule on an in-memory repository: a case it must report (with the line of the offending field) and the same
// repository fixed, where it must stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appTemplate, hr, ks, only, problems, repo, ROOT, run } from '../../../test/e2e/validate-fixtures.js';
import { validate } from '../validate.js';

const cm = (name: string, ns = 'apps', data = 'k: v'): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  ${data}\n`;
const deploy = (spec: string, image = 'nginx:1.27.0'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ${image}
${spec}`;

test('clean repository: no problems', async () => {
  const r = await run({ 'apps/cm.yaml': cm('plain'), 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    controllers: {}\n') });
  assert.deepEqual(problems(r), []);
  assert.ok(r.summary.resources >= 4);
});

test('undefined-variable: a ${VAR} nothing defines, at its line; defined or defaulted it is fine', async () => {
  const child = ks('web', './web', '  targetNamespace: apps\n  postBuild:\n    substitute:\n      APP: web\n');
  const bad = await run({ 'apps/ks.yaml': child, 'web/cm.yaml': cm('${APP}', 'apps', 'host: "${APP}.${DOMAIN}"') });
  const f = only(bad, 'undefined-variable');
  assert.equal(f.length, 1, JSON.stringify(bad.findings));
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.file, 'web/cm.yaml');
  assert.equal(f[0]!.line, 7);
  assert.match(f[0]!.message, /\$\{DOMAIN\}/);
  assert.deepEqual(f[0]!.resource, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'web' });
  assert.match(f[0]!.hint!, /postBuild\.substitute/);
  const good = await run({ 'apps/ks.yaml': child, 'web/cm.yaml': cm('${APP}', 'apps', 'host: "${APP}.${DOMAIN:=example.com}"') });
  assert.deepEqual(problems(good), []);
});

test('source-missing: chartRef and sourceRef to undefined sources; defined or bootstrap ones are fine', async () => {
  const bad = await run({ 'apps/hr.yaml': hr('web', '    x: 1\n'), 'apps/ks.yaml': ks('web', './apps', '', 'apps').replace('name: flux-system\n    namespace: flux-system', 'name: other-repo') });
  const f = only(bad, 'source-missing');
  assert.deepEqual(f.map((x) => [x.file, x.line, x.severity]), [['apps/hr.yaml', 10, 'error'], ['apps/ks.yaml', 12, 'error']]);
  assert.match(f[0]!.message, /OCIRepository apps\/app-template/);
  const good = await run({ 'apps/hr.yaml': hr('web', '    x: 1\n'), 'apps/oci.yaml': appTemplate });
  assert.deepEqual(only(good, 'source-missing'), []);
});

test('dependency-missing: dependsOn a Kustomization or HelmRelease that does not exist', async () => {
  const deps = '  dependsOn:\n    - name: database\n';
  const bad = await run({ 'apps/ks.yaml': ks('web', './web', `  targetNamespace: apps\n${deps}`), 'web/cm.yaml': cm('a') });
  const f = only(bad, 'dependency-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.line, 16);
  assert.match(f[0]!.message, /Kustomization flux-system\/database/);
  const good = await run({ 'apps/ks.yaml': ks('web', './web', `  targetNamespace: apps\n${deps}`) + '---\n' + ks('database', './web'), 'web/cm.yaml': cm('a') });
  assert.deepEqual(only(good, 'dependency-missing'), []);
});

test('dependency-cycle: HelmReleases waiting for each other', async () => {
  const a = hr('a', '    x: 1\n', '  dependsOn:\n    - name: b\n');
  const b = hr('b', '    x: 1\n', '  dependsOn:\n    - name: a\n');
  const bad = await run({ 'apps/oci.yaml': appTemplate, 'apps/a.yaml': a, 'apps/b.yaml': b });
  const f = only(bad, 'dependency-cycle');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /apps\/a, apps\/b|apps\/b, apps\/a/);
  const good = await run({ 'apps/oci.yaml': appTemplate, 'apps/a.yaml': a, 'apps/b.yaml': hr('b', '    x: 1\n') });
  assert.deepEqual(only(good, 'dependency-cycle'), []);
});

test('path-not-found: reported at spec.path', async () => {
  const bad = await run({ 'apps/ks.yaml': ks('web', './nowhere') });
  const f = only(bad, 'path-not-found');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.file, 'apps/ks.yaml');
  assert.equal(f[0]!.line, 8);
  const good = await run({ 'apps/ks.yaml': ks('web', './web', '  targetNamespace: apps\n'), 'web/cm.yaml': cm('a') });
  assert.deepEqual(only(good, 'path-not-found'), []);
});

test('secret-missing: envFrom to a Secret nothing creates; an ExternalSecret target creates it', async () => {
  const spec = '          envFrom:\n            - secretRef:\n                name: web-secret\n';
  const bad = await run({ 'apps/deploy.yaml': deploy(spec) });
  const f = only(bad, 'secret-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.line, 20);
  assert.match(f[0]!.message, /Secret web-secret/);
  const es = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: web
  namespace: apps
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: vault
  target:
    name: web-secret
---
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: vault
spec:
  provider:
    fake:
      data: []
`;
  const good = await run({ 'apps/deploy.yaml': deploy(spec), 'apps/es.yaml': es });
  assert.deepEqual(problems(good), []);
});

test('secret-missing: a chart that may create the Secret makes it a warning', async () => {
  const oci = appTemplate.replace(/app-template/g, 'grafana');
  const values = '    envFromSecret: x\n    extraEnv:\n      - name: A\n        valueFrom:\n          secretKeyRef:\n            name: grafana-admin\n            key: k\n';
  const r = await run({ 'apps/oci.yaml': oci, 'apps/hr.yaml': hr('grafana', values).replace('name: app-template', 'name: grafana') });
  const f = only(r, 'secret-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  assert.match(f[0]!.message, /HelmRelease apps\/grafana \(chart grafana\) may create it/);
});

test('configmap-missing: a volume of a ConfigMap nothing creates', async () => {
  const spec = '      volumes:\n        - name: config\n          configMap:\n            name: web-config\n';
  const bad = await run({ 'apps/deploy.yaml': deploy(spec) });
  assert.deepEqual(only(bad, 'configmap-missing').map((f) => [f.line, f.severity]), [[21, 'error']]);
  const good = await run({ 'apps/deploy.yaml': deploy(spec), 'apps/cm.yaml': cm('web-config') });
  assert.deepEqual(problems(good), []);
});

test('secret-store-missing: ExternalSecret to a store that does not exist', async () => {
  const es = (kind: string) => `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: web
  namespace: apps
spec:
  secretStoreRef:
    kind: ${kind}
    name: vault
`;
  const bad = await run({ 'apps/es.yaml': es('ClusterSecretStore') });
  const f = only(bad, 'secret-store-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.line, 9);
  const store = 'apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: vault\n  namespace: apps\nspec:\n  provider:\n    fake:\n      data: []\n';
  const good = await run({ 'apps/es.yaml': es('SecretStore'), 'apps/store.yaml': store });
  assert.deepEqual(only(good, 'secret-store-missing'), []);
});

test('pvc-missing: app-template existingClaim without a PVC; a PVC or a persistence claim of the chart is fine', async () => {
  const values = '    persistence:\n      data:\n        existingClaim: web-data\n';
  const bad = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', values) });
  const f = only(bad, 'pvc-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.line, 14);
  assert.match(f[0]!.hint!, /PersistentVolumeClaim named web-data/);
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: web-data\n  namespace: apps\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
  const good = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', values), 'apps/pvc.yaml': pvc });
  assert.deepEqual(problems(good), []);
  const claim = '    persistence:\n      data:\n        size: 1Gi\n        accessMode: ReadWriteOnce\n    controllers:\n      web:\n        pod:\n          volumes:\n            - name: x\n              persistentVolumeClaim:\n                claimName: web-data\n';
  assert.deepEqual(problems(await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', claim) })), []);
});

test('duplicate-resource: one object in two Kustomizations; different content is an error, identical a warning', async () => {
  const two = (a: string, b: string) => ({
    'apps/ks.yaml': ks('one', './one', '  targetNamespace: apps\n') + '---\n' + ks('two', './two', '  targetNamespace: apps\n'),
    'one/cm.yaml': a,
    'two/cm.yaml': b,
  });
  const bad = await run(two(cm('shared', 'apps', 'k: one'), cm('shared', 'apps', 'k: two')));
  assert.deepEqual(only(bad, 'duplicate-resource').map((f) => f.severity), ['error']);
  const same = await run(two(cm('shared'), cm('shared')));
  assert.deepEqual(only(same, 'duplicate-resource').map((f) => f.severity), ['warning']);
  const good = await run(two(cm('one'), cm('two')));
  assert.deepEqual(problems(good), []);
});

test('namespace-missing: objects in a namespace nothing creates', async () => {
  const bad = await run({ 'apps/cm.yaml': cm('a', 'ghost') });
  const f = only(bad, 'namespace-missing');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.line, 5);
  const good = await run({ 'apps/cm.yaml': cm('a', 'ghost'), 'apps/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ghost\n' });
  assert.deepEqual(problems(good), []);
});

test('namespace-unset: a namespaced object without namespace under a Kustomization without targetNamespace', async () => {
  const noNs = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n';
  const bad = await run({ 'apps/ks.yaml': ks('web', './web'), 'web/cm.yaml': noNs });
  assert.equal(only(bad, 'namespace-unset').length, 1);
  const good = await run({ 'apps/ks.yaml': ks('web', './web', '  targetNamespace: apps\n'), 'web/cm.yaml': noNs });
  assert.deepEqual(problems(good), []);
  // the scope comes from the bundle (and the repository's CRDs): custom kinds count, unknown ones do not
  const custom = (apiVersion: string, kind: string): string => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: a\nspec: {}\n`;
  const crs = await run({
    'apps/ks.yaml': ks('web', './web'),
    'web/np.yaml': custom('cilium.io/v2', 'CiliumNetworkPolicy'),
    'web/ccnp.yaml': custom('cilium.io/v2', 'CiliumClusterwideNetworkPolicy'),
    'web/widget.yaml': custom('example.com/v1', 'Widget'),
  });
  assert.deepEqual(only(crs, 'namespace-unset').map((f) => f.resource?.kind), ['CiliumNetworkPolicy']);
});

test('unpinned-chart: no chart version, OCIRepository tag latest', async () => {
  const chartHr = (version: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: metrics
  namespace: apps
spec:
  interval: 1h
  chart:
    spec:
      chart: metrics-server
${version}      sourceRef:
        kind: HelmRepository
        name: metrics
`;
  const repoSrc = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: metrics\n  namespace: apps\nspec:\n  url: https://example.com\n';
  const bad = await run({ 'apps/hr.yaml': chartHr(''), 'apps/repo.yaml': repoSrc, 'apps/oci.yaml': appTemplate.replace('tag: 4.4.0', 'tag: latest') });
  assert.deepEqual(only(bad, 'unpinned-chart').map((f) => [f.file, f.line, f.severity]), [['apps/hr.yaml', 10, 'warning'], ['apps/oci.yaml', 9, 'warning']]);
  const good = await run({ 'apps/hr.yaml': chartHr('      version: 3.12.2\n'), 'apps/repo.yaml': repoSrc, 'apps/oci.yaml': appTemplate });
  assert.deepEqual(only(good, 'unpinned-chart'), []);
});

test('unpinned-image: latest and untagged images; a version tag or digest is fine', async () => {
  const bad = await run({ 'apps/deploy.yaml': deploy('', 'nginx:latest') });
  const f = only(bad, 'unpinned-image');
  assert.deepEqual(f.map((x) => [x.line, x.severity]), [[17, 'warning']]);
  const untagged = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    controllers:\n      web:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/x/web\n') });
  assert.equal(only(untagged, 'unpinned-image').length, 1);
  const good = await run({ 'apps/deploy.yaml': deploy('', 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') });
  assert.deepEqual(problems(good), []);
});

test('helm-values-schema: values the cached chart schema rejects; valid values pass; no cache is one notice', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'hops-charts-'));
  try {
    const dir = join(cache, 'app-template', '4.4.0');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), 'name: app-template\nversion: 4.4.0\n');
    writeFileSync(join(dir, 'values.yaml'), 'replicas: 1\n');
    writeFileSync(join(dir, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }));
    const bad = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    replicas: many\n') }, { chartCacheDir: cache });
    const f = only(bad, 'helm-values-schema');
    assert.deepEqual(f.map((x) => [x.line, x.severity]), [[12, 'error']]);
    assert.match(f[0]!.message, /'\/replicas': must be integer/);
    const good = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    replicas: 2\n') }, { chartCacheDir: cache });
    assert.deepEqual(only(good, 'helm-values-schema'), []);
    const none = await run({ 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    replicas: many\n') });
    assert.deepEqual(only(none, 'helm-values-schema').map((x) => x.severity), ['info']);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('kustomization-unapplied: a Kustomization left out of its folder kustomization is reported and not checked', async () => {
  const r = await run({
    'apps/kustomization.yaml': 'resources:\n  - namespace.yaml\n',
    'apps/ks.yaml': ks('retired', './retired'),
    'retired/cm.yaml': cm('a', 'ghost'),
  });
  assert.deepEqual(problems(r), []);
  assert.match(only(r, 'kustomization-unapplied')[0]!.message, /flux-system\/retired is not applied/);
});

test('kustomization-unapplied: what Flux does not apply is not even built', async () => {
  const fs = repo({
    'apps/kustomization.yaml': 'resources:\n  - namespace.yaml\n',
    'apps/ks.yaml': ks('retired', './retired'),
    'retired/kustomization.yaml': 'configMapGenerator:\n  - name: settings\n    files:\n      - settings.txt\n',
    'retired/settings.txt': 'only its build reads this file\n',
  });
  const read: string[] = [];
  const [readText, readFile] = [fs.readText.bind(fs), fs.readFile.bind(fs)];
  fs.readText = (p: string): string => (read.push(p), readText(p));
  fs.readFile = (p: string): Buffer => (read.push(p), readFile(p));
  const r = await validate({ root: ROOT, fs, noSchemas: true, chartCacheDir: null, cacheDir: null });
  assert.equal(only(r, 'kustomization-unapplied').length, 1);
  assert.deepEqual(read.filter((p) => p.endsWith('settings.txt')), []);
});

test('remote resources: a warning that the Kustomization is not validated, nothing else', async () => {
  const r = await run({ 'apps/ks.yaml': ks('crds', './crds'), 'crds/kustomization.yaml': 'resources:\n  - https://example.com/crds.yaml\n' });
  assert.deepEqual(problems(r), ['remote-resource apps/ks.yaml:1']);
  const f = only(r, 'remote-resource')[0]!;
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /is a remote resource; hops does not fetch over the network \(its resources are not validated\)$/);
  assert.deepEqual(f.data, { url: 'https://example.com/crds.yaml' });
});

test('undefined-variable: each use carries the variable name as data', async () => {
  const child = ks('web', './web', '  targetNamespace: apps\n  postBuild:\n    substitute:\n      APP: web\n');
  const r = await run({ 'apps/ks.yaml': child, 'web/cm.yaml': cm('${APP}', 'apps', 'host: "${DOMAIN}.${ZONE}"') });
  assert.deepEqual(only(r, 'undefined-variable').map((f) => [f.col, f.data]), [[10, { variable: 'DOMAIN' }], [20, { variable: 'ZONE' }]]);
});

test('--disable: no finding of a disabled code comes through, whatever stage made it (the build finds these too)', async () => {
  const child = ks('web', './web', '  targetNamespace: apps\n  postBuild:\n    substitute:\n      APP: web\n');
  const files = { 'apps/ks.yaml': child + '---\n' + ks('gone', './nowhere'), 'web/cm.yaml': cm('a', 'apps', 'host: "${DOMAIN}"') };
  const on = await run(files);
  assert.deepEqual(problems(on), ['path-not-found apps/ks.yaml:26', 'undefined-variable web/cm.yaml:7']);
  const off = await run(files, { disable: ['undefined-variable'] });
  assert.deepEqual(problems(off), ['path-not-found apps/ks.yaml:26']);
  const none = await run(files, { disable: ['path-not-found', 'undefined-variable'] });
  assert.deepEqual(problems(none), []);
  const outside = await run({ 'apps/ks.yaml': ks('out', '../elsewhere') }, { disable: ['path-not-found'] });
  assert.deepEqual(problems(outside), []);
});

test('helm-values-schema: charts as hops diff reads them — a helm pull .tgz (read in-process), <chart>/ untarred', { skip: spawnSync('tar', ['--version']).status === 0 ? false : 'no tar binary' }, async () => {
  const cache = mkdtempSync(join(tmpdir(), 'hops-charts-'));
  try {
    const src = join(cache, 'src', 'app-template');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: app-template\nversion: 4.4.0\n');
    writeFileSync(join(src, 'values.yaml'), 'replicas: 1\n');
    writeFileSync(join(src, 'values.schema.json'), JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }));
    const archives = join(cache, 'archives');
    mkdirSync(archives);
    assert.equal(spawnSync('tar', ['-czf', join(archives, 'app-template-4.4.0.tgz'), '-C', join(cache, 'src'), 'app-template']).status, 0);
    const files = { 'apps/oci.yaml': appTemplate, 'apps/hr.yaml': hr('web', '    replicas: many\n') };
    for (const dir of [archives, join(cache, 'src')]) {
      const f = only(await run(files, { chartCacheDir: ['/nonexistent', dir] }), 'helm-values-schema');
      assert.deepEqual(f.map((x) => [x.line, x.severity]), [[12, 'error']], dir);
    }
    writeFileSync(join(archives, 'app-template-4.4.0.tgz'), 'not an archive');
    const broken = only(await run(files, { chartCacheDir: archives }), 'helm-values-schema');
    // located at the HelmRelease's chartRef (the archive lies outside the repository), the archive named in the message
    assert.deepEqual(broken.map((x) => [x.file, x.line, x.severity]), [['apps/hr.yaml', 8, 'warning']]);
    assert.ok(broken[0]!.message.includes(`chart app-template 4.4.0 at ${join(archives, 'app-template-4.4.0.tgz')} cannot be read`), broken[0]!.message);
    writeFileSync(join(src, 'values.schema.json'), '{"type": 5}');
    const unusable = only(await run(files, { chartCacheDir: join(cache, 'src') }), 'helm-values-schema');
    assert.deepEqual(unusable.map((x) => [x.file, x.line, x.severity]), [['apps/hr.yaml', 8, 'warning']]);
    assert.match(unusable[0]!.message, /values\.schema\.json cannot be used/);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
