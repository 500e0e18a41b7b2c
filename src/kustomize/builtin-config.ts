// kustomize's default field specs: where names, namespaces, labels, annotations, images and replicas live in the
// built-in kinds, and which fields refer to which kinds by name. Written as `path|kind|group|version`, with a
// leading `+` for "create if missing".
import type { FieldSpec } from './types.js';

export interface NameBackRef {
  target: { group: string; version: string; kind: string };
  referrers: FieldSpec[];
}

export function spec(s: string): FieldSpec {
  const create = s.startsWith('+');
  const [path = '', kind = '', group = '', version = ''] = (create ? s.slice(1) : s).split('|');
  return { path, kind, group, version, create };
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];

const metadataLabels = [
  '+metadata/labels',
  '+spec/template/metadata/labels|ReplicationController||v1',
  '+spec/template/metadata/labels|Deployment',
  '+spec/template/metadata/labels|ReplicaSet',
  '+spec/template/metadata/labels|DaemonSet',
  '+spec/template/metadata/labels|StatefulSet|apps',
  '+spec/volumeClaimTemplates[]/metadata/labels|StatefulSet|apps',
  '+spec/template/metadata/labels|Job|batch',
  '+spec/jobTemplate/metadata/labels|CronJob|batch',
  '+spec/jobTemplate/spec/template/metadata/labels|CronJob|batch',
];

const affinity = [
  'affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'topologySpreadConstraints/labelSelector/matchLabels',
];

const commonLabels = [
  '+spec/selector|Service||v1',
  '+spec/selector|ReplicationController||v1',
  '+spec/selector/matchLabels|Deployment',
  ...affinity.map((a) => `spec/template/spec/${a}|Deployment|apps`),
  '+spec/selector/matchLabels|ReplicaSet',
  '+spec/selector/matchLabels|DaemonSet',
  '+spec/selector/matchLabels|StatefulSet|apps',
  ...affinity.map((a) => `spec/template/spec/${a}|StatefulSet|apps`),
  'spec/selector/matchLabels|Job|batch',
  'spec/jobTemplate/spec/selector/matchLabels|CronJob|batch',
  'spec/selector/matchLabels|PodDisruptionBudget|policy',
  'spec/podSelector/matchLabels|NetworkPolicy|networking.k8s.io',
  'spec/ingress/from/podSelector/matchLabels|NetworkPolicy|networking.k8s.io',
  'spec/egress/to/podSelector/matchLabels|NetworkPolicy|networking.k8s.io',
  ...metadataLabels,
];

const commonAnnotations = [
  '+metadata/annotations',
  '+spec/template/metadata/annotations|ReplicationController||v1',
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].map((k) => `+spec/template/metadata/annotations|${k}`),
  '+spec/template/metadata/annotations|Job|batch',
  '+spec/jobTemplate/metadata/annotations|CronJob|batch',
  '+spec/jobTemplate/spec/template/metadata/annotations|CronJob|batch',
];

/** Pod-spec field paths of every workload kind, in the order kustomize lists them. */
function podRefs(suffixes: string[], cronOrder: string[] = suffixes, podVersion = true): string[] {
  const out: string[] = [];
  for (const s of suffixes) out.push(`spec/${s}|Pod${podVersion ? '||v1' : ''}`);
  for (const s of suffixes) out.push(`template/spec/${s}|PodTemplate`);
  for (const k of WORKLOADS) for (const s of suffixes) out.push(`spec/template/spec/${s}|${k}`);
  for (const s of cronOrder) out.push(`spec/jobTemplate/spec/template/spec/${s}|CronJob`);
  return out;
}

const cmSuffixes = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];
const secretSuffixes = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];
const order = (s: string[], idx: number[]) => idx.map((i) => s[i] as string);

/** Workload kinds whose pod template sits at spec/template (plus Pod and CronJob handled apart). */
function perWorkload(field: string, kinds: string[]): string[] {
  return kinds.map((k) =>
    k === 'Pod' ? `spec/${field}|Pod` : k === 'CronJob' ? `spec/jobTemplate/spec/template/spec/${field}|CronJob` : `spec/template/spec/${field}|${k}`,
  );
}
const saKinds = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];

