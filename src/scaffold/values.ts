// HelmRelease values for bjw-s app-template, in the shape of the chart version the repository pins (the values
// schema changed at 2.0 and 3.0) and the sibling's naming (controller/container/service keys, route or ingress,
// `{{ .Release.Name }}` in host names), with top-level keys in the sibling's order.
import type { YMap } from '../core/resource.js';
import type { ImageSpec } from './app-spec.js';
import { listOfMaps } from './apps.js';
import { map, str } from './repo-scan.js';

export type Family = 'v1' | 'v2' | 'v3' | 'v4';

/** app-template's values generation for a chart version: 0.x/1.x flat, 2.x controllers, 3.x services name their controller. */
export function familyOf(version: string): Family {
  const major = Number(/^v?([0-9]+)/.exec(version)?.[1] ?? 'NaN');
  if (!Number.isFinite(major)) return 'v4';
  return major <= 1 ? 'v1' : major === 2 ? 'v2' : major === 3 ? 'v3' : 'v4';
}

export interface IngressHabit {
  className?: { key: string; value: string };
  annotations: YMap;
  path: string;
  pathType?: string;
  tls: boolean;
}

export interface ValuesRequest {
  family: Family;
  app: string;
  image?: ImageSpec;
  port?: number;
  /** Full host name, or undefined for no route. */
  host?: string;
  exposeWith: 'route' | 'ingress';
  parentRefs?: unknown[];
  ingress?: IngressHabit;
  persistence: Array<{ name: string; claim: string }>;
  /** Secret the container reads its environment from. */
  envFromSecret?: string;
}

/** The sibling's naming: first keys of controllers/containers/service/route/ingress, and the values key order. */
export interface ValuesNaming {
  controller: string;
  container: string;
  service: string;
  route: string;
  ingress: string;
  portName: string;
  order: string[];
  /** `global.nameOverride` set (old charts): the generator sets it to the app name. */
  nameOverride: boolean;
  /** services name their controller although the chart would not need it. */
  serviceController: boolean;
}

const first = (m: unknown, fallback: string): string => Object.keys(map(m))[0] ?? fallback;

export function namingOf(values: YMap, siblingApp: string, newApp: string, family: Family): ValuesNaming {
  const main = family === 'v1' || family === 'v2' ? 'main' : 'app';
  const ctrl = first(values['controllers'], family === 'v2' ? 'main' : newApp);
  const ctrlNode = map(map(values['controllers'])[ctrl]);
  const svc = first(values['service'], main);
  return {
    controller: ctrl === siblingApp ? newApp : ctrl,
    container: first(ctrlNode['containers'], main),
    service: svc,
    route: first(values['route'], main),
    ingress: first(values['ingress'], main),
    portName: first(map(map(values['service'])[svc])['ports'], 'http'),
    order: Object.keys(values),
    nameOverride: Boolean(map(values['global'])['nameOverride']),
    serviceController: Boolean(map(map(values['service'])[svc])['controller']),
  };
}

export function buildValues(req: ValuesRequest, naming: ValuesNaming): YMap {
  const out: YMap = {};
  const v1 = req.family === 'v1';
  if (v1 && naming.nameOverride) out['global'] = { nameOverride: req.app };
  const container: YMap = {};
  if (req.image) container['image'] = { repository: req.image.repository, tag: req.image.tag };
  if (req.envFromSecret) container['envFrom'] = [{ secretRef: { name: req.envFromSecret } }];
  if (v1) Object.assign(out, container);
  else out['controllers'] = { [naming.controller]: { containers: { [naming.container]: container } } };

  if (req.port !== undefined) {
    const svc: YMap = {};
    if (req.family === 'v3' || (req.family === 'v4' && naming.serviceController)) svc['controller'] = naming.controller;
    svc['ports'] = { [naming.portName]: { port: req.port } };
    out['service'] = { [naming.service]: svc };
  }

  if (req.host !== undefined) {
    if (req.exposeWith === 'route' && req.family !== 'v1' && req.family !== 'v2') {
      const route: YMap = { hostnames: [req.host] };
      if (req.parentRefs) route['parentRefs'] = req.parentRefs as YMap[];
      out['route'] = { [naming.route]: route };
    } else {
      out['ingress'] = { [naming.ingress]: ingressOf(req, naming) };
    }
  }

  if (req.persistence.length) {
    const p: YMap = {};
    for (const vol of req.persistence) {
      p[vol.name] = v1 ? { enabled: true, existingClaim: vol.claim } : { existingClaim: vol.claim, globalMounts: [{ path: `/${vol.name}` }] };
    }
    out['persistence'] = p;
  }
  return orderKeys(out, naming.order);
}

function ingressOf(req: ValuesRequest, naming: ValuesNaming): YMap {
  const habit = req.ingress ?? { annotations: {}, path: '/', tls: false };
  const ing: YMap = {};
  if (req.family === 'v1') ing['enabled'] = true;
  if (habit.className) ing[habit.className.key] = habit.className.value;
  if (Object.keys(habit.annotations).length) ing['annotations'] = habit.annotations;
  const path: YMap = { path: habit.path };
  if (habit.pathType) path['pathType'] = habit.pathType;
  if (req.family === 'v2') path['service'] = { name: naming.service, port: naming.portName };
  else if (req.family !== 'v1') path['service'] = { identifier: naming.service, port: naming.portName };
  ing['hosts'] = [{ host: req.host!, paths: [path] }];
  if (habit.tls) ing['tls'] = [{ hosts: [req.host!] }];
  return ing;
}

function orderKeys(m: YMap, order: readonly string[]): YMap {
  const pos = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
  const out: YMap = {};
  for (const k of Object.keys(m).sort((a, b) => pos(a) - pos(b))) out[k] = m[k]!;
  return out;
}

/**
 * How the sibling (or, failing that, most app-template releases) writes an ingress: class, the annotations most of
 * the repository's ingresses share, path, TLS.
 */
export function ingressHabit(sibling: YMap, all: readonly YMap[]): IngressHabit | undefined {
  const firstIng = (v: YMap): YMap | undefined => {
    const i = Object.values(map(v['ingress']))[0];
    return i === undefined ? undefined : map(i);
  };
  const model = firstIng(sibling) ?? all.map(firstIng).find((x) => x !== undefined);
  if (!model) return undefined;
  const others = all.map(firstIng).filter((x): x is YMap => x !== undefined);
  const annotations: YMap = {};
  for (const [k, v] of Object.entries(map(model['annotations']))) {
    if (typeof v !== 'string' || v.includes('\n')) continue;
    if (others.filter((o) => map(o['annotations'])[k] === v).length * 2 > others.length) annotations[k] = v;
  }
  const habit: IngressHabit = { annotations, path: '/', tls: listOfMaps(model['tls']).length > 0 };
  for (const key of ['className', 'ingressClassName']) {
    if (typeof model[key] === 'string') habit.className = { key, value: model[key] as string };
  }
  const p = listOfMaps(listOfMaps(model['hosts'])[0]?.['paths'])[0];
  if (p) {
    habit.path = str(p['path']) || '/';
    if (str(p['pathType'])) habit.pathType = str(p['pathType']);
  }
  return habit;
}
