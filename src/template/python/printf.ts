// printf-style formatting: `str % args` (and Markup % args, which escapes the values it inserts).
import type { Value } from '../runtime/values.js';
import { Markup, PyError, Undefined, isStr, isTuple, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { asPyObject } from './protocol.js';
import { floatDigits, intDigits } from './number-format.js';
import { repr, str } from './repr.js';
import { subscript } from './sequence.js';
import { escape, escapeText } from './escape.js';
import { asciiEscape, cpLength, cpSlice } from './text.js';

interface ArgState {
  args: Value;
  arglen: number; // -1: a single non-tuple argument
  argidx: number;
  dict: Value | null;
}

function nextArg(st: ArgState): Value {
  if (st.argidx < st.arglen) {
    const i = st.argidx++;
    return st.arglen < 0 ? st.args : (st.args as readonly Value[])[i];
  }
  throw pyError('TypeError', 'not enough arguments for format string');
}

/** PyMapping_Check minus str/tuple: what `%(key)s` may look keys up in. */
function isMappingArg(v: Value): boolean {
  if (typeof v === 'string' || v instanceof Markup || isTuple(v)) return false;
  if (Array.isArray(v) || v instanceof Map || v instanceof Undefined) return true;
  return !!asPyObject(v)?.__getitem__;
}

/** `fmt % args`; with `markup`, inserted text is HTML-escaped (Markup.__mod__). */
export function percentFormat(fmt: string, args: Value, markup = false): string {
  const st: ArgState = isTuple(args)
    ? { args, arglen: args.length, argidx: 0, dict: null }
    : { args, arglen: -1, argidx: -2, dict: null };
  if (isMappingArg(args)) st.dict = args;
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    if (i >= n) throw pyError('ValueError', 'incomplete format');
    if (fmt[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    // mapping key
    if (fmt[i] === '(') {
      if (st.dict === null) throw pyError('TypeError', 'format requires a mapping');
      let depth = 1;
      const start = ++i;
      while (i < n && depth > 0) {
        if (fmt[i] === '(') depth++;
        else if (fmt[i] === ')') depth--;
        i++;
      }
      if (depth > 0) throw pyError('ValueError', 'incomplete format key');
      const key = fmt.slice(start, i - 1);
      st.args = subscript(st.dict, key);
      st.arglen = -1;
      st.argidx = -2;
    }
    // flags
    let left = false, plus = false, space = false, alt = false, zero = false;
    for (; i < n; i++) {
      const c = fmt[i];
      if (c === '-') left = true;
      else if (c === '+') plus = true;
      else if (c === ' ') space = true;
      else if (c === '#') alt = true;
      else if (c === '0') zero = true;
      else break;
    }
    // width
    let width = -1;
    if (fmt[i] === '*') {
      const w = nextArg(st);
      if (typeof w !== 'bigint' && typeof w !== 'boolean') throw pyError('TypeError', '* wants int');
      width = Number(w);
      if (width < 0) {
        left = true;
        width = -width;
      }
      i++;
    } else {
      const m = /^\d+/.exec(fmt.slice(i, i + 20));
      if (m) {
        width = Number(m[0]);
        i += m[0].length;
      }
    }
    // precision
    let prec = -1;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') {
        const p = nextArg(st);
        if (typeof p !== 'bigint' && typeof p !== 'boolean') throw pyError('TypeError', '* wants int');
        prec = Math.max(0, Number(p));
        i++;
      } else {
        const m = /^\d+/.exec(fmt.slice(i, i + 20));
        prec = m ? Number(m[0]) : 0;
        if (m) i += m[0].length;
      }
    }
    // length modifiers are accepted and ignored
    while (i < n && (fmt[i] === 'h' || fmt[i] === 'l' || fmt[i] === 'L')) i++;
    if (i >= n) throw pyError('ValueError', 'incomplete format');
    const type = String.fromCodePoint(fmt.codePointAt(i)!);
    i += type.length;
    // CPython fetches the argument before it validates the conversion character
    const v = nextArg(st);
    if (type === '%') throw unsupportedChar(fmt, i - 1, type);
    let sign = '';
    let body: string;
    let prefix = '';
    let numeric = true;
    switch (type) {
      case 's':
      case 'r':
      case 'a': {
        numeric = false;
        let s: string;
        if (type === 's') s = markup ? escape(v).s : str(v);
        else {
          s = type === 'r' ? repr(v) : asciiEscape(repr(v));
          if (markup) s = escapeText(s);
        }
        body = prec >= 0 ? cpSlice(s, 0, prec) : s;
        break;
      }
      case 'c': {
        numeric = false;
        body = percentChar(v, markup);
        break;
      }
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        const k = intArg(v, type, markup);
        if (k < 0n) sign = '-';
        else if (plus) sign = '+';
        else if (space) sign = ' ';
        const base = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : 10;
        body = intDigits(k, base);
        if (prec > body.length) body = '0'.repeat(prec - body.length) + body;
        if (type === 'X') body = body.toUpperCase();
        if (alt && base !== 10) prefix = type === 'o' ? '0o' : type === 'x' ? '0x' : '0X';
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const x = floatArg(v, markup);
        if (x < 0 || Object.is(x, -0)) sign = '-';
        else if (plus) sign = '+';
        else if (space) sign = ' ';
        body = floatDigits(x, type, prec < 0 ? 6 : prec, alt);
        break;
      }
      default:
        throw unsupportedChar(fmt, i - type.length, type);
    }
    const len = cpLength(body) + sign.length + prefix.length;
    if (width > len) {
      const pad = width - len;
      if (left) out += sign + prefix + body + ' '.repeat(pad);
      else if (zero && numeric) out += sign + prefix + '0'.repeat(pad) + body;
      else out += ' '.repeat(pad) + sign + prefix + body;
    } else out += sign + prefix + body;
  }
  if (st.argidx < st.arglen && st.dict === null) {
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  }
  return out;
}

