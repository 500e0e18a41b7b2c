// RFC 6902 JSON patches with the exact leniencies of evanphx/json-patch v4.12 (kustomize's library): `replace` of a
// missing map key adds it, negative list indexes count from the end, `test` treats missing and null alike.
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { deepClone, deepEqual, isMap } from '../value.js';

export interface Operation {
  op: string;
  path?: string;
  from?: string;
  value?: YValue;
}

/** Decodes a list of operations (already parsed from JSON or YAML). */
export function decodeOps(v: YValue): Operation[] {
  if (!Array.isArray(v)) throw new KustomizeError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return v.map((o, i) => {
    if (!isMap(o)) throw new KustomizeError(`json patch operation ${i} is not an object`);
    const op: Operation = { op: typeof o['op'] === 'string' ? o['op'] : 'unknown' };
    if (typeof o['path'] === 'string') op.path = o['path'];
    if (typeof o['from'] === 'string') op.from = o['from'];
    if ('value' in o && o['value'] !== null) op.value = o['value'] as YValue;
    return op;
  });
}

type Container = YMap | YValue[];

const decode = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

function atoi(key: string): number | null {
  return /^[+-]?\d+$/.test(key) ? Number(key) : null;
}

/** Array index for get/set/remove: negative counts from the end; null when out of range. */
function index(key: string, len: number): number | null {
  let i = atoi(key);
  if (i === null) return null;
  if (i < 0) {
    if (i < -len) return null;
    i += len;
  }
  return i >= len ? null : i;
}

function get(c: Container, key: string): YValue | undefined {
  if (Array.isArray(c)) {
    const i = index(key, c.length);
    if (i === null) throw new KustomizeError(`Unable to access invalid index: ${key}`);
    return c[i];
  }
  return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined;
}

/** The container of the last path element, and that element (json-patch's findObject). */
function findObject(doc: Container, path: string): { c: Container; key: string } | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: YValue | undefined;
    try {
      next = get(cur, decode(part));
    } catch {
      return null;
    }
    if (next === undefined || next === null || (typeof next !== 'object')) return null;
    cur = next;
  }
  return { c: cur, key: decode(split[split.length - 1] as string) };
}

function add(c: Container, key: string, val: YValue, path: string): void {
  if (!Array.isArray(c)) {
    c[key] = val;
    return;
  }
  if (key === '-') {
    c.push(val);
    return;
  }
  let i = atoi(key);
  if (i === null) throw new KustomizeError(`error in add for path: '${path}': value was not a proper array index: '${key}'`);
  const size = c.length + 1;
  if (i >= size) throw new KustomizeError(`error in add for path: '${path}': Unable to access invalid index: ${i}`);
  if (i < 0) {
    if (i < -size) throw new KustomizeError(`error in add for path: '${path}': Unable to access invalid index: ${i}`);
    i += size;
  }
  c.splice(i, 0, val);
}

function remove(c: Container, key: string, path: string): void {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) {
      throw new KustomizeError(`error in remove for path: '${path}': Unable to remove nonexistent key: ${key}`);
    }
    delete c[key];
    return;
  }
  let i = atoi(key);
  if (i === null || i >= c.length || i < -c.length) {
    throw new KustomizeError(`error in remove for path: '${path}': Unable to access invalid index: ${key}`);
  }
  if (i < 0) i += c.length;
  c.splice(i, 1);
}

function need(f: { c: Container; key: string } | null, what: string): { c: Container; key: string } {
  if (!f) throw new KustomizeError(what);
  return f;
}

/** Applies the operations to `doc`; returns the patched document (a new one only when `replace ""` swaps it). */
export function applyJsonPatch(doc: YMap, ops: Operation[]): YMap {
  let root: Container = doc;
  for (const op of ops) {
    const path = op.path;
    switch (op.op) {
      case 'add': {
        if (path === undefined) throw new KustomizeError('add operation failed to decode path');
        const f = need(findObject(root, path), `add operation does not apply: doc is missing path: "${path}"`);
        add(f.c, f.key, deepClone(op.value ?? null), path);
        break;
      }
      case 'remove': {
        if (path === undefined) throw new KustomizeError('remove operation failed to decode path');
        const f = need(findObject(root, path), `remove operation does not apply: doc is missing path: "${path}"`);
        remove(f.c, f.key, path);
        break;
      }
      case 'replace': {
        if (path === undefined) throw new KustomizeError('replace operation failed to decode path');
        if (path === '') {
          const v = op.value;
          if (v === undefined || v === null || typeof v !== 'object') throw new KustomizeError('replace operation value must be object or array');
          root = deepClone(v) as Container;
          break;
        }
        const f = need(findObject(root, path), `replace operation does not apply: doc is missing path: ${path}`);
        if (Array.isArray(f.c)) {
          const i = index(f.key, f.c.length);
          if (i === null) throw new KustomizeError(`replace operation does not apply: doc is missing key: ${path}`);
          f.c[i] = deepClone(op.value ?? null);
        } else f.c[f.key] = deepClone(op.value ?? null);
        break;
      }
      case 'move': {
        const from = op.from;
        if (from === undefined) throw new KustomizeError('move operation failed to decode from');
        const src = need(findObject(root, from), `move operation does not apply: doc is missing from path: ${from}`);
        const val = get(src.c, src.key);
        remove(src.c, src.key, src.key);
        if (path === undefined) throw new KustomizeError('move operation failed to decode path');
        const dst = need(findObject(root, path), `move operation does not apply: doc is missing destination path: ${path}`);
        add(dst.c, dst.key, val ?? null, path);
        break;
      }
      case 'copy': {
        const from = op.from;
        if (from === undefined) throw new KustomizeError('copy operation failed to decode from');
        const src = need(findObject(root, from), `copy operation does not apply: doc is missing from path: ${from}`);
        const val = get(src.c, src.key);
        if (path === undefined) throw new KustomizeError('copy operation failed to decode path');
        const dst = need(findObject(root, path), `copy operation does not apply: doc is missing destination path: ${path}`);
        add(dst.c, dst.key, deepClone(val ?? null), path);
        break;
      }
      case 'test': {
        if (path === undefined) throw new KustomizeError('test operation failed to decode path');
        let actual: YValue | undefined;
        if (path === '') actual = root;
        else {
          const f = need(findObject(root, path), `test operation does not apply: is missing path: ${path}`);
          actual = get(f.c, f.key);
        }
        const want = op.value;
        if (actual === undefined || actual === null) {
          if (want === undefined) break;
          throw new KustomizeError(`testing value ${path} failed`);
        }
        if (want === undefined || !deepEqual(actual, want)) throw new KustomizeError(`testing value ${path} failed`);
        break;
      }
      default:
        throw new KustomizeError(`Unexpected kind: ${op.op}`);
    }
  }
  if (!isMap(root)) throw new KustomizeError('a JSON patch may not turn a resource into a list');
  return root;
}
