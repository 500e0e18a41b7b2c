// Name references in free-form data, by shape: what pod specs hold anywhere (envFrom, secretKeyRef, volumes, projected
// sources), what charts take by convention (`existingSecret`, `existingConfigMap`, `existingClaim`), and app-template's
// shorthands (envFrom `- secret: x`, persistence `type: secret|configMap`).
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { PathElement } from '../io/yaml-read.js';
import type { HelmReleaseInfo } from './helm.js';

export type RefKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

export type Emit = (kind: RefKind, name: string, path: PathElement[], via: string, namespace?: string) => void;

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

/** Kubernetes-shaped references anywhere below `value`: what pod specs (and charts passing them through) hold. */
export function walkPodRefs(value: YValue, path: PathElement[], emit: Emit, depth = 0): void {
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
export function walkChartConventions(value: YValue, path: PathElement[], emit: Emit, depth = 0): void {
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
export function appTemplateRefs(values: YMap, emit: Emit): void {
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
