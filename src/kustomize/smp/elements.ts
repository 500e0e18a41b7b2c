// List element matching for associative lists (kyaml ElementSetter / ElementMatcher), on plain values. Elements are
// compared by the text of their merge-key fields; an empty wanted value matches any element that has the field.
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { isMap, scalarText } from '../value.js';

const has = (m: YMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);

function isNullish(v: YValue | undefined): boolean {
  return v === undefined || v === null;
}

function isEmptyMap(v: YValue | undefined): boolean {
  return isNullish(v) || (isMap(v) && Object.keys(v).length === 0);
}

/** kyaml FieldMatcher{Name, StringValue}: does `el` hold field `key` (with text `value`, when non-empty)? */
function fieldMatches(el: YValue, key: string, value: string): boolean {
  if (isNullish(el)) return false;
  if (key === '') {
    if (isMap(el) || Array.isArray(el)) throw new KustomizeError('wrong node kind: expected a scalar list element');
    return scalarText(el) === value;
  }
  if (!isMap(el)) throw new KustomizeError(`wrong node kind: expected a map list element with field '${key}'`);
  if (!has(el, key)) return false;
  return value === '' || scalarText(el[key]) === value;
}

/**
 * kyaml ElementSetter: drops null and empty-map elements, replaces every element matching keys/values with
 * `element` (or removes it when `element` is undefined), and appends `element` when nothing matched.
 */
export function setElement(list: YValue[], element: YValue | undefined, keys: string[], values: string[]): YValue[] {
  if (keys.length === 0) keys = [''];
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: YValue[] = [];
  let matched = false;
  for (const el of list) {
    if (isEmptyMap(el)) continue;
    if (!isMap(el) && mappingSetter) {
      out.push(el);
      continue;
    }
    let found = true;
    let last: boolean | undefined;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) last = fieldMatches(el, keys[j] as string, values[j] as string);
      if (!last) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) out.push(el);
      continue;
    }
    matched = true;
    if (element === undefined) continue;
    out.push(element);
  }
  if (element === undefined || element === null) return out;
  if (!matched) out.push(element);
  return out;
}

/** ElementSetter without an element: the list without the matching elements. */
export function removeMatching(list: YValue[], keys: string[], values: string[]): YValue[] {
  return setElement(list, undefined, keys, values);
}

/**
 * kyaml ElementMatcher: the first element whose key fields have exactly the given texts (an empty text matches
 * only an empty field, unlike ElementSetter's matching).
 */
export function findElement(list: YValue | undefined, keys: string[], values: string[]): YValue | undefined {
  if (!Array.isArray(list)) return undefined;
  if (keys.length === 0 || keys[0] === '') {
    const want = values[0] ?? '';
    return list.find((el) => (isMap(el) || Array.isArray(el) ? '' : scalarText(el)) === want);
  }
  if (keys.length !== values.length) throw new KustomizeError('length of keys must equal length of values');
  for (const el of list) {
    if (!isMap(el)) continue;
    if (keys.every((k, i) => has(el, k) && scalarText(el[k]) === values[i])) return el;
  }
  return undefined;
}

/** Texts of the key fields of each element ("" where missing or empty). */
export function elementKeyValues(list: YValue | undefined, keys: string[]): string[][] {
  if (!Array.isArray(list)) return [];
  return list.map((el) =>
    keys.map((k) => {
      if (!isMap(el) || !has(el, k)) return '';
      const v = el[k] as YValue;
      if (v === null || (isMap(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0)) return '';
      return scalarText(v);
    }),
  );
}
