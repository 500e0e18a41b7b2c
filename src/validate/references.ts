// References from one object to another by name, found where Kubernetes, Flux, charts and common operators put them:
// pod specs anywhere (envFrom, secretKeyRef, volumes, projected sources), HelmRelease valuesFrom, chart values
// (`existingSecret`, `existingClaim`, app-template's envFrom/persistence shorthands), Gateway certificateRefs,
// cert-manager issuers' secret refs, CloudNativePG secrets and ExternalSecret templates.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { PathElement } from '../io/yaml-read.js';
import { helmReleases } from './helm.js';
import type { HelmReleaseInfo } from './helm.js';
import type { ModelResource, ValidationModel } from './model.js';

export type RefKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

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

/** A name hops can check: not empty, not a Helm/Go template or an unsubstituted variable. */
export function checkableName(name: string): boolean {
  return name !== '' && !name.includes('{{') && !name.includes('${') && !/\s/.test(name);
}

/** `{{ .Release.Name }}` and `{{ .Release.Namespace }}` replaced; any other template is left for checkableName to refuse. */
export function releaseTemplate(name: string, info: Pick<HelmReleaseInfo, 'release' | 'namespace'>): string {
  if (!name.includes('{{')) return name;
  return name.replace(/\{\{-?\s*\.Release\.Name\s*-?\}\}/g, info.release).replace(/\{\{-?\s*\.Release\.Namespace\s*-?\}\}/g, info.namespace);
}

type Emit = (kind: RefKind, name: string, path: PathElement[], via: string, namespace?: string) => void;

/** Kubernetes-shaped references anywhere below `value`: what pod specs (and charts passing them through) hold. */
function walkPodRefs(value: YValue, path: PathElement[], emit: Emit, depth = 0): void {
  if (depth > 40) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkPodRefs(v, [...path, i], emit, depth + 1));
    return;
  }
  if (!isMap(value)) return;
  const refMap = (key: string, kind: RefKind, nameKey: string, via: string): void => {
    const ref = value[key];
    if (!isMap(ref) || ref['optional'] === true) return;
    const name = s(ref[nameKey]);
    if (name) emit(kind, name, [...path, key, nameKey], via, s(ref['namespace']) || undefined);
  };
  refMap('secretKeyRef', 'Secret', 'name', 'secretKeyRef');
  refMap('configMapKeyRef', 'ConfigMap', 'name', 'configMapKeyRef');
  refMap('secretRef', 'Secret', 'name', 'secretRef');
  refMap('configMapRef', 'ConfigMap', 'name', 'configMapRef');
  refMap('persistentVolumeClaim', 'PersistentVolumeClaim', 'claimName', 'volume claimName');
  // volumes: {name, secret: {secretName}} and {name, configMap: {name}}; projected sources: {secret: {name}}
  if (isMap(value['secret']) && typeof value['secret']['secretName'] === 'string') refMap('secret', 'Secret', 'secretName', 'volume');
  if (typeof value['name'] === 'string' && isMap(value['configMap'])) refMap('configMap', 'ConfigMap', 'name', 'volume');
  if (Array.isArray(value['sources'])) {
    value['sources'].forEach((src, i) => {
      if (!isMap(src)) return;
      for (const [key, kind] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
        const ref = src[key];
        if (isMap(ref) && ref['optional'] !== true && s(ref['name'])) emit(kind, s(ref['name']), [...path, 'sources', i, key, 'name'], 'projected volume');
      }
    });
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null) walkPodRefs(v, [...path, k], emit, depth + 1);
  }
}

/** Chart conventions: `existingSecret`, `existingConfigMap`, `existingClaim` name objects the user must provide. */
function walkChartConventions(value: YValue, path: PathElement[], emit: Emit, depth = 0): void {
  if (depth > 40) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkChartConventions(v, [...path, i], emit, depth + 1));
    return;
  }
  if (!isMap(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      if (k === 'existingSecret' || k === 'existingSecretName') emit('Secret', v, [...path, k], k);
      else if (k === 'existingConfigMap') emit('ConfigMap', v, [...path, k], k);
      else if (k === 'existingClaim') emit('PersistentVolumeClaim', v, [...path, k], k);
    } else if (typeof v === 'object' && v !== null) walkChartConventions(v, [...path, k], emit, depth + 1);
  }
}

/** app-template shorthands: envFrom `- secret: x` / `- configMap: x`, persistence `type: secret|configMap` + `name`. */
function appTemplateRefs(values: YMap, emit: Emit): void {
  const controllers = m(values['controllers']);
  for (const [cname, c] of Object.entries(controllers)) {
    for (const group of ['containers', 'initContainers']) {
      for (const [name, ctr] of Object.entries(m(m(c)[group]))) {
        const envFrom = m(ctr)['envFrom'];
        if (!Array.isArray(envFrom)) continue;
        envFrom.forEach((e, i) => {
          if (!isMap(e)) return;
          const base = ['controllers', cname, group, name, 'envFrom', i];
          if (typeof e['secret'] === 'string') emit('Secret', e['secret'], [...base, 'secret'], 'envFrom');
          if (typeof e['configMap'] === 'string') emit('ConfigMap', e['configMap'], [...base, 'configMap'], 'envFrom');
        });
      }
    }
  }
  for (const [key, p] of Object.entries(m(values['persistence']))) {
    if (!isMap(p) || p['enabled'] === false || typeof p['name'] !== 'string') continue;
    if (p['type'] === 'secret') emit('Secret', p['name'], ['persistence', key, 'name'], 'persistence');
    else if (p['type'] === 'configMap') emit('ConfigMap', p['name'], ['persistence', key, 'name'], 'persistence');
  }
}

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
