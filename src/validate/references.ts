// References from one object to another by name, per kind of referrer: pod specs anywhere (ref-walkers.ts), HelmRelease
// valuesFrom and chart values, Gateway certificateRefs, cert-manager issuers' secret refs, CloudNativePG secrets and
// ExternalSecret templates.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { PathElement } from '../io/yaml-read.js';
import { helmReleases } from './helm.js';
import type { HelmReleaseInfo } from './helm.js';
import type { ModelResource, ValidationModel } from './model.js';
import { appTemplateRefs, checkableName, releaseTemplate, walkChartConventions, walkPodRefs } from './ref-walkers.js';
import type { Emit, RefKind } from './ref-walkers.js';

export type { RefKind } from './ref-walkers.js';

export interface Reference {
  kind: RefKind;
  name: string;
  /** Namespace the target must be in. */
  namespace: string;
  from: ModelResource;
  /** Field path in `from` holding the name. */
  path: PathElement[];
  /** How it refers (`envFrom`, `existingClaim`, ...), for messages. */
  via: string;
  /** Set when the HelmRelease's chart values hold the reference. */
  helmRelease?: HelmReleaseInfo;
}

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** Target namespace of a reference that may be satisfied in any namespace (where it lives is unknown here). */
export const ANY_NAMESPACE = '*';

/** The namespace cert-manager reads ClusterIssuers' Secrets from: where its chart is installed, when it is built. */
function certManagerNamespace(model: ValidationModel): string {
  return helmReleases(model).find((h) => h.chart === 'cert-manager' || h.resource.name === 'cert-manager')?.namespace ?? ANY_NAMESPACE;
}

/** `*SecretRef: {name}` below an issuer spec, except the ACME account key cert-manager creates itself. */
function issuerRefs(value: YValue, path: PathElement[], emit: Emit, depth = 0): void {
  if (depth > 20) return;
  if (Array.isArray(value)) return value.forEach((v, i) => issuerRefs(v, [...path, i], emit, depth + 1));
  if (!isMap(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (/SecretRef$/.test(k) && k !== 'privateKeySecretRef' && isMap(v) && typeof v['name'] === 'string') emit('Secret', v['name'], [...path, k, 'name'], k);
    else if (typeof v === 'object' && v !== null) issuerRefs(v, [...path, k], emit, depth + 1);
  }
}

const FLUX_SOURCES = new Set(['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket']);

export function collectReferences(model: ValidationModel): Reference[] {
  const out: Reference[] = [];
  const certNs = certManagerNamespace(model);
  for (const r of model.resources) {
    const spec = m(r.object['spec']);
    const emitter = (namespace: string, extra: Partial<Reference> = {}, prefix: PathElement[] = []): Emit =>
      (kind, name, path, via, ns) => {
        if (!checkableName(name)) return;
        const target = ns ?? namespace;
        if (!target) return; // an object without a namespace: namespace-unset reports it
        out.push({ kind, name, namespace: target, from: r, path: [...prefix, ...path], via, ...extra });
      };
    const emit = emitter(r.namespace);
    switch (r.kind) {
      case 'Secret':
      case 'ConfigMap':
      case 'CustomResourceDefinition':
        continue;
      case 'Kustomization':
        // decryption and kubeConfig Secrets are created at bootstrap; substituteFrom is the build's to report
        if (r.group === 'kustomize.toolkit.fluxcd.io') continue;
        break;
      case 'HelmRelease': {
        if (r.group !== 'helm.toolkit.fluxcd.io') break;
        const info = helmReleases(model).find((h) => h.resource === r);
        const from = spec['valuesFrom'];
        if (Array.isArray(from)) {
          from.forEach((v, i) => {
            if (!isMap(v) || v['optional'] === true) return;
            const kind = v['kind'] === 'Secret' ? 'Secret' : v['kind'] === 'ConfigMap' ? 'ConfigMap' : undefined;
            if (kind) emit(kind, s(v['name']), ['spec', 'valuesFrom', i, 'name'], 'valuesFrom');
          });
        }
        if (info) {
          const plain = emitter(info.namespace, { helmRelease: info }, ['spec', 'values']);
          // app-template renders these names with tpl: `{{ .Release.Name }}-secret` is a name hops can work out
          const values: Emit = info.appTemplate ? (kind, name, path, via, ns) => plain(kind, releaseTemplate(name, info), path, via, ns) : plain;
          walkPodRefs(info.values, [], values);
          walkChartConventions(info.values, [], values);
          if (info.appTemplate) appTemplateRefs(info.values, values);
        }
        continue;
      }
      case 'Gateway': {
        const listeners = spec['listeners'];
        if (!Array.isArray(listeners)) break;
        listeners.forEach((l, i) => {
          const refs = m(m(l)['tls'])['certificateRefs'];
          if (!Array.isArray(refs)) return;
          refs.forEach((c, j) => {
            if (!isMap(c) || (c['kind'] !== undefined && c['kind'] !== 'Secret') || (c['group'] !== undefined && c['group'] !== '')) return;
            emit('Secret', s(c['name']), ['spec', 'listeners', i, 'tls', 'certificateRefs', j, 'name'], 'certificateRefs', s(c['namespace']) || undefined);
          });
        });
        continue;
      }
      case 'ClusterIssuer':
      case 'Issuer': {
        const ns = r.kind === 'ClusterIssuer' ? certNs : r.namespace;
        issuerRefs(spec, ['spec'], emitter(ns));
        if (isMap(spec['ca']) && typeof spec['ca']['secretName'] === 'string') emitter(ns)('Secret', spec['ca']['secretName'], ['spec', 'ca', 'secretName'], 'ca.secretName');
        continue;
      }
      case 'Cluster':
        if (r.group === 'postgresql.cnpg.io') {
          if (isMap(spec['superuserSecret'])) emit('Secret', s(spec['superuserSecret']['name']), ['spec', 'superuserSecret', 'name'], 'superuserSecret');
          const initdb = m(m(spec['bootstrap'])['initdb']);
          if (isMap(initdb['secret'])) emit('Secret', s(initdb['secret']['name']), ['spec', 'bootstrap', 'initdb', 'secret', 'name'], 'bootstrap.initdb.secret');
        }
        break;
      case 'ExternalSecret': {
        const tf = m(m(spec['target'])['template'])['templateFrom'];
        if (Array.isArray(tf)) {
          tf.forEach((t, i) => {
            if (!isMap(t)) return;
            if (isMap(t['configMap'])) emit('ConfigMap', s(t['configMap']['name']), ['spec', 'target', 'template', 'templateFrom', i, 'configMap', 'name'], 'templateFrom');
            if (isMap(t['secret'])) emit('Secret', s(t['secret']['name']), ['spec', 'target', 'template', 'templateFrom', i, 'secret', 'name'], 'templateFrom');
          });
        }
        continue;
      }
      default:
        // the bootstrap deploy key of the repository's own source is not in the repository
        if (FLUX_SOURCES.has(r.kind) && r.name === 'flux-system') continue;
    }
    walkPodRefs(spec, ['spec'], emit);
  }
  return out;
}
