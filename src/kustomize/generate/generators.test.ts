// configMapGenerator / secretGenerator: sources (files with `key=path`, literals, env files), options and
// generatorOptions, merge/replace behavior over a base, binary data, and the hash suffix followed by references.
import { runCases } from '../../../test/e2e/kustomize-harness.js';
import type { KCase } from '../../../test/e2e/kustomize-harness.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: app
    envFrom:
    - configMapRef:
        name: settings
    - secretRef:
        name: creds
  volumes:
  - name: cfg
    configMap:
      name: files
`;

const cases: KCase[] = [
  {
    name: 'literals, files with key=path, env files; hashed names followed by references',
    files: {
      'kustomization.yaml': `resources:
- pod.yaml
configMapGenerator:
- name: settings
  literals:
  - A=1
  - B="quoted"
  - C='single'
  envs:
  - app.env
- name: files
  files:
  - config.json
  - renamed.txt=data/original.txt
secretGenerator:
- name: creds
  literals:
  - password=hunter2
  - long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
`,
      'pod.yaml': pod,
      'app.env': '# comment\nFOO=bar\n  BAZ=with spaces \nEMPTY=\n',
      'config.json': '{"a": 1}\n',
      'data/original.txt': 'line one\nline two\n',
    },
    want: `apiVersion: v1
data:
  config.json: |
    {"a": 1}
  renamed.txt: |
    line one
    line two
kind: ConfigMap
metadata:
  name: files-7tmc9kt972
---
apiVersion: v1
data:
  A: "1"
  B: quoted
  BAZ: 'with spaces '
  C: single
  EMPTY: ""
  FOO: bar
kind: ConfigMap
metadata:
  name: settings-b5fdm8hmhm
---
apiVersion: v1
data:
  long: |
    YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYW
    FhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=
  password: aHVudGVyMg==
kind: Secret
metadata:
  name: creds-6m9ghgmcg8
type: Opaque
---
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - envFrom:
    - configMapRef:
        name: settings-b5fdm8hmhm
    - secretRef:
        name: creds-6m9ghgmcg8
    image: app
    name: app
  volumes:
  - configMap:
      name: files-7tmc9kt972
    name: cfg
`,
  },
  {
    name: 'options, generatorOptions and immutable',
    files: {
      'kustomization.yaml': `generatorOptions:
  labels:
    generated: "true"
  annotations:
    note: global
configMapGenerator:
- name: plain
  literals:
  - X=1
  options:
    disableNameSuffixHash: true
    immutable: true
    labels:
      own: label
    annotations:
      note: local
secretGenerator:
- name: typed
  type: kubernetes.io/tls
  literals:
  - tls.crt=cert
  - tls.key=key
`,
    },
    want: `apiVersion: v1
data:
  X: "1"
immutable: true
kind: ConfigMap
metadata:
  annotations:
    note: local
  labels:
    generated: "true"
    own: label
  name: plain
---
apiVersion: v1
data:
  tls.crt: Y2VydA==
  tls.key: a2V5
kind: Secret
metadata:
  annotations:
    note: global
  labels:
    generated: "true"
  name: typed-8gkh55dgdg
type: kubernetes.io/tls
`,
  },
  {
    name: 'global disableNameSuffixHash',
    files: {
      'kustomization.yaml': 'generatorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n- name: c\n  literals:\n  - A=1\n',
    },
    want: `apiVersion: v1
data:
  A: "1"
kind: ConfigMap
metadata:
  name: c
`,
  },
  {
    name: 'behavior merge and replace in an overlay',
    files: {
      'base/kustomization.yaml': `configMapGenerator:
- name: merged
  literals:
  - A=base
  - B=base
- name: replaced
  literals:
  - OLD=1
  options:
    labels:
      from: base
`,
      'overlay/kustomization.yaml': `resources:
- ../base
configMapGenerator:
- name: merged
  behavior: merge
  literals:
  - B=overlay
  - C=overlay
- name: replaced
  behavior: replace
  literals:
  - NEW=1
`,
    },
    dir: 'overlay',
    want: `apiVersion: v1
data:
  A: base
  B: overlay
  C: overlay
kind: ConfigMap
metadata:
  name: merged-tf7hgh59mm
---
apiVersion: v1
data:
  NEW: "1"
kind: ConfigMap
metadata:
  labels:
    from: base
  name: replaced-mtd98m72k6
