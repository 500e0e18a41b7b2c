// The field-spec transformers: namespace, name prefix/suffix, labels (all forms), annotations, images, replicas,
// and builtin transformer configs under `transformers:`.
import { runCases } from '../../../test/e2e/kustomize-harness.js';
import type { KCase } from '../../../test/e2e/kustomize-harness.js';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
      initContainers:
      - name: init
        image: docker.io/library/busybox@sha256:abc
`;
const rbac = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: reader
subjects:
- kind: ServiceAccount
  name: web
- kind: ServiceAccount
  name: default
- kind: ServiceAccount
  name: other
  namespace: elsewhere
`;
const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  A: "1"\n';

const cases: KCase[] = [
  {
    name: 'namespace: namespaced kinds, Namespace objects, cluster-scoped kinds and RoleBinding subjects',
    files: {
      'kustomization.yaml': 'namespace: apps\nresources:\n- deploy.yaml\n- rbac.yaml\n- ns.yaml\n',
      'deploy.yaml': deploy,
      'rbac.yaml': rbac,
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old\n',
    },
    want: `apiVersion: v1
kind: Namespace
metadata:
  name: apps
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: apps
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: reader
subjects:
- kind: ServiceAccount
  name: web
  namespace: apps
- kind: ServiceAccount
  name: default
  namespace: apps
- kind: ServiceAccount
  name: other
  namespace: elsewhere
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
  namespace: apps
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      serviceAccountName: web
`,
  },
  {
    name: 'namePrefix and nameSuffix rename and follow references',
    files: {
      'kustomization.yaml': 'namePrefix: pre-\nnameSuffix: -suf\nresources:\n- deploy.yaml\n- rbac.yaml\n- settings.yaml\n',
      'deploy.yaml': deploy,
      'rbac.yaml': rbac,
      'settings.yaml': settings,
    },
    want: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: pre-web-suf
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: pre-reader-suf
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pre-web-suf
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: pre-reader-suf
subjects:
- kind: ServiceAccount
  name: pre-web-suf
- kind: ServiceAccount
  name: default
- kind: ServiceAccount
  name: other
  namespace: elsewhere
---
apiVersion: v1
data:
  A: "1"
kind: ConfigMap
metadata:
  name: pre-settings-suf
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: pre-web-suf
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: pre-settings-suf
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      serviceAccountName: pre-web-suf
`,
  },
  {
    name: 'commonLabels reach selectors and templates',
    files: {
      'kustomization.yaml': 'commonLabels:\n  team: blue\nresources:\n- deploy.yaml\n- svc.yaml\n',
      'deploy.yaml': deploy,
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n',
    },
    want: `apiVersion: v1
kind: Service
metadata:
  labels:
    team: blue
  name: web
spec:
  ports:
  - port: 80
  selector:
    team: blue
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
    team: blue
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      team: blue
  template:
    metadata:
      labels:
        app: web
        team: blue
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      serviceAccountName: web
`,
  },
  {
    name: 'labels: metadata only, with templates, with selectors, and custom fields',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
labels:
- pairs:
    a: one
- pairs:
    b: two
  includeTemplates: true
- pairs:
    c: three
  includeSelectors: true
- pairs:
    d: four
  fields:
  - path: spec/template/spec/nodeSelector
    kind: Deployment
    create: true
`,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    a: one
    app: web
    b: two
    c: three
    d: four
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
      c: three
  template:
    metadata:
      labels:
        app: web
        b: two
        c: three
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      nodeSelector:
        d: four
      serviceAccountName: web
`,
  },
  {
    name: 'commonAnnotations reach pod templates',
    files: {
      'kustomization.yaml': 'commonAnnotations:\n  owner: ops\n  count: "3"\nresources:\n- deploy.yaml\n',
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    count: "3"
    owner: ops
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      annotations:
        count: "3"
        owner: ops
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      serviceAccountName: web
`,
  },
  {
    name: 'images: new tag, new name, digest and tag suffix',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
- pod.yaml
images:
- name: nginx
  newTag: "1.27"
- name: docker.io/library/busybox
  newName: ghcr.io/mirror/busybox
  digest: sha256:def
- name: redis
  tagSuffix: -alpine
`,
      'deploy.yaml': deploy,
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n  - name: redis\n    image: redis:7\n',
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.27
        name: web
      initContainers:
      - image: ghcr.io/mirror/busybox@sha256:def
        name: init
      serviceAccountName: web
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - image: redis:7-alpine-alpine
    name: redis
`,
  },
  {
    name: 'images: lists named containers in custom resources are updated too',
    files: {
      'kustomization.yaml': 'resources:\n- cr.yaml\nimages:\n- name: app\n  newTag: v2\n',
      'cr.yaml': 'apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  deep:\n    containers:\n    - name: a\n      image: app:v1\n',
    },
    want: `apiVersion: example.com/v1
kind: Thing
metadata:
  name: t
spec:
  deep:
    containers:
    - image: app:v2
      name: a
`,
  },
  {
    name: 'replicas set spec.replicas of the named workload',
    files: {
      'kustomization.yaml': 'resources:\n- deploy.yaml\nreplicas:\n- name: web\n  count: 3\n',
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: settings
        image: nginx:1.25
        name: web
      initContainers:
      - image: docker.io/library/busybox@sha256:abc
        name: init
      serviceAccountName: web
`,
  },
  {
    name: 'replicas for a name that matches nothing is an error',
    files: { 'kustomization.yaml': 'resources:\n- deploy.yaml\nreplicas:\n- name: nope\n  count: 3\n', 'deploy.yaml': deploy },
    want: { error: /resource with name nope does not match a config/ },
  },
  {
    name: 'transformers: an inline builtin LabelTransformer with its own field specs',
    files: {
      'kustomization.yaml': `resources:
- ns.yaml
- settings.yaml
transformers:
- |-
  apiVersion: builtin
  kind: LabelTransformer
  metadata:
    name: not-used
  labels:
    routed: "true"
  fieldSpecs:
  - kind: Namespace
    path: metadata/labels
    create: true
`,
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n',
      'settings.yaml': settings,
    },
    want: `apiVersion: v1
kind: Namespace
metadata:
  labels:
    routed: "true"
  name: apps
---
apiVersion: v1
data:
  A: "1"
kind: ConfigMap
metadata:
  name: settings
`,
  },
];

runCases('transforms', cases);
