// Strategic merge of a patch into an object, as kyaml's merge2 walker does it with kustomize's options (list items
// from the patch first, no inferred merge keys). Lists merge by key only where the built-in schema says so; all
// other lists, and every list under a custom resource, are replaced by the patch's list.
import { resolvePlain } from '../../io/scalar-rules.js';
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { elementSchema, fieldSchema, mergeKeys, mergesByKey, schemaForType } from '../schema/smp-schema.js';
import type { MiniSchema } from '../schema/smp-schema.js';
import { isEmptyNull, isMap, scalarText, typeName } from '../value.js';
import { listDirective, mapDirective } from './directives.js';
import { elementKeyValues, findElement, setElement } from './elements.js';

/** A null that survives the merge (an explicit `null` in the object the patch did not touch). */
const KEEP_NULL = Symbol('keep-null');
type Out = YValue | undefined | typeof KEEP_NULL;

type Kind = 'map' | 'seq' | 'scalar' | 'none';

function kindOf(v: YValue | undefined): Kind {
  if (v === undefined || v === null) return 'none';
  if (Array.isArray(v)) return 'seq';
  if (isMap(v)) return 'map';
  return 'scalar';
}

function schemaByMeta(...nodes: (YValue | undefined)[]): MiniSchema | null {
  for (const n of nodes) {
    if (!isMap(n)) continue;
    const kind = n['kind'];
    const av = n['apiVersion'];
    if (typeof kind !== 'string' || typeof av !== 'string' || !kind || !av) continue;
    const s = schemaForType(av, kind);
    if (s) return s;
  }
  return null;
}

function walk(
  dest: YValue | undefined,
  origin: YValue | undefined,
  schema: MiniSchema | null,
  path: string[],
  emptyNull = false,
): Out {
  if (!schema) schema = schemaByMeta(dest, origin);
  const kd = kindOf(dest);
  const kind = kd !== 'none' ? kd : kindOf(origin);
  for (const s of [dest, origin]) {
    const k = kindOf(s);
    if (k !== 'none' && k !== kind) {
      throw new KustomizeError(
        `wrong node kind at '${path.join('.')}': the patch has ${typeName(origin)} where the resource has ${typeName(dest)}`,
      );
    }
  }
  switch (kind) {
    case 'map':
    case 'none':
      return walkMap(dest, origin, schema, path, emptyNull);
    case 'seq':
      return mergesByKey(schema)
        ? walkAssociative(dest as YValue[] | undefined | null, origin, schema as MiniSchema, path)
        : origin !== undefined
          ? origin
          : dest;
    default:
      return origin !== undefined ? origin : dest;
  }
}

function visitMap(dest: YValue | undefined, origin: YValue | undefined, emptyNull: boolean): Out {
  if (dest === undefined || dest === null) {
    let d: string;
    try {
      d = isMap(origin) ? mapDirective(origin) : 'merge';
    } catch {
      d = 'merge';
    }
    if (d === 'delete') return undefined;
    if (origin === undefined && dest === null && !emptyNull) return KEEP_NULL;
    return origin;
  }
  if (origin === null) return undefined;
  const d = mapDirective(origin);
  if (d === 'delete') return undefined;
  if (d === 'replace') return origin;
  return dest;
}

function walkMap(
  dest: YValue | undefined,
  origin: YValue | undefined,
  schema: MiniSchema | null,
  path: string[],
  emptyNull = false,
): Out {
  const r = visitMap(dest, origin, emptyNull);
  if (r === undefined || r === KEEP_NULL || !isMap(r)) return r;
  const o = isMap(origin) ? origin : undefined;
  const keys = new Set(Object.keys(r));
  if (o) for (const k of Object.keys(o)) keys.add(k);
  for (const key of [...keys].sort()) {
    const d = Object.prototype.hasOwnProperty.call(r, key) ? r[key] : undefined;
    const p = o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
    const sub = walk(d, p, schema ? fieldSchema(schema, key) : null, [...path, key], d === null && isEmptyNull(r, key));
    if (sub === undefined || sub === null) delete (r as YMap)[key];
    else (r as YMap)[key] = sub === KEEP_NULL ? null : sub;
  }
  return r;
}

function visitList(dest: YValue[] | undefined | null, origin: YValue | undefined): Out {
  if (dest === undefined || dest === null) return origin;
  if (origin === null) return undefined;
  const d = Array.isArray(origin) ? listDirective(origin) : 'merge';
  if (d === 'delete') return undefined;
  if (d === 'replace') return origin;
  return dest;
}

