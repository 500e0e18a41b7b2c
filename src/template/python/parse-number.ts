// int(str, base) and float(str) with Python's syntax (underscores, prefixes, Unicode digits and whitespace,
// inf/nan) and errors.
import { pyError } from '../runtime/values.js';
import { isWs } from './str-case.js';
import { reprString } from '../runtime/values.js';

/** Unicode decimal digits → ASCII, Unicode whitespace → ' ' (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII). */
function toAscii(s: string): string | null {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 128) out += ch;
    else if (isWs(ch)) out += ' ';
    else if (/\p{Nd}/u.test(ch)) {
      let zero = c;
      while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1)) && c - (zero - 1) < 10) zero--;
      out += String(c - zero);
    } else return null;
  }
  return out;
}

const trimAscii = (s: string): string => s.replace(/^[ \t\n\v\f\r\x1c-\x1f]+|[ \t\n\v\f\r\x1c-\x1f]+$/g, '');

/** int(s, base); raises ValueError like CPython. `shown` is the argument's repr (a Markup shows as Markup('…')). */
export function parseIntStr(s: string, base: number, shown = reprString(s)): bigint {
  if (base !== 0 && (base < 2 || base > 36)) throw pyError('ValueError', 'int() base must be >= 2 and <= 36, or 0');
  const fail = () => pyError('ValueError', `invalid literal for int() with base ${base}: ${shown}`);
  const a = toAscii(s);
  if (a === null) throw fail();
  let t = trimAscii(a);
  let neg = false;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let b = base;
  const prefix = /^0([xXoObB])/.exec(t);
  if (prefix) {
    const p = prefix[1]!.toLowerCase();
    const pb = p === 'x' ? 16 : p === 'o' ? 8 : 2;
    if (b === 0 || b === pb) {
      b = pb;
      t = t.slice(2);
      if (t.startsWith('_')) t = t.slice(1);
      if (t === '') throw fail();
    }
  }
  if (b === 0) {
    b = 10;
    if (/^0+(_?0+)*$/.test(t)) return 0n;
    if (t.startsWith('0')) throw fail();
  }
  if (!/^[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*$/.test(t)) throw fail();
  const digits = t.replace(/_/g, '').toLowerCase();
  let n = 0n;
  const B = BigInt(b);
  if (b === 10 && digits.length > 4300) {
    throw pyError('ValueError', `Exceeds the limit (4300 digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  if (b === 10 && /^[0-9]+$/.test(digits)) n = BigInt(digits);
  else {
    for (const ch of digits) {
      const d = parseInt(ch, 36);
      if (d >= b) throw fail();
      n = n * B + BigInt(d);
    }
  }
  return neg ? -n : n;
}

/** float(s); raises ValueError like CPython. */
export function parseFloatStr(s: string, shown = reprString(s)): number {
  const fail = () => pyError('ValueError', `could not convert string to float: ${shown}`);
  const a = toAscii(s);
  if (a === null) throw fail();
  const t = trimAscii(a);
  const m = /^([+-]?)(?:(inf|infinity)|(nan))$/i.exec(t);
  if (m) {
    if (m[3]) return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  const num = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
  if (!num.test(t)) throw fail();
  return Number(t.replace(/_/g, ''));
}
