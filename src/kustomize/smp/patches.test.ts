// Patches: strategic merge (Kubernetes merge keys, `$patch` directives, nulls, lists under custom resources) and
// JSON 6902, inline or from files, by target selector or by the patch's own id.
import { runCases } from '../../../test/e2e/kustomize-harness.js';
import type { KCase } from '../../../test/e2e/kustomize-harness.js';

const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
  finalizers:
  - b.example.com
spec:
  template:
    spec:
      nodeSelector:
      tolerations: null
      containers:
      - name: web
        image: nginx
        args: [--a, --b]
        env:
        - name: KEEP
          value: "1"
        - name: CHANGE
          value: old
        ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - name: data
          mountPath: /data
      - name: sidecar
        image: busybox
      volumes:
      - name: data
        emptyDir: {}
`;
const helmrelease = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
  labels:
    tier: backend
spec:
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      keep: 1
      drop: 2
`;

const cases: KCase[] = [
  {
    name: 'strategic merge with target: merge keys, new items first, $patch delete, nulls',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
patches:
- target:
    kind: Deployment
    name: web
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: ignored
      finalizers:
      - a.example.com
    spec:
      template:
        spec:
          containers:
          - name: init-like
            image: alpine
          - name: web
            image: nginx:2
            args: [--c]
            env:
            - name: CHANGE
              value: new
            - name: ADDED
              value: x
            ports:
            - containerPort: 8080
            volumeMounts:
            - mountPath: /data
              readOnly: true
          - name: sidecar
            $patch: delete
          volumes:
          - name: cache
            emptyDir: {}
`,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - a.example.com
  - b.example.com
  labels:
    app: web
  name: web
spec:
  template:
    spec:
      containers:
      - image: alpine
        name: init-like
      - args:
        - --c
        env:
        - name: CHANGE
          value: new
        - name: ADDED
          value: x
        - name: KEEP
          value: "1"
        image: nginx:2
        name: web
        ports:
        - containerPort: 8080
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - mountPath: /data
          name: data
          readOnly: true
      tolerations: null
      volumes:
      - emptyDir: {}
        name: cache
      - emptyDir: {}
        name: data
`,
  },
  {
    name: 'strategic merge: $patch replace on a list and on a map',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        $patch: replace
        only: this
    spec:
      template:
        spec:
          volumes:
          - $patch: replace
          - name: fresh
            emptyDir: {}
`,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - b.example.com
  labels:
    only: this
  name: web
spec:
  template:
    spec:
      containers:
      - args:
        - --a
        - --b
        env:
        - name: KEEP
          value: "1"
        - name: CHANGE
          value: old
        image: nginx
        name: web
        ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - mountPath: /data
          name: data
      - image: busybox
        name: sidecar
      tolerations: null
      volumes:
      - emptyDir: {}
        name: fresh
`,
  },
  {
    name: 'strategic merge on a custom resource replaces lists whole and null removes keys',
    files: {
      'kustomization.yaml': `resources:
- hr.yaml
patches:
- target:
    kind: HelmRelease
    labelSelector: tier=backend
  patch: |-
    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: whatever
    spec:
      values:
        list:
        - name: c
        map:
          drop: null
          add: 3
`,
      'hr.yaml': helmrelease,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  values:
    list:
    - name: c
    map:
      add: 3
      keep: 1
`,
  },
  {
    name: 'strategic merge: Service ports merge by port and protocol',
    files: {
      'kustomization.yaml': `resources:
- svc.yaml
patches:
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      ports:
      - port: 53
        protocol: TCP
        name: dns-tcp
      - port: 9090
        name: metrics
`,
      'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 53
    protocol: UDP
    name: dns
  - port: 80
    name: http
`,
    },
    want: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - name: dns-tcp
    port: 53
    protocol: TCP
  - name: metrics
    port: 9090
  - name: dns
    port: 53
    protocol: UDP
  - name: http
    port: 80
`,
  },
  {
    name: 'JSON 6902 patches inline: add, replace, remove, move, copy, test, escaped paths',
    files: {
      'kustomization.yaml': `resources:
- hr.yaml
patches:
- target:
    group: helm.toolkit.fluxcd.io
    kind: HelmRelease
    name: ap.*
  patch: |-
    - op: test
      path: /spec/values/map/keep
      value: 1
    - op: add
      path: /spec/values/list/-
      value: {name: z}
    - op: replace
      path: /spec/values/list/0/v
      value: 10
    - op: remove
      path: /spec/values/map/drop
    - op: copy
      from: /spec/values/map/keep
      path: /spec/values/copied
    - op: move
      from: /spec/values/copied
      path: /spec/values/moved
    - op: add
      path: /metadata/annotations
      value:
        example.com/a~b: "on"
    - op: add
      path: /metadata/annotations/example.com~1c
      value: yes
`,
      'hr.yaml': helmrelease,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  annotations:
    example.com/a~b: "on"
    example.com/c: "true"
  labels:
    tier: backend
  name: app
spec:
  values:
    list:
    - name: a
      v: 10
    - name: b
      v: 2
    - name: z
    map:
      keep: 1
    moved: 1
`,
  },
  {
    name: 'JSON 6902 patch in JSON form from a file, and a failing op',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- path: p.json\n  target:\n    kind: HelmRelease\n',
      'hr.yaml': helmrelease,
      'p.json': '[{"op": "replace", "path": "/spec/values/map/keep", "value": "two"}]\n',
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: two
`,
  },
  {
    name: 'JSON 6902 replace of a missing map key adds it, as json-patch v4 does',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- target:\n    kind: HelmRelease\n  patch: |-\n    - op: replace\n      path: /spec/nope\n      value: 1\n',
      'hr.yaml': helmrelease,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  nope: 1
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'JSON 6902 patch text is YAML 1.1: keys `on` and `n` become "true" and "false"',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- target:\n    kind: HelmRelease\n  patch: |-\n    - op: add\n      path: /spec/flags\n      value:\n        on: x\n        n: "1"\n',
      'hr.yaml': helmrelease,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  flags:
    "false": "1"
    "true": x
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'JSON 6902 remove of a missing key is an error',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- target:\n    kind: HelmRelease\n  patch: |-\n    - op: remove\n      path: /spec/nope\n',
      'hr.yaml': helmrelease,
    },
    want: { error: /Unable to remove nonexistent key: nope/ },
  },
  {
    name: 'JSON 6902 negative list index counts from the end',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- target:\n    kind: HelmRelease\n  patch: |-\n    - op: replace\n      path: /spec/values/list/-1/v\n      value: 9\n    - op: add\n      path: /spec/values/list/-1\n      value: {name: mid}\n',
      'hr.yaml': helmrelease,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 9
    - name: mid
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'patchesStrategicMerge (file and inline) and patchesJson6902',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
- hr.yaml
patchesStrategicMerge:
- smp.yaml
- |-
  apiVersion: helm.toolkit.fluxcd.io/v2
  kind: HelmRelease
  metadata:
    name: app
  spec:
    interval: 5m
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: web
  path: json.yaml
`,
      'deploy.yaml': deploy,
      'hr.yaml': helmrelease,
      'smp.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
      'json.yaml': '- op: add\n  path: /spec/paused\n  value: true\n',
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - b.example.com
  labels:
    app: web
  name: web
spec:
  paused: true
  replicas: 2
  template:
    spec:
      containers:
      - args:
        - --a
        - --b
        env:
        - name: KEEP
          value: "1"
        - name: CHANGE
          value: old
        image: nginx
        name: web
        ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - mountPath: /data
          name: data
      - image: busybox
        name: sidecar
      tolerations: null
      volumes:
      - emptyDir: {}
        name: data
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  interval: 5m
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'a strategic merge patch without target must match a resource id',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: nope\n',
      'hr.yaml': helmrelease,
    },
    want: { error: /no matches for Id/ },
  },
  {
    name: 'allowNameChange lets a patch rename, and $patch delete removes a resource',
    files: {
      'kustomization.yaml': `resources:
- hr.yaml
- deploy.yaml
patches:
- target:
    kind: HelmRelease
  options:
    allowNameChange: true
  patch: |-
    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: renamed
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    $patch: delete
`,
      'hr.yaml': helmrelease,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: renamed
spec:
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'one entry may not carry two strategic merge patches with a target',
    files: {
      'kustomization.yaml': `resources:
- hr.yaml
patches:
- target:
    kind: HelmRelease
  patch: |-
    apiVersion: v1
    kind: A
    metadata:
      name: a
    ---
    apiVersion: v1
    kind: B
    metadata:
      name: b
`,
      'hr.yaml': helmrelease,
    },
    want: { error: /Multiple Strategic-Merge Patches/ },
  },
  {
    name: 'target regular expressions use Go syntax: inline flags and alternation',
    files: {
      'kustomization.yaml': `resources:
- hr.yaml
- deploy.yaml
patches:
- target:
    name: (?i)WEB|nothing
    kind: Deploy.*
  patch: |-
    - op: add
      path: /metadata/labels/matched
      value: "yes"
`,
      'hr.yaml': helmrelease,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - b.example.com
  labels:
    app: web
    matched: "yes"
  name: web
spec:
  template:
    spec:
      containers:
      - args:
        - --a
        - --b
        env:
        - name: KEEP
          value: "1"
        - name: CHANGE
          value: old
        image: nginx
        name: web
        ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - mountPath: /data
          name: data
      - image: busybox
        name: sidecar
      nodeSelector: null
      tolerations: null
      volumes:
      - emptyDir: {}
        name: data
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  labels:
    tier: backend
  name: app
spec:
  values:
    list:
    - name: a
      v: 1
    - name: b
      v: 2
    map:
      drop: 2
      keep: 1
`,
  },
  {
    name: 'strategic merge adds lists and maps the resource lacks, cleaning directives and nulls',
    files: {
      'kustomization.yaml': `resources:
- deploy.yaml
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations:
        note: added
    spec:
      template:
        metadata:
          labels:
            new: label
            gone: null
        spec:
          initContainers:
          - name: first
            image: busybox
            env:
            - name: A
              value: "1"
            - name: B
              valueFrom:
                secretKeyRef:
                  name: s
                  key: k
          hostAliases:
          - ip: 10.0.0.1
            hostnames: [a]
          - ip: 10.0.0.1
            hostnames: [b]
          securityContext:
            $patch: delete
`,
      'deploy.yaml': deploy,
    },
    want: `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    note: added
  finalizers:
  - b.example.com
  labels:
    app: web
  name: web
spec:
  template:
    metadata:
      labels:
        new: label
    spec:
      containers:
      - args:
        - --a
        - --b
        env:
        - name: KEEP
          value: "1"
        - name: CHANGE
          value: old
        image: nginx
        name: web
        ports:
        - containerPort: 80
          protocol: TCP
        - containerPort: 443
        volumeMounts:
        - mountPath: /data
          name: data
      - image: busybox
        name: sidecar
      hostAliases:
      - hostnames:
        - b
        ip: 10.0.0.1
      initContainers:
      - env:
        - name: A
          value: "1"
        - name: B
          valueFrom:
            secretKeyRef:
              key: k
              name: s
        image: busybox
        name: first
      tolerations: null
      volumes:
      - emptyDir: {}
        name: data
`,
  },
  {
    name: 'a patch that puts a map where the resource has a string is an error',
    files: {
      'kustomization.yaml': 'resources:\n- deploy.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n      labels:\n        app:\n          nested: x\n',
      'deploy.yaml': deploy,
    },
    want: { error: /wrong node kind/ },
  },
  {
    name: 'a null annotation in a patch deletes it; with a target kustomize first turns it into the string "null"',
    files: {
      'kustomization.yaml': `resources:
- a.yaml
- b.yaml
patches:
- patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
      annotations:
        x: null
- target:
    name: b
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: b
      annotations:
        x: null
`,
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    x: "1"\n    y: "2"\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations:\n    x: "1"\n    y: "2"\n',
    },
    want: `apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    "y": "2"
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    x: "null"
    "y": "2"
  name: b
`,
  },
  {
    name: 'an inline JSON patch without target is an error that does not quote the patch',
    files: {
      'kustomization.yaml': 'resources:\n- hr.yaml\npatches:\n- patch: \'[{"op": "add", "path": "/spec/password", "value": "hunter2"}]\'\n',
      'hr.yaml': helmrelease,
    },
    want: { error: /^(?![\s\S]*hunter2)[\s\S]*must specify a target for JSON patch \[inline patch\]/ },
  },
];

runCases('patches', cases);