const NAME_REFERENCE: [string, string[]][] = [
  ['Deployment', ['spec/scaleTargetRef/name|HorizontalPodAutoscaler']],
  ['ReplicationController', ['spec/scaleTargetRef/name|HorizontalPodAutoscaler']],
  ['ReplicaSet', ['spec/scaleTargetRef/name|HorizontalPodAutoscaler']],
  ['StatefulSet', ['spec/scaleTargetRef/name|HorizontalPodAutoscaler']],
  [
    'ConfigMap||v1',
    [
      ...podRefs(cmSuffixes, order(cmSuffixes, [0, 5, 1, 2, 3, 4])),
      'spec/configSource/configMap|Node',
      'rules/resourceNames|Role',
      'rules/resourceNames|ClusterRole',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap|Ingress',
    ],
  ],
  [
    'Secret||v1',
    [
      ...podRefs(secretSuffixes, order(secretSuffixes, [0, 6, 1, 2, 3, 4, 5])),
      'spec/tls/secretName|Ingress',
      'metadata/annotations/ingress.kubernetes.io\\/auth-secret|Ingress',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret|Ingress',
      'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret|Ingress',
      'spec/tls/secretName|Ingress',
      'imagePullSecrets/name|ServiceAccount',
      'parameters/secretName|StorageClass',
      'parameters/adminSecretName|StorageClass',
      'parameters/userSecretName|StorageClass',
      'parameters/secretRef|StorageClass',
      'rules/resourceNames|Role',
      'rules/resourceNames|ClusterRole',
      'spec/template/spec/containers/env/valueFrom/secretKeyRef/name|Service|serving.knative.dev|v1',
      'spec/azureFile/secretName|PersistentVolume',
    ],
  ],
  [
    'Service||v1',
    [
      'spec/serviceName|StatefulSet|apps',
      'spec/rules/http/paths/backend/serviceName|Ingress',
      'spec/backend/serviceName|Ingress',
      'spec/rules/http/paths/backend/service/name|Ingress',
      'spec/defaultBackend/service/name|Ingress',
      'spec/service/name|APIService|apiregistration.k8s.io',
      'webhooks/clientConfig/service|ValidatingWebhookConfiguration|admissionregistration.k8s.io',
      'webhooks/clientConfig/service|MutatingWebhookConfiguration|admissionregistration.k8s.io',
    ],
  ],
  ['Role|rbac.authorization.k8s.io', ['roleRef/name|RoleBinding|rbac.authorization.k8s.io']],
  [
    'ClusterRole|rbac.authorization.k8s.io',
    ['roleRef/name|RoleBinding|rbac.authorization.k8s.io', 'roleRef/name|ClusterRoleBinding|rbac.authorization.k8s.io'],
  ],
  [
    'ServiceAccount||v1',
    [
      'subjects|RoleBinding|rbac.authorization.k8s.io',
      'subjects|ClusterRoleBinding|rbac.authorization.k8s.io',
      ...perWorkload('serviceAccountName', saKinds),
    ],
  ],
  ['PersistentVolumeClaim||v1', perWorkload('volumes/persistentVolumeClaim/claimName', saKinds)],
  ['PersistentVolume||v1', ['spec/volumeName|PersistentVolumeClaim', 'rules/resourceNames|ClusterRole']],
  [
    'StorageClass|storage.k8s.io|v1',
    [
      'spec/storageClassName|PersistentVolume',
      'spec/storageClassName|PersistentVolumeClaim',
      'spec/volumeClaimTemplates/spec/storageClassName|StatefulSet',
    ],
  ],
  ['PriorityClass|scheduling.k8s.io|v1', perWorkload('priorityClassName', saKinds)],
  // kustomize writes the group with its version here, so this entry never matches; kept for fidelity.
  ['IngressClass|networking.k8s.io/v1|v1', ['spec/ingressClassName|Ingress']],
  [
    'ValidatingAdmissionPolicy|admissionregistration.k8s.io',
    ['spec/policyName|ValidatingAdmissionPolicyBinding|admissionregistration.k8s.io'],
  ],
];

const podVarRefs = (kind: string, prefix: string, nfs: string) => [
  ...['containers', 'initContainers'].flatMap((c) =>
    ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((f) => `${prefix}${c}/${f}|${kind}`),
  ),
  `${nfs}|${kind}`,
];

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackRef[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

export const FS_FIELDS = [
  'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'templateLabels', 'commonAnnotations',
  'varReference', 'images', 'replicas',
] as const;

function backRef(target: string, referrers: string[]): NameBackRef {
  const [kind = '', group = '', version = ''] = target.split('|');
  return { target: { kind, group, version }, referrers: referrers.map(spec) };
}

export function defaultConfigRaw(): TransformerConfig {
  return {
    namePrefix: [spec('metadata/name')],
    nameSuffix: [spec('metadata/name')],
    namespace: [
      '+metadata/name|Namespace',
      '+spec/service/namespace|APIService|apiregistration.k8s.io',
      'spec/conversion/webhook/clientConfig/service/namespace|CustomResourceDefinition|apiextensions.k8s.io',
    ].map(spec),
    commonLabels: commonLabels.map(spec),
    labels: [],
    templateLabels: metadataLabels.map(spec),
    commonAnnotations: commonAnnotations.map(spec),
    nameReference: NAME_REFERENCE.map(([t, r]) => backRef(t, r)),
    varReference: [
      ...podVarRefs('CronJob', 'spec/jobTemplate/spec/template/spec/', 'spec/jobTemplate/spec/template/volumes/nfs/server'),
      ...podVarRefs('DaemonSet', 'spec/template/spec/', 'spec/template/spec/volumes/nfs/server'),
      ...podVarRefs('Deployment', 'spec/template/spec/', 'spec/template/spec/volumes/nfs/server'),
      'spec/template/metadata/annotations|Deployment',
      'spec/rules/host|Ingress',
      'spec/tls/hosts|Ingress',
      'spec/tls/secretName|Ingress',
      ...podVarRefs('Job', 'spec/template/spec/', 'spec/template/spec/volumes/nfs/server'),
      ...podVarRefs('Pod', 'spec/', 'spec/volumes/nfs/server'),
      ...podVarRefs('ReplicaSet', 'spec/template/spec/', 'spec/template/spec/volumes/nfs/server'),
      'spec/ports/port|Service',
      'spec/ports/targetPort|Service',
      ...podVarRefs('StatefulSet', 'spec/template/spec/', 'spec/volumeClaimTemplates/spec/nfs/server'),
      'spec/nfs/server|PersistentVolume',
      'metadata/labels',
      'metadata/annotations',
    ].map(spec),
    images: [
      '+spec/containers[]/image',
      '+spec/initContainers[]/image',
      '+spec/volumes[]/image/reference',
      '+spec/template/spec/containers[]/image',
      '+spec/template/spec/initContainers[]/image',
      '+spec/template/spec/volumes[]/image/reference',
    ].map(spec),
    replicas: ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) => spec(`+spec/replicas|${k}`)),
  };
}

