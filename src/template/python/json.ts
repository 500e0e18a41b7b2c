// json.dumps(obj, sort_keys=True, indent=…) as Jinja's tojson uses it (ensure_ascii, Python's separators,
// float repr, NaN/Infinity, key coercion and errors), with the other json.dumps options a json.dumps_kwargs policy
// may set.
import type { Value } from '../runtime/values.js';
import { Markup, pyError, pyTypeName } from '../runtime/values.js';
import { floatRepr } from './float-digits.js';
import { intStr } from './repr.js';
import { sortIndexes } from './sort.js';
import { compare, eq } from './compare.js';
import { tuple } from '../runtime/values.js';

/** A JSON string literal; with ensureAscii false (json.dumps ensure_ascii=False) only quotes, backslashes and controls are escaped. */
export function jsonString(s: string, ensureAscii = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function floatJson(x: number, allowNan = true): string {
  if (!allowNan && !Number.isFinite(x)) throw pyError('ValueError', 'Out of range float values are not JSON compliant');
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return floatRepr(x);
}

/** The key as JSON text, or null to skip it (skipkeys). */
function keyString(k: Value, opts: JsonOptions): string | null {
  if (typeof k === 'string') return k;
  if (k instanceof Markup) return k.s;
  if (typeof k === 'number') return floatJson(k, opts.allowNan);
  if (k === true) return 'true';
  if (k === false) return 'false';
  if (k === null) return 'null';
  if (typeof k === 'bigint') return intStr(k);
  if (opts.skipKeys) return null;
  throw pyError('TypeError', `keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

export interface JsonOptions {
  sortKeys: boolean;
  /** null: compact one-line output with `, ` and `: `. */
  indent: string | null;
  /** [item, key] separators (default `, ` and `: `; `,` and `: ` with an indent). */
  separators?: readonly [string, string];
  /** false: non-ASCII text is written as it is (default true: \uXXXX). */
  ensureAscii?: boolean;
  /** false: NaN and infinities are a ValueError (default true). */
  allowNan?: boolean;
  /** true: dict keys of other types are left out (default: TypeError). */
  skipKeys?: boolean;
  /** Called with a value JSON has no form for; what it returns is encoded instead (json.dumps default=). */
  default?: (v: Value) => Value;
}

export function jsonDumps(v: Value, opts: JsonOptions): string {
  const active = new Set<object>();
  const itemSep = opts.separators?.[0] ?? (opts.indent === null ? ', ' : ',');
  const keySep = opts.separators?.[1] ?? ': ';
  const ascii = opts.ensureAscii ?? true;
  const enc = (x: Value, level: number): string => {
    if (x === null) return 'null';
    if (x === true) return 'true';
    if (x === false) return 'false';
    if (typeof x === 'string') return jsonString(x, ascii);
    if (x instanceof Markup) return jsonString(x.s, ascii);
    if (typeof x === 'bigint') return intStr(x);
    if (typeof x === 'number') return floatJson(x, opts.allowNan);
    const nl = (l: number): string => (opts.indent === null ? '' : '\n' + opts.indent.repeat(l));
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      if (active.has(x)) throw pyError('ValueError', 'Circular reference detected');
      active.add(x);
      const parts = x.map((item) => enc(item, level + 1));
      active.delete(x);
      return '[' + nl(level + 1) + parts.join(itemSep + nl(level + 1)) + nl(level) + ']';
    }
    if (x instanceof Map) {
      if (x.size === 0) return '{}';
      if (active.has(x)) throw pyError('ValueError', 'Circular reference detected');
      active.add(x);
      let entries = [...x];
      if (opts.sortKeys) {
        // sorted(d.items()): (key, value) tuples compared element-wise
        const tuples = entries.map(([k, val]) => tuple([k, val]));
        entries = sortIndexes(tuples, false, (a, b) => tupleLess(a as readonly Value[], b as readonly Value[])).map((i) => entries[i]!);
      }
      const parts: string[] = [];
      for (const [k, val] of entries) {
        const key = keyString(k, opts);
        if (key !== null) parts.push(`${jsonString(key, ascii)}${keySep}${enc(val, level + 1)}`);
      }
      active.delete(x);
      return '{' + nl(level + 1) + parts.join(itemSep + nl(level + 1)) + nl(level) + '}';
    }
    if (opts.default) {
      const box = x as object;
      if (active.has(box)) throw pyError('ValueError', 'Circular reference detected');
      active.add(box);
      const out = enc(opts.default(x), level);
      active.delete(box);
      return out;
    }
    throw pyError('TypeError', `Object of type ${pyTypeName(x)} is not JSON serializable`);
  };
  return enc(v, 0);
}

function tupleLess(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i] || eq(a[i], b[i])) continue;
    return compare('<', a[i], b[i]);
  }
  return a.length < b.length;
}

