// Flux Kustomizations (kustomize.toolkit.fluxcd.io) as plain data read from resources, and the API groups of the
// Flux objects other stages look for.
import { isMap } from '../core/resource.js';
import type { Origin, Resource, YMap, YValue } from '../core/resource.js';

export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';

export interface SubstituteReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  optional: boolean;
}

export interface PostBuild {
  substitute: Array<[string, string]>;
  substituteFrom: SubstituteReference[];
  strategy: 'WithVariables' | 'Always';
}

export interface FluxKustomization {
  name: string;
  namespace: string;
  /** Whether metadata.namespace is written (else a parent's kustomization usually sets it). */
  namespaceSet: boolean;
  path: string;
  sourceRef: { kind: string; name: string; namespace: string };
  postBuild: PostBuild | undefined;
  decryption: boolean;
  /** The whole object, for the spec fields the build applies (patches, images, components...). */
  object: YMap;
  origin: Origin;
}

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});
const group = (obj: YMap): string => s(obj['apiVersion']).split('/')[0] ?? '';
const meta = (obj: YMap): { name: string; namespace: string } => ({ name: s(m(obj['metadata'])['name']), namespace: s(m(obj['metadata'])['namespace']) });

export function isFluxKustomization(obj: YMap): boolean {
  return group(obj) === KUSTOMIZE_GROUP && obj['kind'] === 'Kustomization';
}

/** `namespace/name`, the key Flux objects are known by. */
export const ksKey = (k: { name: string; namespace: string }): string => `${k.namespace}/${k.name}`;

export function readKustomization(r: Resource, defaultNamespace = 'default'): FluxKustomization {
  const obj = r.object;
  const { name, namespace } = meta(obj);
  const spec = m(obj['spec']);
  const ref = m(spec['sourceRef']);
  const ns = namespace || defaultNamespace;
  let postBuild: PostBuild | undefined;
  if (isMap(spec['postBuild'])) {
    const pb = spec['postBuild'];
    const from = Array.isArray(pb['substituteFrom']) ? pb['substituteFrom'] : [];
    postBuild = {
      substitute: Object.entries(m(pb['substitute'])).map(([k, v]) => [k, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
      substituteFrom: from.filter(isMap).map((f) => ({
        kind: f['kind'] === 'Secret' ? 'Secret' : 'ConfigMap',
        name: s(f['name']),
        optional: f['optional'] === true,
      })),
      strategy: pb['substituteStrategy'] === 'Always' ? 'Always' : 'WithVariables',
    };
  }
  return {
    name,
    namespace: ns,
    namespaceSet: namespace !== '',
    path: s(spec['path']),
    sourceRef: { kind: s(ref['kind']), name: s(ref['name']), namespace: s(ref['namespace']) || ns },
    postBuild,
    decryption: isMap(spec['decryption']),
    object: obj,
    origin: r.origin,
  };
}
