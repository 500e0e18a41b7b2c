// HelmRelease post-renderers against the real kustomize: each case writes the same rendered manifests and the
// kustomization helm-controller would generate (by hand, here) into a folder, runs `kubectl kustomize` (v5.7.1) and
// compares its output byte for byte with what hops's post-rendering prints. Chains run kubectl once per entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { YMap } from '../core/resource.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import { renderYaml } from '../kustomize/index.js';
import { skipNotice, toolsDir } from '../../test/support/env.js';
import { splitHelmOutput } from './helm-output.js';
import { ignoredFields, postRender, PostRenderError, postRenderKustomization } from './post-render.js';

const tools = await toolsDir();
const kubectl = tools ? join(tools, 'kubectl') : null;
const noKubectl = kubectl ? false : skipNotice('post-render oracle', 'kubectl not unpacked (node scripts/tools.js)');

/** Manifests as `helm template --include-crds` prints them: a CRD from crds/, templates, a hook. */
const RENDERED = [
  '---',
  '# Source: app/crds/widgets.yaml',
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata:',
  '  name: widgets.example.com',
  '---',
  '# Source: app/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  '  labels:',
  '    app.kubernetes.io/name: web',
  'spec:',
  '  ports:',
  '    - port: 80',
  '      targetPort: http',
  '---',
  '# Source: app/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  labels:',
  '    app.kubernetes.io/name: web',
  'spec:',
  '  replicas: 1',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "ghcr.io/example/web:1.0.0"',
  '          env:',
  '            - name: MODE',
  '              value: "on"',
  '        - name: sidecar',
  '          image: docker.io/library/busybox:1.36',
  '---',
  '# Source: app/templates/migrate.yaml',
  'apiVersion: batch/v1',
  'kind: Job',
  'metadata:',
  '  name: web-migrate',
  '  annotations:',
  '    "helm.sh/hook": pre-upgrade',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: migrate',
  '          image: "ghcr.io/example/web:1.0.0"',
  '',
].join('\n');

const docs = splitHelmOutput(RENDERED, 'helm:app');
/** What the post-renderers see: everything but the CRDs of crds/ (combined strategy). */
const STREAM = docs.filter((d) => !d.crd).map((d) => d.text).join('');

function spec(yaml: string): YMap {
  return parseYamlDocuments(yaml, 'hr.yaml')[0]!.value as YMap;
}

