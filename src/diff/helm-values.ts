// The values a HelmRelease renders its chart with, as helm-controller merges them: each valuesFrom ConfigMap/Secret
// in order (a whole values file, or one value at targetPath), then spec.values on top. Sources are looked up among
// the objects built on the same side.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { parseYaml } from '../io/yaml-read.js';

const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});
const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');

function deepMerge(base: YMap, over: YMap): YMap {
  const out: YMap = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? deepMerge(out[k] as YMap, v) : v;
  return out;
}

function setPath(obj: YMap, path: string, value: string): YMap {
  const keys = path.split('.');
  const out: YMap = { ...obj };
  let cur = out;
  for (const k of keys.slice(0, -1)) cur = cur[k] = isMap(cur[k]) ? { ...(cur[k] as YMap) } : {};
  cur[keys[keys.length - 1]!] = value;
  return out;
}

/** The merged values, or the reason they cannot be known here. */
export function mergedValues(hr: YMap, objects: readonly YMap[]): { values: YMap } | { problem: string } {
  const spec = m(hr['spec']);
  const ns = s(m(hr['metadata'])['namespace']);
  let values: YMap = {};
  for (const ref of Array.isArray(spec['valuesFrom']) ? spec['valuesFrom'].filter(isMap) : []) {
    const kind = s(ref['kind']);
    const src = objects.find((o) => o['kind'] === kind && s(m(o['metadata'])['name']) === s(ref['name']) && (s(m(o['metadata'])['namespace']) || ns) === ns);
    if (!src) {
      if (ref['optional'] === true) continue;
      return { problem: `valuesFrom ${kind}/${s(ref['name'])} is not in the build` };
    }
    if (isMap(src['sops'])) return { problem: `valuesFrom ${kind}/${s(ref['name'])} is SOPS-encrypted` };
    const key = s(ref['valuesKey']) || 'values.yaml';
    const data = m(src['data']);
    const raw = kind === 'Secret' ? (typeof data[key] === 'string' ? Buffer.from(data[key], 'base64').toString('utf8') : s(m(src['stringData'])[key])) : s(data[key]);
    if (ref['targetPath']) values = setPath(values, s(ref['targetPath']), raw);
    else {
      const v = parseYaml(raw, `${kind}/${s(ref['name'])}[${key}]`);
      if (isMap(v as YValue)) values = deepMerge(values, v as YMap);
    }
  }
  return { values: deepMerge(values, m(spec['values'])) };
}