/** kyaml's validateKeys: keep only the keys some element actually has a value for. */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i] as string));
  if (valid.size === 0) return [keys, values];
  const vk = keys.filter((k) => valid.has(k));
  const vv = values.filter((v, i) => v !== '' || valid.has(keys[i] as string));
  return [vk, vv];
}

function match(a: string[], b: string[]): [boolean, string[]] {
  if (a.length !== b.length) return [false, []];
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) {
      common = true;
      res.push(x);
      continue;
    }
    if (x !== '' && y !== '') return [false, []];
    res.push(x !== '' ? x : y);
  }
  return [common, res];
}

function mergeValues(list: string[][]): string[][] {
  for (let i = 0; i < list.length; i++) {
    const v1 = list[i] as string[];
    for (let j = 0; j < list.length; j++) {
      const [ok, vals] = match(v1, list[j] as string[]);
      if (ok) {
        list[i] = vals;
        list[j] = vals;
      }
    }
  }
  return list;
}

function uniqueValues(lists: string[][][]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const l of lists) {
    for (const v of l) {
      if (v.length === 0) continue;
      const k = JSON.stringify(v);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function walkAssociative(dest: YValue[] | undefined | null, origin: YValue | undefined, schema: MiniSchema, path: string[]): Out {
  const r = visitList(dest, origin);
  if (!Array.isArray(r)) return r;
  const list = r;
  const patch = Array.isArray(origin) ? origin : undefined;
  const keys = mergeKeys(schema);
  const sources = [patch, list];
  if (keys.length > 0) {
    const values = uniqueValues(sources.map((s) => elementKeyValues(s, keys)));
    return setElements(values, keys, list, patch, schema, path);
  }
  const prim = uniqueValues(sources.map((s) => (Array.isArray(s) ? s.map((e) => [scalarText(e)]) : [])));
  return setElements(prim, [''], list, patch, schema, path);
}

function setElements(
  valuesList: string[][],
  keys: string[],
  dest: YValue[],
  patch: YValue[] | undefined,
  schema: MiniSchema,
  path: string[],
): Out {
  let items: YValue[] = [];
  const elSchema = elementSchema(schema);
  if (keys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys: string[] = keys;
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [lk, lv] = validateKeys([validValues], validValues, validKeys);
    const val = walk(findElement(dest, lk, lv), findElement(patch, lk, lv), elSchema, path);
    const result = val === KEEP_NULL ? null : val;
    let exit = false;
    for (let i = 0; i < validKeys.length; i++) {
      if (result === undefined || result === null || (isMap(result) && Object.keys(result).length === 0)) {
        dest = setElement(dest, undefined, validKeys, validValues);
        exit = true;
      } else if (isMap(result) && !Object.prototype.hasOwnProperty.call(result, validKeys[i] as string) && validValues[i] !== '') {
        result[validKeys[i] as string] = resolvePlain(validValues[i] as string);
      }
    }
    if (exit) continue;
    items = setElement(items, result, validKeys, validValues);
  }
  if (valuesList.length > 0) dest = appendList(items, dest, validKeys);
  return dest;
}

/** kyaml appendListNode: the original elements go into the merged list (replacing their merged copies). */
function appendList(dst: YValue[], src: YValue[], keys: string[]): YValue[] {
  for (const el of src) {
    if (keys[0] === '') {
      dst = setElement(dst, el, [''], [scalarText(el)]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      if (!isMap(el)) throw new KustomizeError(`wrong node kind: expected a map list element with field '${key}'`);
      if (!Object.prototype.hasOwnProperty.call(el, key)) {
        dst = [...dst, el];
        continue;
      }
      v.push(scalarText(el[key]));
    }
    if (keys.length > 1) dst = setElement(dst, undefined, keys, v);
    dst = setElement(dst, el, keys, v);
  }
  return dst;
}

/**
 * Merges `patch` into `obj` (both are consumed: the result shares their nodes). Returns undefined when the patch
 * deletes the object.
 */
export function strategicMerge(obj: YMap, patch: YMap): YMap | undefined {
  const out = walk(obj, patch, null, []);
  if (out === undefined || out === KEEP_NULL || out === null) return undefined;
  if (!isMap(out)) throw new KustomizeError('strategic merge produced a non-map object');
  return out;
}
