// Replacements (inline and `path:`), custom transformer configurations (`configurations:`), `crds:` and the name
// reference fixes that follow generated and prefixed names.
import { runCases } from '../../../test/e2e/kustomize-harness.js';
import type { KCase } from '../../../test/e2e/kustomize-harness.js';

const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: HOST
          value: placeholder
        - name: PORT
          value: "0"
      - name: side
        image: side:1
`;
const svc = `apiVersion: v1
kind: Service
metadata:
  name: app-svc
  namespace: web
  annotations:
    example.com/host: app.example.com
spec:
  ports:
  - port: 8080
`;
const ks = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
spec:
  path: ./x
`;

const cases: KCase[] = [
  {
    name: 'replacements inline: list selectors, type kept by the target, delimiter, create and reject',
    files: {
      'kustomization.yaml': `resources:
- app.yaml
- svc.yaml
- ks.yaml
replacements:
- source:
    kind: Service
    name: app-svc
    fieldPath: metadata.annotations.[example.com/host]
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=HOST].value
- source:
    kind: Service
    fieldPath: spec.ports.0.port
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=PORT].value
- source:
    kind: Deployment
    fieldPath: spec.template.spec.containers.0.image
    options:
      delimiter: ':'
      index: 1
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=side].image
    options:
      delimiter: ':'
      index: 1
- source:
    kind: Service
    fieldPath: metadata.namespace
  targets:
  - select:
      kind: Kustomization
    reject:
    - name: skip
    fieldPaths:
    - spec.targetNamespace
    options:
      create: true
`,
      'app.yaml': app,
      'svc.yaml': svc,
      'ks.yaml': `${ks('one')}---\n${ks('skip')}`,
    },
    want: `apiVersion: v1
kind: Service
metadata:
  annotations:
    example.com/host: app.example.com
  name: app-svc
  namespace: web
spec:
  ports:
  - port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - env:
        - name: HOST
          value: app.example.com
        - name: PORT
          value: "8080"
        image: app:1
        name: app
      - image: side:1
        name: side
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: one
spec:
  path: ./x
  targetNamespace: web
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: skip
spec:
  path: ./x
`,
  },
  {
    name: 'replacements from a file, a list of replacements',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\n- svc.yaml\nreplacements:\n- path: repl.yaml\n',
      'app.yaml': app,
      'svc.yaml': svc,
      'repl.yaml': `- source:
    kind: Service
    fieldPath: metadata.name
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.*.env.[name=HOST].value
`,
    },
    want: `apiVersion: v1
kind: Service
metadata:
  annotations:
    example.com/host: app.example.com
  name: app-svc
  namespace: web
spec:
  ports:
  - port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
      - env:
        - name: HOST
          value: app-svc
        - name: PORT
          value: "0"
        image: app:1
        name: app
      - image: side:1
        name: side
`,
  },
  {
    name: 'a replacement source that matches nothing is an error',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\nreplacements:\n- source:\n    kind: Secret\n  targets:\n  - select:\n      kind: Deployment\n',
      'app.yaml': app,
    },
    want: { error: /nothing selected by Secret/ },
  },
  {
    name: 'a missing target field is an error unless create is set',
    files: {
      'kustomization.yaml': 'resources:\n- app.yaml\n- svc.yaml\nreplacements:\n- source:\n    kind: Service\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.nope\n',
      'app.yaml': app,
      'svc.yaml': svc,
    },
    want: { error: /unable to find field "spec.nope" in replacement target/ },
  },
  {
    name: 'configurations: a custom name reference follows the generated ConfigMap name',
    files: {
      'kustomization.yaml': `resources:
- es.yaml
configMapGenerator:
- name: template
  literals:
  - a=b
configurations:
- kustomizeconfig.yaml
`,
      'es.yaml': `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: es
spec:
  target:
    template:
      templateFrom:
      - configMap:
          name: template
`,
      'kustomizeconfig.yaml': `nameReference:
- kind: ConfigMap
  version: v1
  fieldSpecs:
  - path: spec/target/template/templateFrom/configMap/name
    kind: ExternalSecret
`,
    },
    want: `apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  name: template-4h2mbtbbt6
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: es
spec:
  target:
    template:
      templateFrom:
      - configMap:
          name: template-4h2mbtbbt6
`,
  },
  {
    name: 'configurations merge up from bases; custom commonLabels and namePrefix specs',
    files: {
      'overlay/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: p-\ncommonLabels:\n  team: x\n',
      'base/kustomization.yaml': 'resources:\n- cr.yaml\nconfigurations:\n- conf.yaml\n',
      'base/cr.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  selector: {}\n  ref: w\n',
      'base/conf.yaml': 'commonLabels:\n- path: spec/selector\n  kind: Widget\n  create: true\nnamePrefix:\n- path: spec/ref\n  kind: Widget\n',
    },
    dir: 'overlay',
    want: `apiVersion: example.com/v1
kind: Widget
metadata:
  labels:
    team: x
  name: p-w
spec:
  ref: p-w
  selector:
    team: x
`,
  },
  {
    name: 'name references: Secret volumes, HPA target, RoleBinding roleRef under a prefix and a namespace',
    files: {
      'kustomization.yaml': `namespace: ns
namePrefix: x-
resources:
- all.yaml
secretGenerator:
- name: tls
  literals:
  - k=v
`,
      'all.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      volumes:
      - name: tls
        secret:
          secretName: tls
      - name: other
        secret:
          secretName: not-ours
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bind
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects: []
`,
    },
    want: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: x-reader
  namespace: ns
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: x-bind
  namespace: ns
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: x-reader
subjects: []
---
apiVersion: v1
data:
  k: dg==
kind: Secret
metadata:
  name: x-tls-ftgtgc4t9f
  namespace: ns
type: Opaque
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: x-app
  namespace: ns
spec:
  template:
    spec:
      volumes:
      - name: tls
        secret:
          secretName: x-tls-ftgtgc4t9f
      - name: other
        secret:
          secretName: not-ours
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: x-app
  namespace: ns
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: x-app
`,
  },
  {
    name: 'crds: OpenAPI definitions declare name references for a custom kind',
    files: {
      'kustomization.yaml': 'crds:\n- defs.json\nresources:\n- all.yaml\nnamePrefix: p-\n',
      'defs.json': JSON.stringify({
        'example.com.v1.Gadget': {
          Schema: {
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: { $ref: 'example.com.v1.GadgetSpec' },
            },
          },
        },
        'example.com.v1.GadgetSpec': {
          Schema: {
            properties: {
              configRef: { 'x-kubernetes-object-ref-api-version': 'v1', 'x-kubernetes-object-ref-kind': 'ConfigMap' },
            },
          },
        },
      }),
      'all.yaml': `apiVersion: example.com/v1
kind: Gadget
metadata:
  name: g
spec:
  configRef:
    name: cfg
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
`,
    },
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  name: p-cfg
---
apiVersion: example.com/v1
kind: Gadget
metadata:
  name: p-g
spec:
  configRef:
    name: p-cfg
`,
  },
  {
    name: 'a delimiter index out of bounds is an error that does not quote the (Secret) value',
    files: {
      'kustomization.yaml': 'resources:\n- s.yaml\n- cm.yaml\nreplacements:\n- source:\n    kind: Secret\n    name: s\n    fieldPath: stringData.p\n    options:\n      delimiter: ":"\n      index: 5\n  targets:\n  - select:\n      kind: ConfigMap\n    fieldPaths:\n    - data.k\n',
      's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  p: hunter2:x\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n',
    },
    want: { error: /^(?![\s\S]*hunter2)[\s\S]*options.index 5 is out of bounds for the value at `stringData.p` of .*\(2 parts\)/ },
  },
];

runCases('replacements and references', cases);
