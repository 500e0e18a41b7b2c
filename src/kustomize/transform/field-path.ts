// Replacement field paths: `spec.containers.[name=app].image`, numeric indexes, `*`; looked up on a source and
// matched (or created) on targets, as kyaml's PathGetter and PathMatcher do.
import { resolvePlain } from '../../io/scalar-rules.js';
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { splitPath } from '../fieldspec.js';
import { goRegExp } from '../go-regexp.js';
import type { FieldOptions } from '../types.js';
import { deepClone, isMap, scalarText } from '../value.js';

/** kustomize's SmarterPathSplitter: dots split, but not inside `[...=...]`. */
export function splitFieldPath(path: string): string[] {
  const split = splitPath(path, '.');
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const elem = split[i] as string;
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const parts = [elem];
      while (i < split.length - 1) {
        i++;
        parts.push(split[i] as string);
        if ((split[i] as string).endsWith(']')) break;
      }
      const joined = parts.join('.');
      out.push(joined.includes('=') ? joined : joined.replace(/^\[+|\]+$/g, ''));
    } else out.push(elem);
  }
  return out;
}

/** Source lookup (kyaml PathGetter): fields, `[k=v]` first match, numeric index, `-` for the last element. */
export function lookup(node: YValue | undefined, path: string[]): YValue | undefined {
  let cur = node;
  for (const raw of path.map((p) => p.trim()).filter((p) => p !== '')) {
    if (cur === undefined || cur === null) return undefined;
    if (/^-?\d+$/.test(raw) || raw === '-') {
      if (!Array.isArray(cur)) throw new KustomizeError(`expected a list at '${raw}'`);
      const i = raw === '-' ? cur.length - 1 : Number(raw);
      if (i < 0 && raw !== '-') throw new KustomizeError(`array index ${i} cannot be negative`);
      cur = cur[i];
    } else if (raw === '*') {
      throw new KustomizeError('wildcard is not supported in a replacement source');
    } else if (raw.startsWith('[') && raw.endsWith(']')) {
      const [k, v] = splitIndex(raw);
      if (!Array.isArray(cur)) throw new KustomizeError(`expected a list at '${raw}'`);
      cur = k === '' ? cur.find((e) => isScalarVal(e) && scalarText(e) === v) : cur.find((e) => isMap(e) && has(e, k) && scalarText(e[k]) === v);
    } else {
      if (!isMap(cur)) throw new KustomizeError(`expected a map at '${raw}'`);
      cur = has(cur, raw) ? cur[raw] : undefined;
    }
  }
  return cur;
}

const has = (m: YMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);
const isScalarVal = (v: YValue | undefined) => v === null || (v !== undefined && typeof v !== 'object');

function splitIndex(p: string): [string, string] {
  const inner = p.replace(/^\[/, '').replace(/\]$/, '');
  const i = inner.indexOf('=');
  if (i < 0) throw new KustomizeError('list path element must contain fieldName=fieldValue for element to match');
  return [inner.slice(0, i), inner.slice(i + 1)];
}

/** A scalar keeps its YAML type when only its text changes (kyaml sets Node.Value, the tag stays). */
export function retype(old: YValue, text: string): YValue {
  if (typeof old === 'number') {
    const n = resolvePlain(text);
    return typeof n === 'number' || typeof n === 'bigint' ? n : text;
  }
  if (typeof old === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (typeof old === 'bigint') {
    const n = resolvePlain(text);
    return typeof n === 'number' || typeof n === 'bigint' ? n : text;
  }
  return text;
}

export type Kind = 'map' | 'seq' | 'scalar';
export const kindOf = (v: YValue): Kind => (Array.isArray(v) ? 'seq' : isMap(v) ? 'map' : 'scalar');

interface Slot {
  holder: YMap | YValue[];
  key: string | number;
  created: boolean;
}

/** Target lookup (kyaml PathMatcher): every field the path reaches, creating it when `create` is set. */
export function matchPath(holder: YMap | YValue[], key: string | number, path: string[], create: Kind | null, created: boolean): Slot[] {
  if (path.length === 0) return [{ holder, key, created }];
  const node = (holder as Record<string | number, YValue>)[key] as YValue;
  const [part, ...rest] = path as [string, ...string[]];
  const nextKind = (): Kind => {
    const n = rest[0];
    if (n === undefined) return create as Kind;
    if ((n.startsWith('[') && n.endsWith(']')) || /^\d+$/.test(n)) return 'seq';
    return 'map';
  };
  const empty = (k: Kind): YValue => (k === 'map' ? {} : k === 'seq' ? [] : '');
  if (/^\d+$/.test(part)) {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '${part}'`);
    const idx = Number(part);
    let made = false;
    if (node.length === idx && create) {
      node.push(empty(nextKind()));
      made = true;
    }
    if (node.length < idx + 1) throw new KustomizeError(`index ${idx} specified but only ${node.length} elements found`);
    return matchPath(node, idx, rest, create, made);
  }
  if (part.startsWith('[') && part.endsWith(']')) {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '${part}'`);
    const [field, pattern] = splitIndex(part);
    const re = goRegExp(pattern, false);
    const collect = (): Slot[] => {
      const out: Slot[] = [];
      node.forEach((el, i) => {
        if (field === '') {
          if (re.test(scalarText(el))) out.push(...matchPath(node, i, rest, create, false));
        } else if (isMap(el) && has(el, field) && el[field] !== null && re.test(scalarText(el[field]))) {
          out.push(...matchPath(node, i, rest, create, false));
        }
      });
      return out;
    };
    const found = collect();
    if (found.length || !create) return found;
    const v = resolvePlain(pattern) ?? pattern;
    node.push(field === '' ? v : { [field]: v });
    return collect();
  }
  if (part === '*') {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '*'`);
    return node.flatMap((_, i) => matchPath(node, i, rest, create, false));
  }
  if (!isMap(node)) throw new KustomizeError(`expected a map at '${part}', found ${node === null ? 'null' : typeof node}`);
  if (!has(node, part)) {
    if (!create) return [];
    node[part] = empty(nextKind());
    return matchPath(node, part, rest, create, true);
  }
  return matchPath(node, part, rest, create, false);
}

export function setValue(slot: Slot, value: YValue, opts: FieldOptions | undefined): void {
  const h = slot.holder as Record<string | number, YValue>;
  const cur = h[slot.key] as YValue;
  let text = scalarText(value);
  if (opts && opts.delimiter) {
    if (cur !== null && typeof cur === 'object') throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const tv = scalarText(cur).split(opts.delimiter);
    if (opts.index < 0) tv.unshift(text);
    else if (opts.index >= tv.length) tv.push(text);
    else tv[opts.index] = text;
    text = tv.join(opts.delimiter);
    value = retype(value, text);
  }
  if (cur === null || typeof cur !== 'object') {
    if (slot.created) h[slot.key] = resolvePlain(text) ?? (text === '' ? '' : text);
    else if (cur === null) h[slot.key] = text;
    else h[slot.key] = retype(cur, text);
  } else h[slot.key] = deepClone(value);
}

