// Accumulation: resources (files, multi-document files, Lists, bases), components, the load restriction, sort order,
// and the errors kustomize reports for trees it cannot build.
import { runCases } from '../../test/e2e/kustomize-harness.js';
import type { KCase } from '../../test/e2e/kustomize-harness.js';

const cm = (name: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  k: v
${extra}`;

const cases: KCase[] = [
  {
    name: 'files, multi-document files and legacy sort order',
    files: {
      'kustomization.yaml': 'resources:\n- deploy.yaml\n- multi.yaml\n',
      'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
`,
      'multi.yaml': `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: v1
kind: Namespace
metadata:
  name: apps
---
${cm('z')}`,
    },
    want: `apiVersion: v1
kind: Namespace
metadata:
  name: apps
---
apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: z
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - image: nginx
        name: web
`,
  },
  {
    name: 'a List document is expanded into its items',
    files: {
      'kustomization.yaml': 'resources:\n- list.yaml\n',
      'list.yaml': `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: one
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: two
`,
    },
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two
`,
  },
  {
    name: 'bases in nested directories, resources order kept by fifo sortOptions',
    files: {
      'overlay/kustomization.yaml': 'resources:\n- ../base\n- extra.yaml\nsortOptions:\n  order: fifo\n',
      'overlay/extra.yaml': cm('b-extra'),
      'base/kustomization.yaml': 'resources:\n- cm.yaml\n- ns.yaml\n',
      'base/cm.yaml': cm('a-base'),
      'base/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: zzz\n',
    },
    dir: 'overlay',
    want: `apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: a-base
---
apiVersion: v1
kind: Namespace
metadata:
  name: zzz
---
apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: b-extra
`,
  },
  {
    name: 'components run after the parent resources and generators, before its transformers',
    files: {
      'app/kustomization.yaml': `resources:
- cm.yaml
components:
- ../comp
namespace: demo
`,
      'app/cm.yaml': cm('app'),
      'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- extra.yaml
labels:
- pairs:
    from-component: "yes"
`,
      'comp/extra.yaml': cm('extra'),
    },
    dir: 'app',
    want: `apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  labels:
    from-component: "yes"
  name: app
  namespace: demo
---
apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  labels:
    from-component: "yes"
  name: extra
  namespace: demo
`,
  },
  {
    name: 'a Component listed as a resource is an error',
    files: {
      'app/kustomization.yaml': 'resources:\n- ../comp\n',
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: []\nnamespace: x\n',
    },
    dir: 'app',
    want: { error: /expected kind != 'Component'/ },
  },
  {
    name: 'root-only refuses a file outside the kustomization root',
    files: {
      'app/kustomization.yaml': 'resources:\n- ../shared/cm.yaml\n',
      'shared/cm.yaml': cm('shared'),
    },
    dir: 'app',
    want: { error: /security; file 'shared\/cm.yaml' is not in or below 'app'/ },
  },
  {
    name: 'LoadRestrictionsNone reads a file outside the root',
    files: {
      'app/kustomization.yaml': 'resources:\n- ../shared/cm.yaml\n',
      'shared/cm.yaml': cm('shared'),
    },
    dir: 'app',
    restrictor: 'none',
    want: `apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: shared
`,
  },
  {
    name: 'two resources with the same id are an error',
    files: {
      'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
      'a.yaml': cm('same'),
      'b.yaml': cm('same'),
    },
    want: { error: /already registered id/ },
  },
  {
    name: 'a missing resource file is an error naming the entry',
    files: { 'kustomization.yaml': 'resources:\n- nope.yaml\n' },
    want: { error: /nope\.yaml/ },
  },
  {
    name: 'remote resources are refused without network',
    files: { 'kustomization.yaml': 'resources:\n- https://example.com/manifest.yaml\n' },
    want: { error: /remote resource; hops does not fetch over the network/ },
  },
  {
    name: 'helmCharts are refused with the chart name',
    files: {
      'kustomization.yaml': 'helmCharts:\n- name: podinfo\n  repo: https://stefanprodan.github.io/podinfo\n  version: 6.0.0\n',
    },
    want: { error: /helmCharts \(chart 'podinfo'\) is not supported/ },
  },
  {
    name: 'unknown kustomization fields are an error',
    files: { 'kustomization.yaml': 'resources:\n- a.yaml\nnameprefixx: x\n', 'a.yaml': cm('a') },
    want: { error: /unknown field "nameprefixx"/ },
  },
  {
    name: 'a resource without metadata.name is an error',
    files: { 'kustomization.yaml': 'resources:\n- a.yaml\n', 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: {}\n' },
    want: { error: /missing metadata\.name/ },
  },
  {
    name: 'local-config resources are dropped from the output',
    files: {
      'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
      'a.yaml': cm('a'),
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations:\n    config.kubernetes.io/local-config: "true"\n',
    },
    want: `apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  name: a
`,
  },
  {
    name: 'annotations print as strings and an empty annotations map disappears',
    files: {
      'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    n: 1.50\n    t: ~\n    e:\n    b: yes\n  labels: {}\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations: {}\ndata:\n  when: 2024-01-02\n  octal: 0755\n  flag: on\n',
    },
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    b: "yes"
    e: ""
    "n": "1.50"
    t: "~"
  labels: {}
  name: a
---
apiVersion: v1
data:
  flag: "on"
  octal: 493
  when: "2024-01-02T00:00:00Z"
kind: ConfigMap
metadata:
  name: b
`,
  },
  {
    name: 'buildMetadata managedByLabel labels every resource',
    files: { 'kustomization.yaml': 'resources:\n- a.yaml\nbuildMetadata:\n- managedByLabel\n', 'a.yaml': cm('a') },
    want: `apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  labels:
    app.kubernetes.io/managed-by: kustomize-v5.7.1
  name: a
`,
  },
];

runCases('target', cases);

runCases('target: buildMetadata', [
  {
    name: 'originAnnotations and transformerAnnotations through a base, generators and transformers',
    files: {
      'base/kustomization.yaml': 'resources:\n- ./cm.yaml\nconfigMapGenerator:\n- name: g\n  literals:\n  - a=b\ncommonLabels:\n  from: base\n',
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
      'overlay/kustomization.yaml': `resources:
- ../base
buildMetadata:
- originAnnotations
- transformerAnnotations
namePrefix: p-
configMapGenerator:
- name: h
  literals:
  - x=y
- name: g
  behavior: merge
  literals:
  - c=d
`,
    },
    dir: 'overlay',
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../base/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
    config.kubernetes.io/origin: |
      path: ../base/cm.yaml
  labels:
    from: base
  name: p-c
---
apiVersion: v1
data:
  a: b
  c: d
kind: ConfigMap
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../base/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
    config.kubernetes.io/origin: |
      configuredIn: ../base/kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
  labels:
    from: base
  name: p-g-fh478f99mk
---
apiVersion: v1
data:
  x: "y"
kind: ConfigMap
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
    config.kubernetes.io/origin: |
      configuredIn: kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
  name: p-h-6gc9d749f7
`,
  },
  {
    name: 'originAnnotations alone',
    files: {
      'kustomization.yaml': 'resources:\n- cm.yaml\nbuildMetadata: [originAnnotations]\nnamespace: x\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    },
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: cm.yaml
  name: c
  namespace: x
`,
  },
]);

runCases('target: sort and plugins', [
  {
    name: 'legacy sort with custom orderFirst/orderLast',
    files: {
      'kustomization.yaml': `resources:
- all.yaml
sortOptions:
  order: legacy
  legacySortOptions:
    orderFirst: [Service, ConfigMap]
    orderLast: [Namespace]
`,
      'all.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n',
    },
    want: `apiVersion: v1
kind: Service
metadata:
  name: s
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
---
apiVersion: v1
kind: Namespace
metadata:
  name: "n"
`,
  },
  {
    name: 'transformers from a file: PatchTransformer and NamespaceTransformer with unsetOnly',
    files: {
      'kustomization.yaml': 'resources:\n- all.yaml\ntransformers:\n- transformers.yaml\n',
      'all.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: keep\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n',
      'transformers.yaml': `apiVersion: builtin
kind: NamespaceTransformer
metadata:
  name: ns
  namespace: filled
unsetOnly: true
---
apiVersion: builtin
kind: PatchTransformer
metadata:
  name: patch
patch: '[{"op": "add", "path": "/data", "value": {"patched": "yes"}}]'
target:
  name: d
`,
    },
    want: `apiVersion: v1
data:
  patched: "yes"
kind: ConfigMap
metadata:
  name: d
  namespace: filled
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: keep
`,
  },
]);

