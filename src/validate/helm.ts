// What hops knows about a HelmRelease without its chart: the release name and namespace Flux gives it, which chart
// it installs (through chartRef → OCIRepository/HelmChart, or chart.spec), and — for bjw-s' app-template, whose values
// say what it creates — the Secrets, ConfigMaps and PersistentVolumeClaims the chart will make.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { ModelResource, ValidationModel } from './model.js';

export interface HelmReleaseInfo {
  resource: ModelResource;
  /** Flux's release name: spec.releaseName, else `[targetNamespace-]name`. */
  release: string;
  /** Where the chart's objects go: spec.targetNamespace, else the HelmRelease's namespace. */
  namespace: string;
  /** The chart's name when known (`app-template`, `cert-manager`, ...). */
  chart: string | undefined;
  /** Chart version when pinned in the HelmRelease or its OCIRepository tag. */
  version: string | undefined;
  values: YMap;
  appTemplate: boolean;
}

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

/** The last path segment of an OCI URL names the chart (`oci://ghcr.io/bjw-s-labs/helm/app-template`). */
export function chartOfUrl(url: string): string {
  return url.replace(/\/+$/, '').split('/').pop() ?? '';
}

export function helmReleaseInfo(r: ModelResource, model: ValidationModel): HelmReleaseInfo {
  const spec = m(r.object['spec']);
  const target = s(spec['targetNamespace']);
  const release = s(spec['releaseName']) || (target ? `${target}-${r.name}` : r.name);
  let chart: string | undefined;
  let version: string | undefined;
  if (isMap(spec['chartRef'])) {
    const ref = spec['chartRef'];
    const ns = s(ref['namespace']) || r.namespace;
    const source = model.find(s(ref['kind']), ns, s(ref['name']))[0];
    const sspec = source ? m(source.object['spec']) : {};
    if (source?.kind === 'OCIRepository') {
      chart = chartOfUrl(s(sspec['url'])) || undefined;
      version = s(m(sspec['ref'])['tag']) || undefined;
    } else if (source?.kind === 'HelmChart') {
      chart = s(sspec['chart']) || undefined;
      version = s(sspec['version']) || undefined;
    }
  } else {
    const cs = m(m(spec['chart'])['spec']);
    chart = s(cs['chart']) || undefined;
    version = s(cs['version']) || undefined;
  }
  const values = m(spec['values']);
  return { resource: r, release, namespace: target || r.namespace, chart, version, values, appTemplate: chart === 'app-template' };
}

/** Every HelmRelease of the model, computed once per model. */
const cache = new WeakMap<ValidationModel, HelmReleaseInfo[]>();
export function helmReleases(model: ValidationModel): HelmReleaseInfo[] {
  let list = cache.get(model);
  if (!list) {
    list = model.byKind('HelmRelease').filter((r) => r.group === 'helm.toolkit.fluxcd.io').map((r) => helmReleaseInfo(r, model));
    cache.set(model, list);
  }
  return list;
}

/** Identifiers app-template gives the objects of a values section (`secrets`, `configMaps`, `persistence`). */
function sectionKeys(values: YMap, section: string): string[] {
  return Object.entries(m(values[section]))
    .filter(([, v]) => isMap(v) && v['enabled'] !== false)
    .map(([k]) => k);
}

/**
 * Names app-template gives what it creates: `<release>-<identifier>`, the release name alone when the identifier is
 * the release's own name, or an explicit `name`/`nameOverride`.
 */
function appTemplateNames(info: HelmReleaseInfo, section: string, keep: (v: YMap) => boolean = () => true): string[] {
  const out: string[] = [];
  for (const key of sectionKeys(info.values, section)) {
    const v = m(info.values[section])[key];
    if (!isMap(v) || !keep(v)) continue;
    const override = s(v['name']) || s(v['nameOverride']);
    out.push(key, `${info.release}-${key}`, info.release);
    if (override) out.push(override, `${info.release}-${override}`);
  }
  return out;
}

/** Objects of `kind` app-template creates from its values; undefined when the chart is not app-template. */
export function appTemplateProducts(info: HelmReleaseInfo, kind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim'): Set<string> | undefined {
  if (!info.appTemplate) return undefined;
  if (kind === 'Secret') return new Set(appTemplateNames(info, 'secrets'));
  if (kind === 'ConfigMap') return new Set(appTemplateNames(info, 'configMaps'));
  // persistence entries of type persistentVolumeClaim (the default) without existingClaim become PVCs
  return new Set(
    appTemplateNames(info, 'persistence', (v) => !s(v['existingClaim']) && (v['type'] === undefined || v['type'] === 'persistentVolumeClaim')),
  );
}
