// json.dumps(obj, sort_keys=True, indent=…) as Jinja's tojson uses it (ensure_ascii, Python's separators,
// float repr, NaN/Infinity, key coercion and errors).
import type { Value } from '../runtime/values.js';
import { Markup, pyError, pyTypeName } from '../runtime/values.js';
import { floatRepr } from './float-digits.js';
import { intStr } from './repr.js';
import { sortIndexes } from './sort.js';
import { compare, eq } from './compare.js';
import { tuple } from '../runtime/values.js';

export function jsonString(s: string): string {
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
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function floatJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return floatRepr(x);
}

function keyString(k: Value): string {
  if (typeof k === 'string') return k;
  if (k instanceof Markup) return k.s;
  if (typeof k === 'number') return floatJson(k);
  if (k === true) return 'true';
  if (k === false) return 'false';
  if (k === null) return 'null';
  if (typeof k === 'bigint') return intStr(k);
  throw pyError('TypeError', `keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

export interface JsonOptions {
  sortKeys: boolean;
  /** null: compact one-line output with `, ` and `: `. */
  indent: string | null;
}

export function jsonDumps(v: Value, opts: JsonOptions): string {
  const active = new Set<object>();
  const itemSep = opts.indent === null ? ', ' : ',';
  const enc = (x: Value, level: number): string => {
    if (x === null) return 'null';
    if (x === true) return 'true';
    if (x === false) return 'false';
    if (typeof x === 'string') return jsonString(x);
    if (x instanceof Markup) return jsonString(x.s);
    if (typeof x === 'bigint') return intStr(x);
    if (typeof x === 'number') return floatJson(x);
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
      const parts = entries.map(([k, val]) => `${jsonString(keyString(k))}: ${enc(val, level + 1)}`);
      active.delete(x);
      return '{' + nl(level + 1) + parts.join(itemSep + nl(level + 1)) + nl(level) + '}';
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

