// What makes a Secret, ConfigMap or PersistentVolumeClaim exist in a namespace: the object itself, something that
// creates it at run time (run-time-products.ts), or app-template values. Charts other than app-template, and database
// or storage operators, create objects we cannot list: a name built from such a release's or object's name is only
// "maybe missing".
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { appTemplateProducts, helmReleases } from './helm.js';
import type { HelmReleaseInfo } from './helm.js';
import type { ModelResource, ValidationModel } from './model.js';
import { addProducts } from './run-time-products.js';
import { ANY_NAMESPACE } from './references.js';
import type { RefKind } from './references.js';

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** Present in every namespace (the API server and common controllers publish them). */
const EVERYWHERE: Record<RefKind, ReadonlySet<string>> = {
  Secret: new Set(),
  ConfigMap: new Set(['kube-root-ca.crt', 'istio-ca-root-cert', 'openshift-service-ca.crt']),
  PersistentVolumeClaim: new Set(),
};

/** Groups whose objects never create Secrets/ConfigMaps/PVCs by name (so their names are no evidence). */
const INERT_GROUPS = new Set([
  '', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy', 'storage.k8s.io', 'scheduling.k8s.io',
  'kustomize.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io', 'notification.toolkit.fluxcd.io',
  'image.toolkit.fluxcd.io', 'external-secrets.io', 'monitoring.coreos.com', 'gateway.networking.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'autoscaling',
  'cilium.io', 'cert-manager.io',
]);

/** Groups of operators that create credentials and claims named after their objects. */
const STATEFUL_OPERATORS = /postgres|mysql|maria|mongo|redis|dragonfly|rabbitmq|minio|(^|\.)db\.|database|ceph|objectbucket|keycloak|authentik|kanidm|zalan/i;

export interface Producers {
  /** Whether something in the repository surely makes `kind/name` exist in `namespace`. */
  has(kind: RefKind, namespace: string, name: string): boolean;
  /** What might create it at run time (a chart or an operator's custom resource), for a softer finding. */
  maybe(kind: RefKind, namespace: string, name: string): string | undefined;
}

const cache = new WeakMap<ValidationModel, Producers>();

/** The producers of a model, computed once. */
export function collectProducers(model: ValidationModel): Producers {
  let p = cache.get(model);
  if (!p) cache.set(model, (p = buildProducers(model)));
  return p;
}

function buildProducers(model: ValidationModel): Producers {
  const exact = new Map<string, Set<string>>(); // `${kind}/${ns}` → names; ns '*' = every namespace
  const anywhere = new Map<RefKind, Set<string>>(); // names produced in some namespace
  const add = (kind: RefKind, namespace: string, name: string): void => {
    if (!name) return;
    const key = `${kind}/${namespace}`;
    let set = exact.get(key);
    if (!set) exact.set(key, (set = new Set()));
    set.add(name);
    let any = anywhere.get(kind);
    if (!any) anywhere.set(kind, (any = new Set()));
    any.add(name);
  };
  const candidates: ModelResource[] = [];

  for (const r of model.resources) {
    addProducts(r, add);
    if (!r.clusterScoped && !INERT_GROUPS.has(r.group)) {
      candidates.push(r);
      // operators' convention: spec.secretName names the Secret they write (alone or with the object's name)
      const secretName = s(m(r.object['spec'])['secretName']);
      if (secretName) for (const n of [secretName, `${secretName}-${r.name}`, `${r.name}-${secretName}`]) add('Secret', r.namespace, n);
    }
  }

  const releases = helmReleases(model);
  const products = new Map<HelmReleaseInfo, Partial<Record<RefKind, Set<string> | undefined>>>();
  const productsOf = (h: HelmReleaseInfo, kind: RefKind): Set<string> | undefined => {
    let p = products.get(h);
    if (!p) products.set(h, (p = {}));
    if (!(kind in p)) p[kind] = appTemplateProducts(h, kind);
    return p[kind];
  };

  const has = (kind: RefKind, namespace: string, name: string): boolean =>
    EVERYWHERE[kind].has(name) ||
    (namespace === ANY_NAMESPACE && anywhere.get(kind)?.has(name) === true) ||
    exact.get(`${kind}/${namespace}`)?.has(name) === true ||
    exact.get(`${kind}/*`)?.has(name) === true ||
    releases.some((h) => h.namespace === namespace && productsOf(h, kind)?.has(name) === true);

  // charts name objects after the release, usually as a prefix, sometimes inside (dashboard-<release>-grafana-dashboard)
  const segment = (name: string, part: string): boolean => part !== '' && new RegExp(`(^|[-.])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([-.]|$)`).test(name);

  const maybe = (kind: RefKind, namespace: string, name: string): string | undefined => {
    for (const h of releases) {
      if (h.namespace !== namespace || h.appTemplate) continue;
      if (segment(name, h.release) || segment(name, h.resource.name) || (h.chart && segment(name, h.chart))) {
        return `HelmRelease ${h.resource.namespace}/${h.resource.name}${h.chart ? ` (chart ${h.chart})` : ''} may create it`;
      }
    }
    for (const r of candidates) {
      if (r.namespace !== namespace) continue;
      // an operator's object named like the Secret (OnePasswordItem, Talos ServiceAccount, ...) or, for database and
      // storage operators, a name part of it (<cluster>-app, database-<user>)
      if (r.name === name || (STATEFUL_OPERATORS.test(r.group) && segment(name, r.name))) return `${r.kind} ${r.namespace}/${r.name} may create it`;
    }
    return undefined;
  };

  return { has, maybe };
}