`,
  },
  {
    name: 'behavior merge without a base object is an error',
    files: { 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  behavior: merge\n  literals:\n  - A=1\n' },
    want: { error: /does not exist; cannot merge or replace/ },
  },
  {
    name: 'a repeated key is an error',
    files: { 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals:\n  - A=1\n  - A=2\n' },
    want: { error: /illegally repeats the key `A`/ },
  },
  {
    name: 'a generator file outside the root is refused under root-only',
    files: {
      'app/kustomization.yaml': 'configMapGenerator:\n- name: c\n  files:\n  - ../shared/x.txt\n',
      'shared/x.txt': 'x\n',
    },
    dir: 'app',
    want: { error: /security; file 'shared\/x.txt' is not in or below 'app'/ },
  },
  {
    name: 'a generator with a namespace, and the kustomization namespace',
    files: {
      'kustomization.yaml': 'namespace: apps\nconfigMapGenerator:\n- name: c\n  namespace: other\n  literals:\n  - A=1\n- name: d\n  literals:\n  - B=2\n',
    },
    want: `apiVersion: v1
data:
  A: "1"
kind: ConfigMap
metadata:
  name: c-89g4tffbfk
  namespace: apps
---
apiVersion: v1
data:
  B: "2"
kind: ConfigMap
metadata:
  name: d-588tk542k9
  namespace: apps
`,
  },
  {
    name: 'a binary file goes to binaryData; env files in a secretGenerator',
    files: {
      'kustomization.yaml': 'configMapGenerator:\n- name: bin\n  files:\n  - blob.bin\n  - text.txt\nsecretGenerator:\n- name: env\n  envs:\n  - s.env\n',
      'blob.bin': Buffer.from([0, 0xff, 0xfe, 0x20, 0x62, 0x69, 0x6e]),
      'text.txt': 'plain\n',
      's.env': 'USER=admin\nPASS=p@ss=word\n',
    },
    want: `apiVersion: v1
binaryData:
  blob.bin: AP/+IGJpbg==
data:
  text.txt: |
    plain
kind: ConfigMap
metadata:
  name: bin-58bkb77g8c
---
apiVersion: v1
data:
  PASS: cEBzcz13b3Jk
  USER: YWRtaW4=
kind: Secret
metadata:
  name: env-cd87k9m2tk
type: Opaque
`,
  },
  {
    name: 'merging into a plain ConfigMap keeps its name: the hash needs both sides to ask for it',
    files: {
      'base/kustomization.yaml': 'resources:\n- cm.yaml\nconfigMapGenerator:\n- name: gen\n  literals:\n  - a=1\n  options:\n    disableNameSuffixHash: true\nnamePrefix: base-\n',
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n',
      'overlay/kustomization.yaml': `resources:
- ../base
- pod.yaml
configMapGenerator:
- name: plain
  behavior: merge
  literals:
  - x=y
- name: gen
  behavior: replace
  literals:
  - b=2
`,
      'overlay/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom:\n    - configMapRef:\n        name: gen\n    - configMapRef:\n        name: plain\n',
    },
    dir: 'overlay',
    want: `apiVersion: v1
data:
  b: "2"
kind: ConfigMap
metadata:
  name: base-gen
---
apiVersion: v1
data:
  a: b
  x: "y"
kind: ConfigMap
metadata:
  name: base-plain
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - envFrom:
    - configMapRef:
        name: base-gen
    - configMapRef:
        name: base-plain
    image: i
    name: c
`,
  },
  {
    name: 'a secret literal without `=` is an error that does not quote it',
    files: { 'kustomization.yaml': 'secretGenerator:\n- name: s\n  literals:\n  - A=1\n  - hunter2\n' },
    want: { error: /^(?![\s\S]*hunter2)[\s\S]*invalid literal source #2, expected key=value/ },
  },
  {
    name: 'key names are not checked (an env line without = is an empty value, one with an empty key is skipped)',
    files: {
      'kustomization.yaml': 'configMapGenerator:\n- name: odd\n  envs:\n  - odd.env\n  literals:\n  - a/b=1\n  files:\n  - y z.txt\n',
      'odd.env': 'hun ter=x\n1abc=2\nNOVALUE\n=skipped\n..=dots\n',
      'y z.txt': 'hi\n',
    },
    want: `apiVersion: v1
data:
  ..: dots
  1abc: "2"
  NOVALUE: ""
  a/b: "1"
  hun ter: x
  y z.txt: |
    hi
kind: ConfigMap
metadata:
  name: odd-gkd5tktt5t
`,
  },
];

runCases('generators', cases);
