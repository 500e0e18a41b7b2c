// The Flux layer end to end on an in-memory repository, with a minimal kustomize stand-in (the kustomize engine has
// its own tests; test/e2e/flux-build.test.ts runs the real one on real repositories).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFS } from '../io/fs.js';
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import { projectRoot } from '../../test/support/env.js';
import { fluxKs as ks } from '../../test/support/flux.js';
import { testEngine } from '../../test/e2e/flux-test-engine.js';
import { build } from './build.js';
import { nativeEngine } from './engine.js';
import type { BuildRequest, BuildUnit } from './build.js';
import { maskSecrets } from './mask.js';
import { FluxRepo } from './repo.js';

const root = projectRoot;
const fixture = (f: string): string => readFileSync(join(root, 'test/e2e/flux-fixtures/sops', f), 'utf8');
const keyFile = join(root, 'test/e2e/flux-fixtures/sops/age.key');

function repo(): MemoryFS {
  return new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/vars/cluster-settings.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  TIMEZONE: Europe/Paris\n  SECRET_TZ: from-configmap\n  APP: from-configmap\n',
    '/repo/kubernetes/flux/vars/cluster-secrets.sops.yaml': fixture('cluster-secrets.sops.yaml'),
    '/repo/kubernetes/flux/vars/.sops.yaml': 'creation_rules: []\n',
    '/repo/kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
    '/repo/kubernetes/apps/demo/ks.yaml': ks(
      'demo',
      './kubernetes/apps/demo/app',
      `  targetNamespace: demo
  commonMetadata:
    labels:
      app.kubernetes.io/part-of: demo
  postBuild:
    substitute:
      APP: echo
    substituteFrom:
      - kind: Secret
        name: cluster-secrets
      - kind: ConfigMap
        name: cluster-settings
      - kind: ConfigMap
        name: optional-settings
        optional: true
`,
    ),
    '/repo/kubernetes/apps/demo/app/kustomization.yaml': 'resources:\n  - ./config.yaml\n',
    '/repo/kubernetes/apps/demo/app/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${APP}-config
data:
  app: \${APP}
  tz: \${TIMEZONE:=Etc/UTC}
  fallback: \${NOT_SET:=default-value}
  escaped: $\${APP}
  host: \${APP}.\${SECRET_DOMAIN}
  secret_tz: \${SECRET_TZ}
  port: "\${PORT:=8080}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: raw
  annotations:
    kustomize.toolkit.fluxcd.io/substitute: disabled
data:
  app: \${APP}
`,
  });
}

function object(u: BuildUnit, name: string): YMap {
  const r = u.resources.find((x) => isMap(x.object['metadata']) && x.object['metadata']['name'] === name);
  assert.ok(r, `resource ${name} in ${u.resources.map((x) => JSON.stringify(x.object['metadata'])).join(', ')}`);
  return r.object;
}

test('build ks: substitution order, defaults, escapes, disabled annotation, SOPS variables, owner labels', async () => {
  const result = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs: repo(), engine: testEngine, env: { SOPS_AGE_KEY_FILE: keyFile, HOME: '/nonexistent' } });
  assert.equal(result.units.length, 1);
  const u = result.units[0]!;
  assert.equal(u.id, 'flux-system/demo');
  assert.equal(u.dir, 'kubernetes/apps/demo/app');
  assert.ok(u.ok, JSON.stringify(u.findings));
  const cm = object(u, 'echo-config');
  assert.deepEqual(cm['data'], {
    app: 'echo', // inline substitute wins over every substituteFrom
    tz: 'Europe/Paris', // a value beats the default
    fallback: 'default-value', // ${V:=d} without a value
    escaped: '${APP}', // $${V} is an escape
    host: 'echo.example.test', // from the SOPS Secret, decrypted in memory
    secret_tz: 'from-configmap', // later substituteFrom entries win
    port: 8080, // quotes in the source do not keep a string
  });
  const meta = cm['metadata'] as YMap;
  assert.equal(meta['namespace'], 'demo');
  assert.deepEqual(meta['labels'], {
    'app.kubernetes.io/part-of': 'demo',
    'kustomize.toolkit.fluxcd.io/name': 'demo',
    'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
  });
  assert.deepEqual(object(u, 'raw')['data'], { app: '${APP}' });
});

test('without an age key, variables of an encrypted Secret are kept and reported, not missing', async () => {
  const result = await build({ mode: 'ks', name: 'demo', namespace: 'flux-system' }, { root: '/repo', fs: repo(), engine: testEngine, env: { HOME: '/nonexistent' } });
  const u = result.units[0]!;
  assert.ok(u.ok);
  const data = object(u, 'echo-config')['data'] as YMap;
  assert.equal(data['host'], 'echo.${SECRET_DOMAIN}');
  assert.ok(u.findings.some((f) => f.code === 'encrypted-variables' && f.severity === 'info'));
  assert.ok(!u.findings.some((f) => f.code === 'undefined-variable'));
});

test('build all follows Kustomizations through their parents; the SOPS Secret is masked for printing', async () => {
  const result = await build({ mode: 'all' }, { root: '/repo', fs: repo(), engine: testEngine, env: { SOPS_AGE_KEY_FILE: keyFile, HOME: '/nonexistent' } });
  assert.deepEqual(result.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'flux-system/demo']);
  const fluxSystem = result.units[0]!;
  // .sops.yaml is left out of generated kustomizations, as source-controller leaves it out of artifacts
  assert.ok(!fluxSystem.resources.some((r) => r.origin.file.endsWith('.sops.yaml') && !r.origin.file.endsWith('secrets.sops.yaml')));
  const secret = maskSecrets(fluxSystem.resources).find((r) => r.object['kind'] === 'Secret')!.object;
  assert.equal('sops' in secret, false);
  assert.deepEqual(secret['stringData'], { SECRET_DOMAIN: '**SOPS**', SECRET_ACME_EMAIL: '**SOPS**', SECRET_TZ: '**SOPS**' });
  // the Secret stays encrypted in the output; its values only appear where they were substituted, as in the cluster
  assert.ok(!JSON.stringify(fluxSystem).includes('example.test'));
  assert.ok(!JSON.stringify(result.units.flatMap((u) => u.findings)).includes('example.test'));
});

test('errors name the Kustomization, the file and the reason', async () => {
  const fs = repo();
  fs.write('/repo/kubernetes/apps/demo/app/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  a: ${APP\n');
  const r1 = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: testEngine, env: {} });
  const f = r1.units[0]!.findings.find((x) => x.code === 'substitution-failed')!;
  assert.ok(!r1.ok);
  // the line of the expression in its file
  assert.match(f.message, /Kustomization flux-system\/demo: post build failed for 'ConfigMap\/bad' \(kubernetes\/apps\/demo\/app\/config.yaml:6\): .*missing closing brace/);
  assert.equal(f.file, 'kubernetes/apps/demo/ks.yaml');

  fs.write('/repo/kubernetes/apps/demo/ks.yaml', ks('demo', './kubernetes/apps/nope'));
  const r2 = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: testEngine, env: {} });
  assert.equal(r2.units[0]!.findings[0]!.code, 'path-not-found');

  fs.write('/repo/kubernetes/apps/demo/ks.yaml', ks('demo', '../../etc'));
  const r3 = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: testEngine, env: {} });
  assert.equal(r3.units[0]!.findings[0]!.code, 'path-outside-repository');

  await assert.rejects(build({ mode: 'ks', name: 'nope' }, { root: '/repo', fs, engine: testEngine, env: {} }), /no Flux Kustomization named nope/);
});

test('--strict-substitute fails on a variable without value or default', async () => {
  const fs = repo();
  fs.write('/repo/kubernetes/apps/demo/app/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${UNDEFINED_VAR}\n');
  const lax = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: testEngine, env: { SOPS_AGE_KEY_FILE: keyFile } });
  assert.ok(lax.ok);
  const unset = lax.units[0]!.findings.find((f) => f.code === 'undefined-variable')!;
  assert.ok(unset.message.includes('${UNDEFINED_VAR}'));
  assert.deepEqual(unset.data, { variables: ['UNDEFINED_VAR'] });
  const strict = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: testEngine, env: { SOPS_AGE_KEY_FILE: keyFile }, strict: true });
  assert.ok(!strict.ok);
  assert.match(strict.units[0]!.findings.find((f) => f.code === 'substitution-failed')!.message, /variable not set \(strict mode\): "UNDEFINED_VAR"/);
});

test('build all --entry starts from a cluster directory as flux-system', async () => {
  const result = await build({ mode: 'all', entry: 'kubernetes/flux/cluster' }, { root: '/repo', fs: repo(), engine: testEngine, env: { SOPS_AGE_KEY_FILE: keyFile } });
  assert.deepEqual(result.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'flux-system/demo']);
  assert.equal(result.units[0]!.dir, 'kubernetes/flux/cluster');
});

test('a failing substitution never puts a Secret line or a Secret value into a finding', async () => {
  const files = (app: string): MemoryFS =>
    new MemoryFS({
      '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
      '/repo/kubernetes/flux/ks.yaml': ks('app', './kubernetes/app', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: tokens\n'),
      '/repo/kubernetes/flux/tokens.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tokens\n  namespace: flux-system\nstringData:\n  TOKEN: "|s3cr3t-token"\n',
      '/repo/kubernetes/app/kustomization.yaml': 'resources:\n  - ./app.yaml\n',
      '/repo/kubernetes/app/app.yaml': app,
    });
  const cases = {
    // a broken expression in a Secret: its line is not quoted
    secretLine: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: broken\nstringData:\n  password: s3cr3t-line-${UNCLOSED\n',
    // a Secret's value breaks the YAML of a ConfigMap: the parser's words would quote it
    secretValue: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: uses-token\ndata:\n  token: ${TOKEN}\n',
  };
  for (const [name, app] of Object.entries(cases)) {
    const r = await build({ mode: 'all' }, { root: '/repo', fs: files(app), engine: testEngine, env: { HOME: '/nonexistent' } });
    const failed = r.units.flatMap((u) => u.findings).filter((f) => f.code === 'substitution-failed');
    assert.equal(failed.length, 1, name);
    assert.match(failed[0]!.message, /Kustomization flux-system\/app: post build failed for '(Secret\/broken|ConfigMap\/uses-token)'/);
    assert.doesNotMatch(JSON.stringify([r.findings, r.units.map((u) => u.findings)]), /s3cr3t/, name);
  }
});

/** cluster-apps lists app `on` and a folder kustomization that moves `moved` to namespace apps; `retired` (and `sub`, written inside it) are left out. */
function unappliedRepo(): MemoryFS {
  const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;
  return new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
    '/repo/kubernetes/apps/kustomization.yaml': 'resources:\n  - ./on/ks.yaml\n  - ./moved\n  # - ./retired/ks.yaml\n',
    '/repo/kubernetes/apps/on/ks.yaml': ks('on', './kubernetes/apps/on/app'),
    '/repo/kubernetes/apps/on/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/kubernetes/apps/on/app/cm.yaml': cm('on'),
    '/repo/kubernetes/apps/moved/kustomization.yaml': 'namespace: apps\nresources:\n  - ./ks.yaml\n',
    '/repo/kubernetes/apps/moved/ks.yaml': ks('moved', './kubernetes/apps/moved/app'),
    '/repo/kubernetes/apps/moved/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/kubernetes/apps/moved/app/cm.yaml': cm('moved'),
    '/repo/kubernetes/apps/retired/ks.yaml': ks('retired', './kubernetes/apps/retired/app'),
    '/repo/kubernetes/apps/retired/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n  - ./sub/ks.yaml\n',
    '/repo/kubernetes/apps/retired/app/cm.yaml': cm('retired'),
    '/repo/kubernetes/apps/retired/app/sub/ks.yaml': ks('sub', './kubernetes/apps/retired/app/sub/app'),
    '/repo/kubernetes/apps/retired/app/sub/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
    '/repo/kubernetes/apps/retired/app/sub/app/cm.yaml': cm('sub'),
  });
}

test('Kustomizations Flux does not apply: marked by default, left out with skip, reported with skip and build', async () => {
  const opts = { root: '/repo', fs: unappliedRepo(), engine: testEngine, env: { HOME: '/nonexistent' } };
  const ids = (r: { units: BuildUnit[] }): string[] => r.units.map((u) => u.id);
  // default (what older callers get): everything built, unapplied ones marked and listed; `moved` is built once,
  // under the key Flux applies it with (apps/moved), never a second time as written (flux-system/moved)
  const all = await build({ mode: 'all' }, opts);
  assert.deepEqual(ids(all), ['flux-system/flux-system', 'flux-system/cluster-apps', 'flux-system/on', 'apps/moved', 'flux-system/sub', 'flux-system/retired']);
  assert.deepEqual(all.units.filter((u) => u.applied === false).map((u) => u.id), ['flux-system/sub', 'flux-system/retired']);
  assert.deepEqual(all.unapplied?.map((u) => [u.ks.name, u.within.name, u.declares.map((d) => d.name)]), [['retired', 'cluster-apps', ['sub']]]);
  assert.ok(!all.findings.some((f) => f.code === 'kustomization-unapplied'));
  // skip: not built; `moved` is applied as apps/moved, so its written form is no separate Kustomization
  const skip = await build({ mode: 'all', unapplied: 'skip' }, { ...opts, fs: unappliedRepo() });
  assert.deepEqual(ids(skip), ['flux-system/flux-system', 'flux-system/cluster-apps', 'flux-system/on', 'apps/moved']);
  assert.ok(skip.units.every((u) => u.applied === undefined));
  const notes = skip.findings.filter((f) => f.code === 'kustomization-unapplied');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.severity, 'info');
  assert.equal(notes[0]!.file, 'kubernetes/apps/retired/ks.yaml');
  assert.equal(
    notes[0]!.message,
    'Kustomization flux-system/retired is not applied: its file is inside spec.path of Kustomization flux-system/cluster-apps (kubernetes/apps), whose kustomization does not list it (nor the 1 Kustomization written inside it); not built',
  );
  // the applied ones come out exactly as in the default mode
  for (const u of skip.units) assert.deepEqual(u.resources, all.units.find((x) => x.id === u.id)!.resources, u.id);
  // build: built and marked, and reported
  const built = await build({ mode: 'all', unapplied: 'build' }, { ...opts, fs: unappliedRepo() });
  assert.deepEqual(ids(built), ids(all));
  assert.match(built.findings.find((f) => f.code === 'kustomization-unapplied')!.message, /; built anyway, as asked$/);
});

test('applied(): as the parent emits it, not at all when the parent builds without it, as written when the parent fails', async () => {
  const fs = unappliedRepo();
  const repo = new FluxRepo({ fs, root: '/repo', engine: testEngine, identities: [], strict: false });
  const raw = (name: string) => repo.raw.find((k) => k.name === name)!;
  assert.equal((await repo.applied(raw('on')))?.namespace, 'flux-system');
  assert.equal((await repo.applied(raw('moved')))?.namespace, 'apps'); // emitted from the same file under another key
  assert.equal(await repo.applied(raw('retired')), undefined);
  assert.equal(await repo.applied(raw('sub')), undefined); // its parent is not applied
  assert.equal(await repo.applied(raw('flux-system')), raw('flux-system')); // a root: bootstrap applies it
  // a parent that fails to build cannot tell: its children count as applied
  const broken = unappliedRepo();
  broken.write('/repo/kubernetes/apps/kustomization.yaml', 'resources:\n  - ./on/ks.yaml\n  - ./missing.yaml\n');
  const r2 = new FluxRepo({ fs: broken, root: '/repo', engine: testEngine, identities: [], strict: false });
  const retired = r2.raw.find((k) => k.name === 'retired')!;
  assert.equal(await r2.applied(retired), retired);
});

test('build all without --entry builds the first cluster only: nothing of a second cluster through its twin parents', async () => {
  const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
  const app = (name: string, dir: string): string => ks(name, `./${dir}`).replace('  namespace: flux-system\n', '');
  const fs = new MemoryFS({});
  for (const [cluster, apps] of [['main', ['web', 'api']], ['edge', ['web', 'dns']]] as const) {
    fs.write(`/repo/clusters/${cluster}/flux-system.yaml`, ks('flux-system', `./clusters/${cluster}`));
    fs.write(`/repo/clusters/${cluster}/apps.yaml`, ks('cluster-apps', `./apps/${cluster}`));
    fs.write(`/repo/apps/${cluster}/kustomization.yaml`, `namespace: ${cluster}\nresources:\n${apps.map((a) => `  - ./${a}.yaml\n`).join('')}`);
    for (const a of apps) {
      fs.write(`/repo/apps/${cluster}/${a}.yaml`, app(a, `apps/${cluster}/${a}`));
      fs.write(`/repo/apps/${cluster}/${a}/kustomization.yaml`, 'resources:\n  - ./cm.yaml\n');
      fs.write(`/repo/apps/${cluster}/${a}/cm.yaml`, cm(a));
    }
  }
  const opts = { root: '/repo', fs, engine: testEngine, env: { HOME: '/nonexistent' } };
  // the first cluster in file order is edge; main's api is not built as written (default/api)
  const all = await build({ mode: 'all' }, opts);
  assert.deepEqual(all.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'edge/web', 'edge/dns']);
  // the files that define one key twice, as data (validate takes the cluster directories from them)
  assert.deepEqual(
    all.findings.filter((f) => f.code === 'duplicate-kustomization').map((f) => f.data),
    [
      { key: 'flux-system/cluster-apps', files: ['clusters/edge/apps.yaml', 'clusters/main/apps.yaml'] },
      { key: 'flux-system/flux-system', files: ['clusters/edge/flux-system.yaml', 'clusters/main/flux-system.yaml'] },
    ],
  );
  // asked to, it builds none of them when there are several, and says why (the caller builds each with an entry)
  const none = await build({ mode: 'all', severalClusters: 'none' }, opts);
  assert.deepEqual(none.units, []);
  assert.deepEqual(none.findings.map((f) => f.code), ['duplicate-kustomization', 'duplicate-kustomization']);
  const main = await build({ mode: 'all', entry: 'clusters/main' }, opts);
  assert.deepEqual(main.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'main/web', 'main/api']);
});

test('a remote resource is its own finding: a warning with the URL as data, not a failed build', async () => {
  const fs = new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/ks.yaml': ks('crds', './kubernetes/crds'),
    '/repo/kubernetes/crds/kustomization.yaml': 'resources:\n  - https://example.com/crds.yaml\n',
  });
  const reqs: BuildRequest[] = [{ mode: 'ks', name: 'crds' }, { mode: 'path', dirs: ['kubernetes/crds'] }];
  for (const req of reqs) {
    const r = await build(req, { root: '/repo', fs, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
    const u = r.units[0]!;
    assert.equal(u.ok, false, req.mode); // nothing was built
    assert.deepEqual(u.findings.map((f) => [f.code, f.severity, f.data]), [['remote-resource', 'warning', { url: 'https://example.com/crds.yaml' }]], req.mode);
    assert.match(u.findings[0]!.message, /'https:\/\/example.com\/crds.yaml' is a remote resource; hops does not fetch over the network/);
  }
});

test('the kustomization file is type-checked before the spec is merged: a field the spec overrides or extends still fails', async () => {
  const cases: [string, string, string, RegExp][] = [
    // targetNamespace replaces `namespace`, spec.images is appended to `images`: kustomize-controller decodes the file first
    ['namespace', '  targetNamespace: demo\n', 'namespace:\n  - a\n', /cannot unmarshal array into field namespace of type string/],
    ['images', '  images:\n    - name: a\n      newTag: b\n', 'images: foo\n', /cannot unmarshal string into field images of type list/],
    ['namePrefix', '  namePrefix: p-\n', 'namePrefix: {a: 1}\n', /cannot unmarshal object into field namePrefix of type string/],
    ['a list, not a mapping', '  targetNamespace: demo\n', '- resources: [./cm.yaml]\n', /cannot unmarshal array into field root of type object/],
  ];
  for (const [name, spec, field, message] of cases) {
    const kz = field.startsWith('-') ? field : `resources:\n  - ./cm.yaml\n${field}`;
    const fs = new MemoryFS({
      '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
      '/repo/kubernetes/flux/ks.yaml': ks('app', './kubernetes/app', spec),
      '/repo/kubernetes/app/kustomization.yaml': kz,
      '/repo/kubernetes/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    });
    const r = await build({ mode: 'ks', name: 'app' }, { root: '/repo', fs, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
    const u = r.units[0]!;
    assert.equal(u.ok, false, name);
    assert.deepEqual(u.resources, [], name);
    const f = u.findings.find((x) => x.code === 'kustomize-build-failed');
    assert.ok(f, `${name}: ${JSON.stringify(u.findings)}`);
    // the file and the line of the field, as for a kustomization no spec field hides
    const line = field.startsWith('-') ? '' : ':3';
    assert.match(f.message, new RegExp(`kubernetes/app/kustomization\\.yaml${line}: invalid Kustomization: `), name);
    assert.match(f.message, message, name);
    assert.equal(f.file, 'kubernetes/flux/ks.yaml', name);
  }
  // the same field of the right type builds, and the spec wins
  const fs = new MemoryFS({
    '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
    '/repo/kubernetes/flux/ks.yaml': ks('app', './kubernetes/app', '  targetNamespace: demo\n'),
    '/repo/kubernetes/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\nnamespace: other\n',
    '/repo/kubernetes/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
  });
  const ok = await build({ mode: 'ks', name: 'app' }, { root: '/repo', fs, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
  assert.ok(ok.ok, JSON.stringify(ok.findings));
  assert.equal((ok.units[0]!.resources[0]!.object['metadata'] as YMap)['namespace'], 'demo');
});

test('a parent that fails to build: one error for it, its children (and theirs) not built, no warnings of guessed ones', async () => {
  // the folder sets the namespace of the Kustomizations it lists; written without one, a guess would say `default`
  const cm = (name: string, ns = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  TZ: x\n`;
  const app = (name: string, path: string): string =>
    ks(name, path, '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n').replace('  namespace: flux-system\n', '');
  const files = (apps: string): MemoryFS =>
    new MemoryFS({
      '/repo/kubernetes/flux/config/flux-system.yaml': ks('flux-system', './kubernetes/flux'),
      '/repo/kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
      '/repo/kubernetes/apps/kustomization.yaml': apps,
      '/repo/kubernetes/apps/media/kustomization.yaml': 'namespace: media\nresources:\n  - ./settings.yaml\n  - ./demo/ks.yaml\n',
      '/repo/kubernetes/apps/media/settings.yaml': cm('cluster-settings'),
      '/repo/kubernetes/apps/media/demo/ks.yaml': app('demo', './kubernetes/apps/media/demo/app'),
      '/repo/kubernetes/apps/media/demo/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n  - ./sub/ks.yaml\n',
      '/repo/kubernetes/apps/media/demo/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  tz: ${TZ}\n',
      '/repo/kubernetes/apps/media/demo/app/sub/ks.yaml': app('sub', './kubernetes/apps/media/demo/app/sub/app'),
      '/repo/kubernetes/apps/media/demo/app/sub/app/kustomization.yaml': 'resources:\n  - ./cm.yaml\n',
      '/repo/kubernetes/apps/media/demo/app/sub/app/cm.yaml': cm('sub'),
    });
  const opts = { root: '/repo', engine: nativeEngine(), env: { HOME: '/nonexistent' } };
  const good = await build({ mode: 'all' }, { ...opts, fs: files('resources:\n  - ./media\n') });
  assert.ok(good.ok, JSON.stringify(good.units.flatMap((u) => u.findings)));
  assert.deepEqual(good.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'media/demo', 'media/sub']);

  const r = await build({ mode: 'all' }, { ...opts, fs: files('resources:\n  - ./media\n  - [\n') });
  assert.equal(r.ok, false);
  const all = [...r.findings, ...r.units.flatMap((u) => u.findings)];
  assert.deepEqual(all.filter((f) => f.severity !== 'info').map((f) => [f.code, f.severity, f.file]), [['kustomization-invalid', 'error', 'kubernetes/flux/cluster/ks.yaml']]);
  assert.ok(!all.some((f) => f.code === 'substitute-from-not-found' || f.message.includes('default')), JSON.stringify(all));
  // build all: no unit for them; one note, after the error, on the unit of the Kustomization that fails
  assert.deepEqual(r.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps']);
  const apps = r.units[1]!;
  assert.deepEqual(apps.findings.map((f) => [f.code, f.severity]), [['kustomization-invalid', 'error'], ['parent-failed', 'info']]);
  const note = apps.findings[1]!;
  assert.equal(
    note.message,
    'Kustomization flux-system/cluster-apps fails to build: 2 Kustomizations written inside its spec.path (kubernetes/apps) are not built, as Flux applies nothing written there until it builds (sub, demo)',
  );
  // a grandchild counts under the Kustomization that fails, not under its unbuilt parent
  assert.deepEqual(note.data, { parent: 'flux-system/cluster-apps', kustomizations: ['sub', 'demo'] });
  assert.equal(note.file, 'kubernetes/flux/cluster/ks.yaml');

  // asked for by name, one of them says why it is not built
  const one = await build({ mode: 'ks', name: 'demo' }, { ...opts, fs: files('resources:\n  - ./media\n  - [\n') });
  assert.deepEqual(one.units.map((u) => [u.dir, u.ok, u.resources.length]), [['./kubernetes/apps/media/demo/app', false, 0]]);
  const why = one.units[0]!.findings;
  // the error of the Kustomization that fails first (why), then the note
  assert.deepEqual(why.map((f) => [f.code, f.severity, f.file, f.data]), [
    ['kustomization-invalid', 'error', 'kubernetes/flux/cluster/ks.yaml', undefined],
    ['parent-failed', 'info', 'kubernetes/apps/media/demo/ks.yaml', { parent: 'flux-system/cluster-apps' }],
  ]);
  assert.match(why[0]!.message, /^Kustomization flux-system\/cluster-apps: /);
  assert.equal(why[1]!.message, 'Kustomization demo is not built: its file is inside spec.path of Kustomization flux-system/cluster-apps (kubernetes/apps), which fails to build; Flux applies nothing of it until that one builds');
  // a grandchild names the one that fails too, not its unbuilt parent
  const sub = await build({ mode: 'ks', name: 'sub' }, { ...opts, fs: files('resources:\n  - ./media\n  - [\n') });
  assert.deepEqual(sub.units[0]!.findings.map((f) => [f.code, f.file]), [['kustomization-invalid', 'kubernetes/flux/cluster/ks.yaml'], ['parent-failed', 'kubernetes/apps/media/demo/app/sub/ks.yaml']]);

  // a parent that needs the network is no failure (Flux fetches it): its children are built as written
  const remote = await build({ mode: 'all' }, { ...opts, fs: files('resources:\n  - ./media\n  - https://example.com/x.yaml\n') });
  assert.ok(!remote.units.some((u) => u.findings.some((f) => f.code === 'parent-failed')));
  assert.ok(remote.units.some((u) => u.id === 'default/demo' && u.resources.length > 0));

  // a spec.path that is not a string (read as '': the whole repository) makes nobody's parent: the API server refuses it
  const fs = files('resources:\n  - ./media\n');
  fs.write('/repo/kubernetes/apps/media/bad.yaml', ks('bad', '[a]'));
  fs.write('/repo/kubernetes/apps/media/kustomization.yaml', 'namespace: media\nresources:\n  - ./settings.yaml\n  - ./demo/ks.yaml\n  - ./bad.yaml\n');
  const bad = await build({ mode: 'all' }, { ...opts, fs });
  assert.deepEqual(bad.units.flatMap((u) => u.findings).map((f) => f.code), ['path-invalid']);
  assert.deepEqual(bad.units.map((u) => u.id), ['flux-system/flux-system', 'flux-system/cluster-apps', 'media/bad', 'media/demo', 'media/sub']);
});
