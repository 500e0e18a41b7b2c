// Objects that exist at run time because another object asks for them: ExternalSecret targets, cert-manager's
// Certificates, ACME keys and ingress-shim, CloudNativePG and Crunchy PGO credentials, StatefulSet claim templates,
// bucket claims, secret operators (SealedSecret, 1Password, Bitwarden, Infisical, Vault), trust-manager bundles,
// grafana-operator's PVC, and Secrets/ConfigMaps replicated to other namespaces by annotation.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { ModelResource } from './model.js';
import type { RefKind } from './ref-walkers.js';

/** Records `kind name` as existing in `namespace` (`*`: in every namespace). */
export type AddProduct = (kind: RefKind, namespace: string, name: string) => void;

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** Secrets CloudNativePG creates for a Cluster named `c`. */
const CNPG_SUFFIXES = ['app', 'superuser', 'ca', 'server', 'replication', 'pooler'];

const ANNOTATION_REPLICATORS = [
  'reflector.v1.k8s.emberstack.com/reflection-auto-enabled',
  'reflector.v1.k8s.emberstack.com/reflection-allowed',
  'replicator.v1.mittwald.de/replicate-to',
  'replicator.v1.mittwald.de/replicate-to-matching',
];

/** What `r` is, or makes exist, by name. */
export function addProducts(r: ModelResource, add: AddProduct): void {
  const spec = m(r.object['spec']);
  const annotations = m(m(r.object['metadata'])['annotations']);
  switch (r.kind) {
    case 'Secret':
    case 'ConfigMap':
    case 'PersistentVolumeClaim':
      if (r.group !== '') break;
      add(r.kind, r.namespace, r.name);
      if (ANNOTATION_REPLICATORS.some((a) => annotations[a] !== undefined)) add(r.kind, '*', r.name);
      break;
    case 'ExternalSecret':
    case 'ClusterExternalSecret': {
      const es = r.kind === 'ExternalSecret' ? spec : m(spec['externalSecretSpec']);
      const target = m(es['target']);
      // creationPolicy Merge/None writes into a Secret that must exist already
      if (target['creationPolicy'] === 'Merge' || target['creationPolicy'] === 'None') break;
      const name = s(target['name']) || (r.kind === 'ExternalSecret' ? r.name : s(spec['externalSecretName']) || r.name);
      add('Secret', r.kind === 'ExternalSecret' ? r.namespace : '*', name);
      break;
    }
    case 'Certificate':
      add('Secret', r.namespace, s(spec['secretName']));
      break;
    case 'ClusterIssuer':
    case 'Issuer':
      add('Secret', r.kind === 'Issuer' ? r.namespace : '*', s(m(m(spec['acme'])['privateKeySecretRef'])['name']));
      break;
    case 'Ingress':
    case 'Gateway':
      if (Object.keys(annotations).some((a) => a.startsWith('cert-manager.io/'))) {
        if (r.kind === 'Ingress' && Array.isArray(spec['tls'])) for (const t of spec['tls']) add('Secret', r.namespace, s(m(t)['secretName']));
        if (r.kind === 'Gateway' && Array.isArray(spec['listeners'])) {
          for (const l of spec['listeners']) {
            const refs = m(m(l)['tls'])['certificateRefs'];
            if (Array.isArray(refs)) for (const c of refs) add('Secret', s(m(c)['namespace']) || r.namespace, s(m(c)['name']));
          }
        }
      }
      break;
    case 'Cluster':
      if (r.group === 'postgresql.cnpg.io') for (const sfx of CNPG_SUFFIXES) add('Secret', r.namespace, `${r.name}-${sfx}`);
      break;
    case 'StatefulSet': {
      const templates = spec['volumeClaimTemplates'];
      if (Array.isArray(templates)) {
        const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
        for (const t of templates) for (let i = 0; i < Math.max(replicas, 1); i++) add('PersistentVolumeClaim', r.namespace, `${s(m(m(t)['metadata'])['name'])}-${r.name}-${i}`);
      }
      break;
    }
    case 'ObjectBucketClaim':
      add('Secret', r.namespace, r.name);
      add('ConfigMap', r.namespace, r.name);
      break;
    case 'SealedSecret':
    case 'OnePasswordItem':
    case 'BitwardenSecret':
    case 'InfisicalSecret':
    case 'VaultStaticSecret':
    case 'VaultDynamicSecret':
      // secret operators: the object's name, or where each of them puts a different one
      add('Secret', r.namespace, r.name);
      for (const n of [m(m(spec['template'])['metadata'])['name'], spec['secretName'], m(spec['destination'])['name'], m(spec['managedSecretReference'])['secretName']]) {
        add('Secret', r.namespace, s(n));
      }
      break;
    case 'PostgresCluster':
      // Crunchy PGO: <cluster>-pguser-<user> per spec.users entry (the cluster's own name without users)
      if (r.group === 'postgres-operator.crunchydata.com') {
        const users = Array.isArray(spec['users']) ? spec['users'].map((u) => s(m(u)['name'])) : [r.name];
        for (const u of users) add('Secret', r.namespace, `${r.name}-pguser-${u}`);
      }
      break;
    case 'Grafana':
      // grafana-operator makes <name>-pvc from spec.persistentVolumeClaim
      if (r.group === 'grafana.integreatly.org' && isMap(spec['persistentVolumeClaim'])) add('PersistentVolumeClaim', r.namespace, `${r.name}-pvc`);
      break;
    case 'Bundle':
      if (r.group === 'trust.cert-manager.io') add('ConfigMap', '*', r.name);
      break;
  }
}
