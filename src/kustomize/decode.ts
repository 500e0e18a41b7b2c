// A strict decoder from YAML values to typed records, like Go's encoding/json with DisallowUnknownFields: field
// names match case-insensitively, unknown fields and wrong types are errors, null leaves the zero value.
import type { YMap, YValue } from '../core/resource.js';
import { isMap, scalarText } from './value.js';

export class DecodeError extends Error {}

export type Decoder<T> = (v: YValue | undefined, path: string) => T;

function kindOf(v: YValue): string {
  if (Array.isArray(v)) return 'array';
  if (isMap(v)) return 'object';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  return 'string';
}

function wrong(v: YValue, path: string, want: string): never {
  throw new DecodeError(`cannot unmarshal ${kindOf(v)} into field ${path} of type ${want}`);
}

export const str: Decoder<string> = (v, path) => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') wrong(v, path, 'string');
  return v;
};

export const bool: Decoder<boolean> = (v, path) => {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') wrong(v, path, 'bool');
  return v;
};

export const int: Decoder<number> = (v, path) => {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) wrong(v, path, 'int');
  return v;
};

export function list<T>(item: Decoder<T>): Decoder<T[]> {
  return (v, path) => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) wrong(v, path, 'list');
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

export const strList = list(str);

export const strMap: Decoder<Record<string, string>> = (v, path) => {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  if (!isMap(v)) wrong(v, path, 'map[string]string');
  for (const k of Object.keys(v)) out[k] = str(v[k], `${path}.${k}`);
  return out;
};

export const boolMap: Decoder<Record<string, boolean>> = (v, path) => {
  const out: Record<string, boolean> = {};
  if (v === undefined || v === null) return out;
  if (!isMap(v)) wrong(v, path, 'map[string]bool');
  for (const k of Object.keys(v)) out[k] = bool(v[k], `${path}.${k}`);
  return out;
};

/** Any value kept as is (fields whose content another stage interprets). */
export const raw: Decoder<YValue | undefined> = (v) => v;

type Fields<T> = { [K in keyof T]-?: Decoder<T[K]> };

/** A field a lenient decode skipped: the mapping it is in, its key, and the names that mapping knows. */
export interface SkippedField {
  container: YMap;
  key: string;
  /** The decoder's path of the mapping (`''` for the top, `patches[0].target`). */
  path: string;
  known: string[];
}

// Set while decodeLenient runs (decoding is synchronous): where strict struct decoders put unknown fields.
let skipped: SkippedField[] | undefined;

/**
 * Decodes like Go's encoding/json without DisallowUnknownFields (sigs.k8s.io/yaml's Unmarshal): unknown fields at
 * any depth are skipped and listed instead of failing; a wrong type still throws.
 */
export function decodeLenient<T>(d: Decoder<T>, v: YValue | undefined): { value: T; skipped: SkippedField[] } {
  const outer = skipped;
  const mine: SkippedField[] = [];
  skipped = mine;
  try {
    return { value: d(v, ''), skipped: mine };
  } finally {
    skipped = outer;
  }
}

/**
 * A struct decoder. `names` maps each field to its YAML key (defaults to the field name); keys match like Go's
 * encoding/json: exact first, then case-insensitively.
 */
export function struct<T>(
  fields: Fields<T>,
  names: Partial<Record<keyof T, string>> = {},
  opts: { strict?: boolean } = {},
): Decoder<T> {
  const strict = opts.strict ?? true;
  const byKey = new Map<string, keyof T>();
  const byFold = new Map<string, keyof T>();
  for (const f of Object.keys(fields) as (keyof T)[]) {
    const key = names[f] ?? (f as string);
    byKey.set(key, f);
    byFold.set(key.toLowerCase(), f);
  }
  return (v, path) => {
    const out = {} as T;
    const given: Partial<Record<keyof T, YValue>> = {};
    if (v !== undefined && v !== null) {
      if (!isMap(v)) wrong(v, path || 'root', 'object');
      for (const k of Object.keys(v)) {
        const f = byKey.get(k) ?? byFold.get(k.toLowerCase());
        if (f === undefined) {
          if (!strict) continue;
          if (skipped) {
            skipped.push({ container: v, key: k, path, known: [...byKey.keys()] });
            continue;
          }
          throw new DecodeError(`unknown field "${path ? path + '.' : ''}${k}"`);
        }
        given[f] = (v as YMap)[k] as YValue;
      }
    }
    for (const f of Object.keys(fields) as (keyof T)[]) {
      const key = names[f] ?? (f as string);
      out[f] = fields[f](given[f], path ? `${path}.${key}` : key);
    }
    return out;
  };
}

/** Like `struct` but absent (undefined/null) decodes to undefined. */
export function optional<T>(d: Decoder<T>): Decoder<T | undefined> {
  return (v, path) => (v === undefined || v === null ? undefined : d(v, path));
}

/** Text of a scalar for messages. */
export function show(v: YValue | undefined): string {
  return scalarText(v);
}