/** `kubectl kustomize` of a folder with the manifests and a kustomization; stdout, or the error text. */
function kustomize(manifests: string, kustomization: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hops-postrender-'));
  try {
    writeFileSync(join(dir, 'helm-output.yaml'), manifests);
    writeFileSync(join(dir, 'kustomization.yaml'), kustomization);
    const r = spawnSync(kubectl!, ['kustomize', dir], { encoding: 'utf8' });
    return { ok: r.status === 0, out: r.status === 0 ? r.stdout : r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** hops's post-rendered objects (without the CRDs, which pass untouched) as kustomize prints them. */
function hops(hrSpec: YMap): string {
  const out = postRender(docs, hrSpec).map((o) => o.object);
  return renderYaml(out.filter((o) => o['kind'] !== 'CustomResourceDefinition').map((object) => ({ object, origin: { file: 'x', line: 1 } })));
}

const HEAD = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - helm-output.yaml\n';

interface Case {
  name: string;
  /** The HelmRelease's spec. */
  spec: string;
  /** The kustomization.yaml for each post-renderer, written as helm-controller generates it. */
  kustomizations: string[];
  /** Checks on the result, so a case cannot pass by doing nothing. */
  expect: RegExp[];
}

const CASES: Case[] = [
  {
    name: 'a strategic-merge patch with a target',
    spec: [
      'postRenderers:',
      '  - kustomize:',
      '      patches:',
      '        - target:',
      '            kind: Deployment',
      '            labelSelector: app.kubernetes.io/name=web',
      '          patch: |',
      '            apiVersion: apps/v1',
      '            kind: Deployment',
      '            metadata:',
      '              name: not-used',
      '              annotations:',
      '                reloader.stakater.com/auto: "true"',
      '            spec:',
      '              template:',
      '                spec:',
      '                  containers:',
      '                    - name: app',
      '                      env:',
      '                        - name: TZ',
      '                          value: Europe/Paris',
    ].join('\n'),
    kustomizations: [
      HEAD +
        'patches:\n  - target:\n      kind: Deployment\n      labelSelector: app.kubernetes.io/name=web\n    patch: |\n' +
        '      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: not-used\n        annotations:\n          reloader.stakater.com/auto: "true"\n' +
        '      spec:\n        template:\n          spec:\n            containers:\n              - name: app\n                env:\n                  - name: TZ\n                    value: Europe/Paris\n',
    ],
    expect: [/reloader\.stakater\.com\/auto: "true"/, /- name: TZ\n {10}value: Europe\/Paris\n {8}- name: MODE/],
  },
  {
    name: 'a JSON6902 patch',
    spec: [
      'postRenderers:',
      '  - kustomize:',
      '      patches:',
      '        - target:',
      '            group: apps',
      '            version: v1',
      '            kind: Deployment',
      '            name: web',
      '          patch: |',
      '            - op: replace',
      '              path: /spec/replicas',
      '              value: 3',
      '            - op: add',
      '              path: /spec/template/spec/containers/1/args',
      '              value: ["sleep", "infinity"]',
    ].join('\n'),
    kustomizations: [
      HEAD +
        'patches:\n  - target:\n      group: apps\n      version: v1\n      kind: Deployment\n      name: web\n    patch: |\n' +
        '      - op: replace\n        path: /spec/replicas\n        value: 3\n      - op: add\n        path: /spec/template/spec/containers/1/args\n        value: ["sleep", "infinity"]\n',
    ],
    expect: [/replicas: 3/, /args:\n {8}- sleep\n {8}- infinity/],
  },
  {
    name: 'images: a new tag, a new name and a digest',
    spec: [
      'postRenderers:',
      '  - kustomize:',
      '      images:',
      '        - name: ghcr.io/example/web',
      '          newTag: 1.2.0',
      '        - name: docker.io/library/busybox',
      '          newName: mirror.example.com/busybox',
      '          digest: sha256:0000000000000000000000000000000000000000000000000000000000000001',
    ].join('\n'),
    kustomizations: [
      HEAD +
        'images:\n  - name: ghcr.io/example/web\n    newTag: 1.2.0\n  - name: docker.io/library/busybox\n    newName: mirror.example.com/busybox\n' +
        '    digest: sha256:0000000000000000000000000000000000000000000000000000000000000001\n',
    ],
    // the hook Job is post-rendered too (helm 4's combined strategy)
    expect: [/image: ghcr\.io\/example\/web:1\.2\.0\n {8}name: app/, /image: ghcr\.io\/example\/web:1\.2\.0\n {8}name: migrate/, /image: mirror\.example\.com\/busybox@sha256:0+1/],
  },
  {
    name: 'two post-renderers, in order: the second sees what the first made',
    spec: [
      'postRenderers:',
      '  - kustomize:',
      '      patches:',
      '        - target:',
      '            kind: Service',
      '          patch: |',
      '            - op: add',
      '              path: /metadata/labels/exposed',
      '              value: "yes"',
      '  - kustomize:',
      '      images:',
      '        - name: ghcr.io/example/web',
      '          newTag: 2.0.0',
      '      patches:',
      '        - target:',
      '            labelSelector: exposed=yes',
      '          patch: |',
      '            apiVersion: v1',
      '            kind: Service',
      '            metadata:',
      '              name: any',
      '            spec:',
      '              type: LoadBalancer',
    ].join('\n'),
    kustomizations: [
      HEAD + 'patches:\n  - target:\n      kind: Service\n    patch: |\n      - op: add\n        path: /metadata/labels/exposed\n        value: "yes"\n',
      HEAD +
        'images:\n  - name: ghcr.io/example/web\n    newTag: 2.0.0\n' +
        'patches:\n  - target:\n      labelSelector: exposed=yes\n    patch: |\n      apiVersion: v1\n      kind: Service\n      metadata:\n        name: any\n      spec:\n        type: LoadBalancer\n',
    ],
    expect: [/exposed: "yes"/, /type: LoadBalancer/, /web:2\.0\.0/],
  },
];

for (const c of CASES) {
  test(`post-render vs kubectl kustomize: ${c.name}`, { skip: noKubectl }, () => {
    let want = STREAM;
    for (const k of c.kustomizations) {
      const r = kustomize(want, k);
      assert.ok(r.ok, r.out);
      want = r.out;
    }
    const got = hops(spec(c.spec));
    assert.equal(got, want);
    for (const re of c.expect) assert.match(got, re);
  });
}

test('post-render: the generated kustomization has only the API fields, empty ones left out', () => {
  const k = postRenderKustomization(
    spec('patches:\n  - patch: "x"\n    target: {kind: Deployment, name: ""}\nimages:\n  - {name: a, newTag: "1", tagSuffix: x}\npatchesStrategicMerge: [{}]\n'),
  );
  assert.deepEqual(k, {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['helm-output.yaml'],
    images: [{ name: 'a', newTag: '1' }],
    patches: [{ patch: 'x', target: { kind: 'Deployment' } }],
  });
});

const failures: Array<{ name: string; spec: string; kustomization: string; message: RegExp }> = [
  {
    name: 'a patch without target naming an object the chart does not render',
    spec: 'postRenderers:\n  - kustomize:\n      images: [{name: x, newTag: "1"}]\n  - kustomize:\n      patches:\n        - patch: |\n            apiVersion: apps/v1\n            kind: Deployment\n            metadata:\n              name: other\n            spec:\n              replicas: 2\n',
    kustomization: HEAD + 'patches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: other\n      spec:\n        replicas: 2\n',
    message: /^postRenderers\[1\]: kustomize: patches\[0\]: no matches for Id Deployment\.v1\.apps\/other/,
  },
  {
    name: 'a JSON6902 patch whose path is missing',
    spec: 'postRenderers:\n  - kustomize:\n      patches:\n        - target: {kind: Deployment}\n          patch: |\n            - op: replace\n              path: /spec/paused/x\n              value: true\n',
    kustomization: HEAD + 'patches:\n  - target:\n      kind: Deployment\n    patch: |\n      - op: replace\n        path: /spec/paused/x\n        value: true\n',
    message: /^postRenderers\[0\]: kustomize: patches\[0\]: replace operation does not apply: doc is missing path: \/spec\/paused\/x/,
  },
  {
    name: 'a patch that is not YAML',
    spec: 'postRenderers:\n  - kustomize:\n      patches:\n        - target: {kind: Deployment}\n          patch: "a: b: c"\n',
    kustomization: HEAD + 'patches:\n  - target:\n      kind: Deployment\n    patch: "a: b: c"\n',
    message: /^postRenderers\[0\]: kustomize: patches\[0\]: unable to parse SM or JSON patch/,
  },
];

for (const f of failures) {
  test(`post-render failure, as kubectl kustomize fails: ${f.name}`, { skip: noKubectl }, () => {
    assert.equal(kustomize(STREAM, f.kustomization).ok, false);
    assert.throws(
      () => postRender(docs, spec(f.spec)),
      (e: unknown) => e instanceof PostRenderError && f.message.test(e.message) && !/\n\s+at /.test(e.message),
    );
  });
}

test('post-render: CRDs from crds/ pass untouched; hooks follow postRenderStrategy', () => {
  const label = (yaml: string) => {
    const out = postRender(docs, spec(yaml));
    return Object.fromEntries(out.map((o) => [String(o.object['kind']), ((o.object['metadata'] as YMap)['labels'] as YMap | undefined)?.['team'] ?? null]));
  };
  const pr = 'postRenderers:\n  - kustomize:\n      patches:\n        - target: {}\n          patch: |\n            - {op: add, path: /metadata/labels, value: {team: a}}\n';
  assert.deepEqual(label(pr), { CustomResourceDefinition: null, Service: 'a', Deployment: 'a', Job: 'a' });
  assert.deepEqual(label(pr + 'postRenderStrategy: nohooks\n'), { CustomResourceDefinition: null, Service: 'a', Deployment: 'a', Job: null });
  assert.deepEqual(label(pr + 'postRenderStrategy: separate\n'), { CustomResourceDefinition: null, Job: 'a', Service: 'a', Deployment: 'a' });
  // a patch without target on a template fails on the hook stream alone with `separate`, as in helm
  const untargeted = 'postRenderers:\n  - kustomize:\n      patches:\n        - patch: |\n            {apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: NodePort}}\n';
  assert.equal((postRender(docs, spec(untargeted)).find((o) => o.object['kind'] === 'Service')!.object['spec'] as YMap)['type'], 'NodePort');
  assert.throws(() => postRender(docs, spec(untargeted + 'postRenderStrategy: separate\n')), /postRenderers\[0\]: kustomize: patches\[0\]: no matches for Id Service\.v1\.\[noGrp\]\/web/);
  assert.throws(() => postRender(docs, spec(pr + 'postRenderStrategy: later\n')), /postRenderStrategy "later" is not one of combined, nohooks, separate/);
});

test('post-render: commonMetadata after the post-renderers, origin labels left to helm-controller; lines kept', () => {
  const out = postRender(
    docs,
    spec('commonMetadata:\n  labels: {team: a, app.kubernetes.io/name: other, helm.toolkit.fluxcd.io/name: x}\n  annotations: {owner: me}\npostRenderers:\n  - kustomize:\n      images: [{name: ghcr.io/example/web, newTag: "3"}]\n'),
  );
  const dep = out.find((o) => o.object['kind'] === 'Deployment')!;
  assert.deepEqual((dep.object['metadata'] as YMap)['labels'], { 'app.kubernetes.io/name': 'other', team: 'a' });
  assert.deepEqual((dep.object['metadata'] as YMap)['annotations'], { owner: 'me' });
  assert.equal(dep.line, 19, 'the line of the Deployment in the helm output (its `---`)');
  const crd = out.find((o) => o.object['kind'] === 'CustomResourceDefinition')!;
  assert.equal((crd.object['metadata'] as YMap)['labels'], undefined);
  // commonMetadata alone, without post-renderers
  const only = postRender(docs, spec('commonMetadata:\n  annotations: {owner: me}\n'));
  assert.equal(only.filter((o) => (o.object['metadata'] as YMap)['annotations'] !== undefined && ((o.object['metadata'] as YMap)['annotations'] as YMap)['owner'] === 'me').length, 3);
});

test('post-render: the removed v2beta fields are named, not applied', () => {
  assert.deepEqual(ignoredFields(spec('postRenderers:\n  - kustomize:\n      patchesStrategicMerge: [{}]\n      patchesJson6902: []\n')), [
    "postRenderers[0].kustomize.patchesStrategicMerge is not applied: helm-controller's v2 API removed it (use patches)",
    "postRenderers[0].kustomize.patchesJson6902 is not applied: helm-controller's v2 API removed it (use patches)",
  ]);
});
