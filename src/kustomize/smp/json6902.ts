// RFC 6902 JSON patches as evanphx/json-patch v4 applies them (kustomize's JSON patch library).
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { deepClone, deepEqual, isMap } from '../value.js';

export interface Operation {
  op: string;
  path?: string;
  from?: string;
  value?: YValue;
  hasValue: boolean;
}

/** Decodes a list of operations (already parsed from JSON or YAML). */
export function decodeOps(v: YValue): Operation[] {
  if (!Array.isArray(v)) throw new KustomizeError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return v.map((o, i) => {
    if (!isMap(o)) throw new KustomizeError(`json patch operation ${i} is not an object`);
    const op: Operation = { op: typeof o['op'] === 'string' ? o['op'] : '', hasValue: 'value' in o };
    if (typeof o['path'] === 'string') op.path = o['path'];
    if (typeof o['from'] === 'string') op.from = o['from'];
    if ('value' in o) op.value = o['value'] as YValue;
    return op;
  });
}

function parts(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new KustomizeError(`invalid JSON pointer '${pointer}'`);
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = YMap | YValue[];

/** The container holding the last path element, and that element's key. */
function parent(doc: YValue, pointer: string): { c: Container; key: string } {
  const ps = parts(pointer);
  if (ps.length === 0) throw new KustomizeError(`doc is missing path: "${pointer}"`);
  let cur: YValue | undefined = doc;
  for (const p of ps.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = index(p, cur.length, false);
      cur = cur[i];
    } else if (isMap(cur)) {
      cur = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
    } else cur = undefined;
    if (cur === undefined) throw new KustomizeError(`doc is missing path: "${pointer}"`);
  }
  if (!Array.isArray(cur) && !isMap(cur)) throw new KustomizeError(`doc is missing path: "${pointer}"`);
  return { c: cur, key: ps[ps.length - 1] as string };
}

function index(key: string, len: number, forAdd: boolean): number {
  if (!/^-?\d+$/.test(key)) throw new KustomizeError(`Unable to access invalid index: ${key}`);
  let i = Number(key);
  if (i < 0) {
    if (-i > len) throw new KustomizeError(`Unable to access invalid index: ${i}`);
    i += len;
  }
  if (i > len || (!forAdd && i === len)) throw new KustomizeError(`Unable to access invalid index: ${i}`);
  return i;
}

function get(doc: YValue, pointer: string): YValue {
  if (pointer === '') return doc;
  const { c, key } = parent(doc, pointer);
  if (Array.isArray(c)) return c[index(key, c.length, false)] as YValue;
  if (!Object.prototype.hasOwnProperty.call(c, key)) throw new KustomizeError(`doc is missing key: ${pointer}`);
  return c[key] as YValue;
}

function add(doc: YValue, pointer: string, value: YValue): void {
  const { c, key } = parent(doc, pointer);
  if (Array.isArray(c)) {
    if (key === '-') c.push(value);
    else c.splice(index(key, c.length, true), 0, value);
  } else c[key] = value;
}

function remove(doc: YValue, pointer: string): YValue {
  const { c, key } = parent(doc, pointer);
  if (Array.isArray(c)) {
    const i = index(key, c.length, false);
    return c.splice(i, 1)[0] as YValue;
  }
  if (!Object.prototype.hasOwnProperty.call(c, key)) {
    throw new KustomizeError(`remove operation does not apply: doc is missing path: "${pointer}"`);
  }
  const v = c[key] as YValue;
  delete c[key];
  return v;
}

function replace(doc: YValue, pointer: string, value: YValue): void {
  const { c, key } = parent(doc, pointer);
  if (Array.isArray(c)) {
    c[index(key, c.length, false)] = value;
    return;
  }
  if (!Object.prototype.hasOwnProperty.call(c, key)) {
    throw new KustomizeError(`replace operation does not apply: doc is missing key: ${pointer}`);
  }
  c[key] = value;
}

/** Applies the operations to `doc` in place (the whole document cannot be replaced, as in kustomize). */
export function applyJsonPatch(doc: YMap, ops: Operation[]): void {
  for (const op of ops) {
    const path = op.path ?? '';
    switch (op.op) {
      case 'add':
        add(doc, path, deepClone(op.value ?? null));
        break;
      case 'remove':
        remove(doc, path);
        break;
      case 'replace':
        replace(doc, path, deepClone(op.value ?? null));
        break;
      case 'move': {
        const v = remove(doc, op.from ?? '');
        add(doc, path, v);
        break;
      }
      case 'copy':
        add(doc, path, deepClone(get(doc, op.from ?? '')));
        break;
      case 'test': {
        let actual: YValue | undefined;
        try {
          actual = get(doc, path);
        } catch {
          actual = undefined;
        }
        if (!deepEqual(actual ?? null, op.value ?? null)) throw new KustomizeError(`testing value ${path} failed`);
        break;
      }
      default:
        throw new KustomizeError(`Unexpected kind: ${op.op}`);
    }
  }
}
