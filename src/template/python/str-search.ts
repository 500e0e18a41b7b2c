// str search and split methods (find, count, replace, split, strip, startswith…) on code-point indexes.
import type { Value } from '../runtime/values.js';
import { isTuple, pyError } from '../runtime/values.js';
import { adjustRange, sliceArg, strArg } from './args.js';
import { LINE_BREAKS, isWs } from './str-case.js';
import { cpLength, isSimple } from './text.js';

/** Maps between code-point and UTF-16 indexes of one string. */
class Indexer {
  readonly len: number;
  private readonly offsets: number[] | null;
  constructor(readonly s: string) {
    if (isSimple(s)) {
      this.offsets = null;
      this.len = s.length;
    } else {
      const offs: number[] = [];
      let u = 0;
      for (const ch of s) {
        offs.push(u);
        u += ch.length;
      }
      offs.push(u);
      this.offsets = offs;
      this.len = offs.length - 1;
    }
  }
  unit(cp: number): number {
    return this.offsets ? this.offsets[cp]! : cp;
  }
  cp(unit: number): number {
    if (!this.offsets) return unit;
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid]! < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const mustBeStr = (t: string): string => `must be str, not ${t}`;

export function find(s: string, subV: Value, startV: Value | undefined, endV: Value | undefined, fromRight: boolean): number {
  // the start/end converters run while the arguments are parsed, before the substring's type is checked
  const startArg = sliceArg(startV, null);
  const endArg = sliceArg(endV, null);
  const sub = strArg(subV, mustBeStr);
  const ix = new Indexer(s);
  const [st, en] = adjustRange(startArg, endArg, ix.len);
  if (en - st < cpLength(sub)) return -1;
  const us = ix.unit(st);
  const ue = ix.unit(en);
  const hay = s.slice(0, ue);
  const i = fromRight ? hay.lastIndexOf(sub) : hay.indexOf(sub, us);
  if (i < 0 || i < us) return -1;
  return ix.cp(i);
}

export function count(s: string, subV: Value, startV: Value | undefined, endV: Value | undefined): number {
  const startArg = sliceArg(startV, null);
  const endArg = sliceArg(endV, null);
  const sub = strArg(subV, mustBeStr);
  const ix = new Indexer(s);
  const [st, en] = adjustRange(startArg, endArg, ix.len);
  if (en - st < cpLength(sub)) return 0;
  if (sub === '') return en - st + 1;
  const hay = s.slice(ix.unit(st), ix.unit(en));
  let n = 0;
  for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) n++;
  return n;
}

export function replace(s: string, old: string, repl: string, count: number): string {
  if (count < 0) count = Infinity;
  if (count === 0) return s;
  if (old === '') {
    const chars = [...s];
    let out = '';
    let n = 0;
    for (const ch of chars) {
      if (n < count) {
        out += repl;
        n++;
      }
      out += ch;
    }
    if (n < count) out += repl;
    return out;
  }
  if (count === Infinity) return s.split(old).join(repl);
  let out = '';
  let pos = 0;
  for (let n = 0; n < count; n++) {
    const i = s.indexOf(old, pos);
    if (i < 0) break;
    out += s.slice(pos, i) + repl;
    pos = i + old.length;
  }
  return out + s.slice(pos);
}

export function startsOrEndsWith(
  name: 'startswith' | 'endswith',
  s: string,
  prefix: Value,
  startV: Value | undefined,
  endV: Value | undefined,
): boolean {
  const ix = new Indexer(s);
  const startArg = sliceArg(startV, null);
  const endArg = sliceArg(endV, null);
  const test = (p: string): boolean => {
    const [st, en] = adjustRange(startArg, endArg, ix.len);
    const plen = cpLength(p);
    if (st > ix.len) return false;
    if (en - st < plen) return false;
    const seg = s.slice(ix.unit(st), ix.unit(en));
    return name === 'startswith' ? seg.startsWith(p) : seg.endsWith(p);
  };
  if (isTuple(prefix)) {
    for (const p of prefix) {
      const ps = strArg(p, (t) => `tuple for ${name} must only contain str, not ${t}`);
      if (test(ps)) return true;
    }
    return false;
  }
  const ps = strArg(prefix, (t) => `${name} first arg must be str or a tuple of str, not ${t}`);
  return test(ps);
}

