// pprint.pformat(obj) (width 80, indent 1, sorted dicts): one line when it fits, else dicts, lists and tuples
// are broken item per line and long strings into adjacent literals.
import type { Value } from '../runtime/values.js';
import { isTuple } from '../runtime/values.js';
import { compare } from './compare.js';
import { isNamedTuple } from './named-tuple.js';
import { repr } from './repr.js';
import { sortIndexes } from './sort.js';
import { splitlines } from './str-search.js';
import { cpLength } from './text.js';
import { pyTypeQualName } from '../runtime/values.js';

const WIDTH = 80;

/** str(type(x)) as pprint's _safe_key falls back to when values don't order. */
const typeStr = (v: Value): string => `<class '${pyTypeQualName(v)}'>`;

function safeLess(a: Value, b: Value): boolean {
  try {
    return compare('<', a, b);
  } catch (e) {
    if ((e as { pyType?: string }).pyType !== 'TypeError') throw e;
    const ta = typeStr(a);
    const tb = typeStr(b);
    return ta < tb;
  }
}

function sortedItems(m: Map<Value, Value>): [Value, Value][] {
  const entries = [...m];
  const keys = entries.map(([k]) => k);
  return sortIndexes(keys, false, safeLess).map((i) => entries[i]!);
}

/** A plain dict/list/tuple (not a named tuple) — the types pprint knows how to break. */
const isPlainTuple = (v: Value): v is readonly Value[] => isTuple(v) && !isNamedTuple(v);

function safeRepr(v: Value): string {
  if (v instanceof Map) {
    if (v.size === 0) return '{}';
    return '{' + sortedItems(v).map(([k, x]) => `${safeRepr(k)}: ${safeRepr(x)}`).join(', ') + '}';
  }
  if (Array.isArray(v) && (!isTuple(v) || isPlainTuple(v))) {
    const items = v.map(safeRepr);
    if (!isTuple(v)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return repr(v);
}

class Printer {
  out = '';
  format(obj: Value, indent: number, allowance: number, level: number): void {
    const rep = safeRepr(obj);
    const maxWidth = WIDTH - indent - allowance;
    if (cpLength(rep) > maxWidth) {
      if (obj instanceof Map) return this.dict(obj, indent, allowance, level + 1);
      if (Array.isArray(obj) && !isTuple(obj)) return this.seq(obj, '[', ']', indent, allowance, level + 1);
      if (Array.isArray(obj) && isPlainTuple(obj)) {
        return this.seq(obj, '(', obj.length === 1 ? ',)' : ')', indent, allowance, level + 1);
      }
      if (typeof obj === 'string') return this.str(obj, indent, allowance, level + 1);
    }
    this.out += rep;
  }
  dict(obj: Map<Value, Value>, indent: number, allowance: number, level: number): void {
    this.out += '{';
    if (obj.size) {
      const items = sortedItems(obj);
      const ind = indent + 1;
      const delim = ',\n' + ' '.repeat(ind);
      items.forEach(([k, v], i) => {
        const last = i === items.length - 1;
        const rep = safeRepr(k);
        this.out += rep + ': ';
        this.format(v, ind + cpLength(rep) + 2, last ? allowance + 1 : 1, level);
        if (!last) this.out += delim;
      });
    }
    this.out += '}';
  }
  seq(items: readonly Value[], open: string, close: string, indent: number, allowance: number, level: number): void {
    this.out += open;
    const ind = indent + 1;
    const delim = ',\n' + ' '.repeat(ind);
    items.forEach((v, i) => {
      const last = i === items.length - 1;
      if (i > 0) this.out += delim;
      this.format(v, ind, last ? allowance + close.length : 1, level);
    });
    this.out += close;
  }
  str(s: string, indent: number, allowance: number, level: number): void {
    if (s.length === 0) {
      this.out += repr(s);
      return;
    }
    const chunks: string[] = [];
    const lines = splitlines(s, true);
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    let maxWidth1 = WIDTH - indent;
    const maxWidth = maxWidth1;
    let rep = '';
    lines.forEach((line, i) => {
      rep = repr(line);
      if (i === lines.length - 1) maxWidth1 -= allowance;
      if (cpLength(rep) <= maxWidth1) {
        chunks.push(rep);
        return;
      }
      const parts = line.match(/[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/gu)!.filter((p, j, all) => j < all.length - 1 || p !== '');
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
        if (cpLength(repr(candidate)) > maxWidth2) {
          if (current) chunks.push(repr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(repr(current));
    });
    if (chunks.length === 1) {
      this.out += rep;
      return;
    }
    if (level === 1) this.out += '(';
    chunks.forEach((c, i) => {
      if (i > 0) this.out += '\n' + ' '.repeat(indent);
      this.out += c;
    });
    if (level === 1) this.out += ')';
  }
}

export function pformat(v: Value): string {
  const p = new Printer();
  p.format(v, 0, 0, 0);
  return p.out;
}

