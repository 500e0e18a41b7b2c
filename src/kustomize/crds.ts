// `crds:` — OpenAPI definition files whose x-kubernetes-* extensions declare extra name references, labels,
// annotations and identity fields for custom kinds.
import type { YMap, YValue } from '../core/resource.js';
import { KustomizeError } from './errors.js';
import type { Loader } from './loader.js';
import { emptyConfig, mergeConfig, sortConfig } from './tconfig.js';
import type { TransformerConfig } from './tconfig.js';
import type { FieldSpec } from './types.js';
import { isMap, scalarText } from './value.js';
import { parseYaml11 } from './yaml-text.js';

function props(def: YValue | undefined): YMap {
  if (!isMap(def)) return {};
  const schema = isMap(def['Schema']) ? def['Schema'] : def;
  const p = schema['properties'];
  return isMap(p) ? p : {};
}

function load(tc: TransformerConfig, kind: string, defs: YMap, typeName: string, path: string[]): void {
  const def = defs[typeName];
  if (def === undefined) return;
  for (const [prop, raw] of Object.entries(props(def))) {
    if (!isMap(raw)) continue;
    const fs = (p: string[]): FieldSpec => ({ group: '', version: '', kind, path: p.join('/'), create: false });
    const here = [...path, prop];
    if (typeof raw['x-kubernetes-annotation'] === 'string') tc.commonAnnotations = [...tc.commonAnnotations, fs(here)];
    if (typeof raw['x-kubernetes-label-selector'] === 'string') tc.commonLabels = [...tc.commonLabels, fs(here)];
    if (typeof raw['x-kubernetes-identity'] === 'string') tc.namePrefix = [...tc.namePrefix, fs(here)];
    const version = raw['x-kubernetes-object-ref-api-version'];
    const refKind = raw['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof refKind === 'string') {
      const nameKey = typeof raw['x-kubernetes-object-ref-name-key'] === 'string' ? raw['x-kubernetes-object-ref-name-key'] : 'name';
      const other = emptyConfig();
      other.nameReference = [{ target: { group: '', version, kind: refKind }, referrers: [fs([...here, nameKey])] }];
      Object.assign(tc, mergeConfig(tc, other));
    }
    const ref = scalarText(raw['$ref']);
    if (ref) load(tc, kind, defs, ref, here);
  }
}

export function configFromCrds(ldr: Loader, paths: string[]): TransformerConfig {
  let tc = emptyConfig();
  for (const path of paths) {
    const text = ldr.load(path);
    let defs: YValue;
    try {
      defs = text.startsWith('{') ? (JSON.parse(text) as YValue) : parseYaml11(text, path);
    } catch (e) {
      throw new KustomizeError(`unable to parse open API definition from '${path}': ${(e as Error).message}`);
    }
    if (!isMap(defs)) continue;
    for (const name of Object.keys(defs)) {
      const p = props(defs[name]);
      if (!('kind' in p && 'apiVersion' in p && 'metadata' in p)) continue;
      const one = emptyConfig();
      const parts = name.split('.');
      load(one, parts[parts.length - 1] as string, defs, name, []);
      tc = mergeConfig(tc, sortConfig(one));
    }
  }
  return tc;
}