/** str.split / str.rsplit. */
export function split(s: string, sep: string | null, maxsplit: number, fromRight: boolean): string[] {
  if (maxsplit < 0) maxsplit = Infinity;
  if (sep === null) return fromRight ? rsplitWs(s, maxsplit) : splitWs(s, maxsplit);
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const parts = s.split(sep);
  if (parts.length - 1 <= maxsplit) return parts;
  if (!fromRight) return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

function splitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  const chars = [...s];
  let i = 0;
  const n = chars.length;
  while (i < n) {
    while (i < n && isWs(chars[i]!)) i++;
    if (i >= n) break;
    if (out.length >= maxsplit) {
      // the remainder keeps its trailing whitespace, as in Python
      out.push(chars.slice(i).join(''));
      return out;
    }
    const start = i;
    while (i < n && !isWs(chars[i]!)) i++;
    out.push(chars.slice(start, i).join(''));
  }
  return out;
}

function rsplitWs(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  const chars = [...s];
  let i = chars.length;
  while (i > 0) {
    while (i > 0 && isWs(chars[i - 1]!)) i--;
    if (i <= 0) break;
    if (out.length >= maxsplit) {
      out.push(chars.slice(0, i).join(''));
      break;
    }
    const end = i;
    while (i > 0 && !isWs(chars[i - 1]!)) i--;
    out.push(chars.slice(i, end).join(''));
  }
  return out.reverse();
}

export function splitlines(s: string, keepends: boolean): string[] {
  const out: string[] = [];
  let line = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (!LINE_BREAKS.has(ch)) {
      line += ch;
      continue;
    }
    let brk = ch;
    if (ch === '\r' && chars[i + 1] === '\n') {
      brk = '\r\n';
      i++;
    }
    out.push(keepends ? line + brk : line);
    line = '';
  }
  if (line !== '') out.push(line);
  return out;
}

/** strip/lstrip/rstrip with a character set (null: whitespace). */
export function strip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? null : new Set(chars);
  const drop = (ch: string): boolean => (set ? set.has(ch) : isWs(ch));
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && drop(cs[a]!)) a++;
  if (right) while (b > a && drop(cs[b - 1]!)) b--;
  return a === 0 && b === cs.length ? s : cs.slice(a, b).join('');
}

export function stripArg(name: string, v: Value | undefined): string | null {
  if (v === undefined || v === null) return null;
  return strArg(v, () => `${name} arg must be None or str`);
}

export function partition(s: string, sepV: Value, fromRight: boolean): [string, string, string] {
  const sep = strArg(sepV, mustBeStr);
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const i = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return fromRight ? ['', '', s] : [s, '', ''];
  return [s.slice(0, i), sep, s.slice(i + sep.length)];
}

export function expandtabs(s: string, tabsize: number): string {
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      if (tabsize > 0) {
        const n = tabsize - (col % tabsize);
        out += ' '.repeat(n);
        col += n;
      }
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

/** center/ljust/rjust fill character. */
export function fillArg(v: Value | undefined): string {
  if (v === undefined) return ' ';
  const f = strArg(v, (t) => `The fill character must be a unicode character, not ${t}`);
  if (cpLength(f) !== 1) throw pyError('TypeError', 'The fill character must be exactly one character long');
  return f;
}

export function pad(s: string, width: number, fill: string, how: 'center' | 'ljust' | 'rjust'): string {
  const n = cpLength(s);
  if (width <= n) return s;
  const marg = width - n;
  let left: number;
  if (how === 'ljust') left = 0;
  else if (how === 'rjust') left = marg;
  else left = Math.floor(marg / 2) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

export function zfill(s: string, width: number): string {
  const n = cpLength(s);
  if (width <= n) return s;
  const fill = '0'.repeat(width - n);
  if (s[0] === '+' || s[0] === '-') return s[0] + fill + s.slice(1);
  return fill + s;
}