function unsupportedChar(fmt: string, index: number, ch: string) {
  const c = ch.codePointAt(0)!;
  const shown = c >= 32 && c <= 126 ? ch : '?';
  return pyError(
    'ValueError',
    `unsupported format character '${shown}' (0x${c.toString(16)}) at index ${cpLength(fmt.slice(0, index))}`,
  );
}

const MARKUP_HELPER = '_MarkupEscapeHelper';

function intArg(v: Value, type: string, markup: boolean): bigint {
  const decimal = type === 'd' || type === 'i' || type === 'u';
  if (!markup && typeof v === 'bigint') return v;
  if (!markup && typeof v === 'boolean') return v ? 1n : 0n;
  // Markup.__mod__ wraps every value in a helper that only has __int__/__float__; a TypeError from int() is
  // reported against the helper
  if (markup && decimal) {
    try {
      return intOfNumber(v);
    } catch (e) {
      if (e instanceof PyError && e.pyType === 'TypeError') throw pyError('TypeError', `%${type} format: a real number is required, not ${MARKUP_HELPER}`);
      throw e;
    }
  }
  if (markup) throw pyError('TypeError', `%${type} format: an integer is required, not ${MARKUP_HELPER}`);
  if (decimal && (typeof v === 'number' || v instanceof Undefined)) return intOfNumber(v);
  const what = decimal ? 'a real number' : 'an integer';
  throw pyError('TypeError', `%${type} format: ${what} is required, not ${pyTypeName(v)}`);
}

/** int(x) for the values `%d` accepts. */
function intOfNumber(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Undefined) return v.fail();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  if (isStr(v)) throw pyError('ValueError', `invalid literal for int() with base 10: ${repr(v)}`);
  throw pyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`);
}

function floatArg(v: Value, markup: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    const x = Number(v);
    if (!Number.isFinite(x)) throw pyError('OverflowError', 'int too large to convert to float');
    return x;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Undefined) return v.fail();
  if (markup) {
    if (isStr(v)) throw pyError('ValueError', `could not convert string to float: ${repr(v)}`);
    throw pyError('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
  }
  throw pyError('TypeError', `must be real number, not ${pyTypeName(v)}`);
}

function percentChar(v: Value, markup: boolean): string {
  if (!markup) {
    if (isStr(v) && cpLength(strOf(v)) === 1) return strOf(v);
    if (typeof v === 'bigint' || typeof v === 'boolean') {
      const k = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
      if (k < 0n || k >= 0x110000n) throw pyError('OverflowError', '%c arg not in range(0x110000)');
      return String.fromCodePoint(Number(k));
    }
  }
  throw pyError('TypeError', '%c requires int or char');
}

