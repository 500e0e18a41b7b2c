// The field paths where two objects differ, for readers of a diff: `spec.values.image.tag`,
// `metadata.labels["app.kubernetes.io/version"]`, `spec.template.spec.containers[name=app].image`. Lists whose
// items are maps with distinct `name`s are matched by name; other lists by position.
import { isMap } from '../core/resource.js';
import type { YValue } from '../core/resource.js';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function joinKey(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function same(a: YValue | undefined, b: YValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) && typeof a === typeof b : false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

/** Deep equality of YAML values (maps by keys, not key order). */
export const valuesEqual = same;

function namesOf(list: YValue[]): string[] | undefined {
  const names: string[] = [];
  for (const item of list) {
    if (!isMap(item) || typeof item['name'] !== 'string') return undefined;
    names.push(item['name']);
  }
  return new Set(names).size === names.length ? names : undefined;
}

/** Paths (in document order, `before` keys first) where the values differ; at most `limit` of them. */
export function changedPaths(before: YValue | undefined, after: YValue | undefined, limit = 50): string[] {
  const out: string[] = [];
  const walk = (a: YValue | undefined, b: YValue | undefined, path: string): void => {
    if (out.length >= limit || same(a, b)) return;
    if (isMap(a) && isMap(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
      for (const k of keys) walk(a[k], b[k], joinKey(path, k));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const na = namesOf(a);
      const nb = namesOf(b);
      if (na && nb) {
        const byName = new Map(b.map((x, i) => [nb[i]!, x]));
        const seen = new Set<string>();
        for (let i = 0; i < a.length; i++) {
          seen.add(na[i]!);
          walk(a[i], byName.get(na[i]!), `${path}[name=${na[i]}]`);
        }
        for (let i = 0; i < b.length; i++) if (!seen.has(nb[i]!)) walk(undefined, b[i], `${path}[name=${nb[i]}]`);
        // the same items in another order
        const common = (xs: string[], other: string[]): string => xs.filter((n) => other.includes(n)).join('\0');
        if (common(na, nb) !== common(nb, na) && out.length < limit) out.push(path);
        return;
      }
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    out.push(path || '.');
  };
  walk(before, after, '');
  return out;
}
