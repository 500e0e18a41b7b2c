// `hops new app` on copies of the example repository: bad input, --dry-run, questions on a terminal, another chart,
// and a makejinja repository with Jinja's own delimiters. (new-app-repos.test.ts: the app on repositories of
// different conventions.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runHops } from '../support/cli.js';
import { projectRoot } from '../support/env.js';
import { ARGS, copyRepo, docs, hops, snapshot } from './new-app-support.js';

const example = join(projectRoot, 'examples/homelab');

test('bad names, floating versions, unknown charts and stores: clear errors, nothing written', async () => {
  const { dir, base } = copyRepo(example);
  try {
    const before = snapshot(dir);
    const cases: Array<[string[], number, RegExp]> = [
      [['media/Who_Ami'], 2, /app name "Who_Ami" is not a valid Kubernetes name.*\nhint: did you mean "who-ami"\?/],
      [['Media/whoami'], 2, /namespace "Media" is not a valid Kubernetes name/],
      [['whoami'], 2, /expected <namespace>\/<name>, got "whoami"/],
      [['media/whoami', '--image', 'traefik/whoami'], 2, /--image traefik\/whoami is not pinned.*\nhint: .*--allow-floating/],
      [['media/whoami', '--image', 'traefik/whoami:latest'], 2, /the tag "latest" moves/],
      [['media/whoami', '--version', '5.x'], 2, /--version 5\.x is not an exact version/],
      [['media/whoami'], 2, /app-template runs the container you name: --image is missing/],
      [['media/whoami', '--chart', 'nope/app'], 2, /no HelmRepository named nope.*\nhint: known: metrics-server/],
      [['media/whoami', '--chart', 'oci://ghcr.io/x/charts/podinfo'], 2, /which version of podinfo\? .*\nhint: give --version/],
      [['media/podinfo', '--chart', 'oci://ghcr.io/x/charts/podinfo', '--version', '6.7.1', '--route', 'podinfo'], 2, /--route fill in bjw-s app-template values; podinfo has values of its own/],
      [['media/whoami', '--image', 'a/b:1', '--externalsecret', 'homelab-valt/whoami'], 2, /no secret store named homelab-valt.*\nhint: known: homelab-vault/],
      [['media/whoami', '--persistence', 'config'], 2, /--persistence expects <name>=<size>/],
      [['games/romm', '--image', 'a/b:1'], 1, /already exists and differs/],
      [['database/cloudnative-pg-cluster', '--image', 'a/b:1'], 2, /a Flux Kustomization named cloudnative-pg-cluster already exists in namespace database: kubernetes\/apps\/database\/cloudnative-pg\/ks\.yaml/],
    ];
    for (const [args, code, re] of cases) {
      const r = await hops(['new', 'app', ...args, '--path', dir], dir);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, re, args.join(' '));
      assert.doesNotMatch(r.err, /internal error|\n\s+at /);
    }
    assert.deepEqual(snapshot(dir), before);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('--dry-run prints the files (ExternalSecret and dependency included) and writes nothing', async () => {
  const { dir, base } = copyRepo(example);
  try {
    const before = snapshot(dir);
    const r = await hops(['new', 'app', 'games/whoami', '--image', 'traefik/whoami:v1.10.1', '--port', '80', '--externalsecret', 'whoami', '--depends-on', 'database/cloudnative-pg-cluster', '--dry-run', '--path', dir], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(snapshot(dir), before);
    assert.match(r.out, /# kubernetes\/apps\/games\/whoami\/app\/externalsecret\.yaml \(new\)\n/);
    const printed = new Map([...r.out.matchAll(/^# (\S+) \(new\)\n([\s\S]*?)(?=^# \S+ \(new\)$|^--- a\/|(?![\s\S]))/gm)].map((m) => [m[1]!, m[2]!]));
    const obj = docs(printed.get('kubernetes/apps/games/whoami/app/externalsecret.yaml')!, 'es')[0]!;
    assert.deepEqual(obj['spec']['secretStoreRef'], { kind: 'ClusterSecretStore', name: 'homelab-vault' });
    assert.deepEqual(obj['spec']['dataFrom'], [{ extract: { key: 'whoami' } }]);
    assert.match(r.out, /envFrom:\n\s+- secretRef:\n\s+name: /);
    assert.match(r.out, /- name: cloudnative-pg-cluster\n\s+namespace: database/);
    assert.match(r.out, /\+\+\+ b\/templates\/kubernetes\/apps\/games\/kustomization\.yaml\.j2\n@@[^\n]*\n(?: [^\n]*\n)*\+  - \.\/whoami\/ks\.yaml\n/);
    assert.match(r.err, /would create kubernetes\/apps\/games\/whoami\/ks\.yaml/);
    assert.match(r.err, /nothing written/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('a makejinja repository with Jinja\'s own delimiters: the new templates keep Helm\'s {{ }} in raw blocks', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const root = mkdtempSync(join(tmpdir(), 'hops-new-app-jinja-'));
  const w = (p: string, text: string): void => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  };
  try {
    w('makejinja.toml', '[makejinja]\ninputs = ["./templates"]\noutput = "./"\ndata = ["./config.yaml"]\njinja_suffix = ".j2"\nforce = true\nundefined = "strict"\n');
    w('config.yaml', 'domain: example.com\n');
    w('kubernetes/flux/cluster/ks.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: cluster-apps\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./kubernetes/apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n');
    const t = 'templates/kubernetes/apps/default';
    w(`${t}/kustomization.yaml.j2`, '---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: default\nresources:\n  - ./echo/ks.yaml\n');
    w(`${t}/echo/ks.yaml.j2`, '---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: echo\nspec:\n  interval: 1h\n  path: ./kubernetes/apps/default/echo/app\n  postBuild:\n    substitute:\n      APP: echo\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n  targetNamespace: default\n');
    w(`${t}/echo/app/kustomization.yaml.j2`, '---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n  - ./ocirepository.yaml\n');
    w(`${t}/echo/app/ocirepository.yaml.j2`, '---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: echo\nspec:\n  interval: 15m\n  layerSelector:\n    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip\n    operation: copy\n  ref:\n    tag: 5.1.0\n  url: oci://ghcr.io/bjw-s-labs/helm/app-template\n');
    w(`${t}/echo/app/helmrelease.yaml.j2`, '---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: echo\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: echo\n  interval: 1h\n  values:\n    controllers:\n      echo:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/mendhak/http-https-echo\n              tag: "37"\n    service:\n      app:\n        ports:\n          http:\n            port: 8080\n    route:\n      app:\n        hostnames:\n          - "{% raw %}{{ .Release.Name }}{% endraw %}.{{ domain }}"\n        parentRefs:\n          - name: envoy-external\n            namespace: network\n');
    assert.equal((await hops(['configure', '--path', root], root)).code, 0);
    const r = await hops([...ARGS, '--path', root], root);
    assert.equal(r.code, 0, r.err);
    // a new namespace: its folder copied from default's, with the Namespace default never needed
    const tpl = readFileSync(join(root, 'templates/kubernetes/apps/media/whoami/app/helmrelease.yaml.j2'), 'utf8');
    assert.match(tpl, /^\{% raw %\}\n---\n[\s\S]*- "\{\{ \.Release\.Name \}\}\.example\.com"\n[\s\S]*\{% endraw %\}\n$/);
    assert.equal(
      readFileSync(join(root, 'kubernetes/apps/media/kustomization.yaml'), 'utf8'),
      '---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: media\nresources:\n  - ./namespace.yaml\n  - ./whoami/ks.yaml\n',
    );
    assert.match(readFileSync(join(root, 'templates/kubernetes/apps/media/namespace.yaml.j2'), 'utf8'), /kind: Namespace\nmetadata:\n  name: media\n/);
    const check = await hops(['configure', '--check', '--path', root], root);
    assert.equal(check.code, 0, check.out + check.err);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('on a terminal, what was left out is asked for; without one, nothing is asked', async () => {
  const { dir, base } = copyRepo(example);
  try {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const run = runHops(['new', 'app', 'media/whoami', '--dry-run', '--path', dir], dir, { HOME: '/nonexistent' }, stdin);
    for (const answer of ['traefik/whoami:v1.10.1', '80', 'whoami', 'config=1Gi']) {
      await new Promise((r) => setTimeout(r, 50));
      stdin.write(answer + '\n');
    }
    const asked = await run;
    assert.equal(asked.code, 0, asked.err);
    assert.match(asked.err, /image \(repository:tag\): /);
    assert.match(asked.out, /repository: traefik\/whoami\n\s+tag: v1\.10\.1\n/);
    assert.match(asked.out, /- whoami\.\$\{SECRET_DOMAIN\}\n/);
    assert.match(asked.out, /existingClaim: whoami\n/);
    // not a terminal: no questions; app-template needs its image
    const plain = await hops(['new', 'app', 'media/whoami', '--dry-run', '--path', dir], dir);
    assert.equal(plain.code, 2, plain.err);
    assert.doesNotMatch(plain.err, /image \(repository:tag\)/);
    assert.match(plain.err, /--image is missing/);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('another chart: its own OCIRepository at the version given, values left to the user', async () => {
  const { dir, base } = copyRepo(example);
  try {
    const r = await hops(['new', 'app', 'media/podinfo', '--chart', 'oci://ghcr.io/stefanprodan/charts/podinfo', '--version', '6.7.1', '--path', dir], dir);
    assert.equal(r.code, 0, r.err);
    const hr = docs(readFileSync(join(dir, 'kubernetes/apps/media/podinfo/app/helmrelease.yaml'), 'utf8'), 'hr')[0]!;
    assert.deepEqual(hr['spec']['chartRef'], { kind: 'OCIRepository', name: 'podinfo' });
    assert.deepEqual(hr['spec']['values'], {});
    const oci = docs(readFileSync(join(dir, 'kubernetes/apps/media/podinfo/app/ocirepository.yaml'), 'utf8'), 'oci')[0]!;
    assert.deepEqual(oci['spec']['ref'], { tag: '6.7.1' });
    assert.equal(oci['spec']['url'], 'oci://ghcr.io/stefanprodan/charts/podinfo');
    // the schema comment of app-template releases does not fit another chart
    assert.doesNotMatch(readFileSync(join(dir, 'kubernetes/apps/media/podinfo/app/helmrelease.yaml'), 'utf8'), /app-template/);
    const b = await hops(['build', 'ks', 'podinfo', '--path', dir], dir);
    assert.equal(b.code, 0, b.err);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
