// Walking a field spec path (`spec/template/metadata/labels`, `spec/containers[]/image`) through an object, creating
// missing fields where the spec says so. Sequences are crossed transparently: every element gets the rest of the path.
import type { YMap, YValue } from '../core/resource.js';
import { KustomizeError } from './errors.js';
import type { FieldSpec, Gvk } from './types.js';
import { isMap, typeName } from './value.js';

/** Called with the container and key of each field the path reaches. */
export type FieldSetter = (holder: YMap, key: string) => void;

export type CreateKind = 'map' | 'scalar' | 'none';

/** Splits on `/` but keeps `\/` as a literal slash (kustomize's PathSplitter). */
export function splitPath(path: string, delimiter = '/'): string[] {
  let ps = path.split(delimiter);
  if (ps.length > 1 && ps[0] === '') ps = ps.slice(1);
  const res: string[] = [ps[0] as string];
  for (let i = 1; i < ps.length; i++) {
    const last = res.length - 1;
    if ((res[last] as string).endsWith('\\')) res[last] = (res[last] as string).slice(0, -1) + delimiter + ps[i];
    else res.push(ps[i] as string);
  }
  return res;
}

export function gvkMatchesSpec(obj: YMap, fs: Gvk): boolean {
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  if (fs.kind && fs.kind !== kind) return false;
  const av = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
  const i = av.indexOf('/');
  const group = i < 0 ? '' : av.slice(0, i);
  const version = i < 0 ? av : av.slice(i + 1);
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

/**
 * Applies `set` at every field `fs.path` reaches in `obj` (when the object's kind matches the spec). With
 * `fs.create` the last field is created as `createKind`, intermediate ones as maps.
 */
export function applyFieldSpec(obj: YMap, fs: FieldSpec, set: FieldSetter, createKind: CreateKind): void {
  if (!gvkMatchesSpec(obj, fs)) return;
  const path = splitPath(fs.path);
  try {
    walk(obj, path, 0, fs.create, createKind, set);
  } catch (e) {
    if (e instanceof KustomizeError) throw new KustomizeError(`considering field '${fs.path}': ${e.message}`);
    throw e;
  }
}

function walk(node: YValue, path: string[], i: number, create: boolean, createKind: CreateKind, set: FieldSetter): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const el of node) walk(el, path, i, create, createKind, set);
    return;
  }
  if (!isMap(node)) throw new KustomizeError(`expected sequence or mapping node, found ${typeName(node)}`);
  const raw = path[i] as string;
  const isSeq = raw.endsWith('[]');
  const name = isSeq ? raw.slice(0, -2) : raw;
  if (name === '') throw new KustomizeError('cannot set or create an empty field name');
  const last = i === path.length - 1;
  const has = Object.prototype.hasOwnProperty.call(node, name);
  if (!create || createKind === 'none' || isSeq) {
    if (!has) return;
    if (isSeq && node[name] === null) node[name] = [];
  } else if (last) {
    if (!has) node[name] = createKind === 'map' ? {} : '';
    else if (node[name] === null && createKind === 'map') node[name] = {};
  } else if (!has || node[name] === null) {
    node[name] = {};
  }
  if (last) {
    set(node, name);
    return;
  }
  walk(node[name] as YValue, path, i + 1, create, createKind, set);
}
