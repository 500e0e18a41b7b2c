// Python's format(value, spec): the format-spec mini-language for str, int, bool and float, and object's rule
// (empty spec → str(), anything else is a TypeError).
import type { Value } from '../runtime/values.js';
import { Markup, pyError, pyTypeName } from '../runtime/values.js';
import { floatDigits, groupDigits } from './number-format.js';
import { intToFloat } from './numbers.js';
import { asPyObject } from './protocol.js';
import { str } from './repr.js';
import { cpLength, cpSlice } from './text.js';

interface Spec {
  fill: string;
  align: string; // '<' '>' '=' '^' or '' (type default)
  fillGiven: boolean;
  sign: string; // '' '+' '-' ' '
  z: boolean;
  alt: boolean;
  width: number;
  grouping: string; // '' ',' '_'
  groupEvery: number;
  precision: number | null;
  type: string;
}

const ALIGN = new Set(['<', '>', '=', '^']);

function parseSpec(spec: string, typeName: string, defaultType: string, defaultAlign: string): Spec {
  const cs = [...spec];
  let i = 0;
  const s: Spec = { fill: ' ', align: '', fillGiven: false, sign: '', z: false, alt: false, width: -1, grouping: '', groupEvery: 3, precision: null, type: '' };
  if (cs.length - i >= 2 && ALIGN.has(cs[i + 1]!)) {
    s.fill = cs[i]!;
    s.align = cs[i + 1]!;
    s.fillGiven = true;
    i += 2;
  } else if (cs.length - i >= 1 && ALIGN.has(cs[i]!)) {
    s.align = cs[i]!;
    i++;
  }
  if (cs[i] === '+' || cs[i] === '-' || cs[i] === ' ') s.sign = cs[i++]!;
  if (cs[i] === 'z') {
    s.z = true;
    i++;
  }
  if (cs[i] === '#') {
    s.alt = true;
    i++;
  }
  if (!s.fillGiven && cs[i] === '0') {
    s.fill = '0';
    if (!s.align && defaultAlign === '>') s.align = '=';
    i++;
  }
  const readInt = (): number | null => {
    let d = '';
    while (i < cs.length && cs[i]! >= '0' && cs[i]! <= '9') d += cs[i++];
    if (d === '') return null;
    if (d.length > 18) throw pyError('ValueError', 'Too many decimal digits in format string');
    return Number(d);
  };
  s.width = readInt() ?? -1;
  if (cs[i] === ',') {
    s.grouping = ',';
    i++;
  }
  if (cs[i] === '_') {
    if (s.grouping) throw pyError('ValueError', "Cannot specify both ',' and '_'.");
    s.grouping = '_';
    i++;
  }
  if (cs[i] === ',' && s.grouping === '_') throw pyError('ValueError', "Cannot specify both ',' and '_'.");
  if (cs[i] === '.') {
    i++;
    s.precision = readInt();
    if (s.precision === null) throw pyError('ValueError', 'Format specifier missing precision');
  }
  if (cs.length - i > 1) {
    throw pyError('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  s.type = cs.length - i === 1 ? cs[i]! : defaultType;
  if (s.grouping) {
    if (['b', 'o', 'x', 'X'].includes(s.type)) {
      if (s.grouping !== '_') throw pyError('ValueError', `Cannot specify ',' with '${s.type}'.`);
      s.groupEvery = 4;
    } else if (!['d', 'e', 'f', 'g', 'E', 'G', '%', 'F', ''].includes(s.type)) {
      throw pyError('ValueError', `Cannot specify '${s.grouping}' with '${s.type}'.`);
    }
  }
  if (!s.align) s.align = defaultAlign;
  return s;
}

/** Pad `body` (already signed/prefixed as `lead`) to the spec's width. */
function align(lead: string, body: string, s: Spec): string {
  const len = cpLength(lead) + cpLength(body);
  if (s.width <= len) return lead + body;
  const pad = s.width - len;
  switch (s.align) {
    case '<':
      return lead + body + s.fill.repeat(pad);
    case '^': {
      const left = Math.floor(pad / 2);
      return s.fill.repeat(left) + lead + body + s.fill.repeat(pad - left);
    }
    case '=':
      return lead + s.fill.repeat(pad) + body;
    default:
      return s.fill.repeat(pad) + lead + body;
  }
}

/** Group integer digits, padding with grouped zeros up to minWidth (CPython's zero-fill with separators). */
function groupWithZeros(digits: string, sep: string, every: number, minWidth: number): string {
  if (!sep) return minWidth > digits.length ? '0'.repeat(minWidth - digits.length) + digits : digits;
  const groups: string[] = [];
  let remaining = digits.length;
  let minw = minWidth;
  for (;;) {
    const l = Math.min(every, Math.max(remaining, minw, 1));
    const zeros = Math.max(0, l - remaining);
    const chars = Math.max(0, Math.min(remaining, l));
    groups.unshift('0'.repeat(zeros) + digits.slice(remaining - chars, remaining));
    remaining -= chars;
    minw -= l;
    if (remaining <= 0 && minw <= 0) break;
    minw -= sep.length;
  }
  return groups.join(sep);
}

/** Render a number: sign, prefix, integer digits (grouped), remainder (fraction/exponent/%). */
function renderNumber(negative: boolean, prefix: string, intPart: string, rest: string, s: Spec, numeric: boolean): string {
  const sign = negative ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
  const lead = sign + prefix;
  if (!numeric) return align(lead, intPart + rest, s);
  if (s.fill === '0' && s.align === '=') {
    const minWidth = s.width - cpLength(lead) - cpLength(rest);
    return lead + groupWithZeros(intPart, s.grouping, s.groupEvery, minWidth) + rest;
  }
  const grouped = s.grouping ? groupDigits(intPart, s.grouping, s.groupEvery) : intPart;
  return align(lead, grouped + rest, s);
}

function formatInt(v: bigint, spec: string, typeName: string): string {
  const s = parseSpec(spec, typeName, 'd', '>');
  switch (s.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      return formatFloatSpec(intToFloat(v), s);
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      break;
    default:
      throw unknownCode(s.type, typeName);
  }
  if (s.precision !== null) throw pyError('ValueError', 'Precision not allowed in integer format specifier');
  if (s.z) throw pyError('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  if (s.type === 'c') {
    if (s.sign) throw pyError('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw pyError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0n || v > 0x10ffffn) throw pyError('OverflowError', '%c arg not in range(0x110000)');
    return renderNumber(false, '', String.fromCodePoint(Number(v)), '', s, false);
  }
  const base = s.type === 'b' ? 2 : s.type === 'o' ? 8 : s.type === 'x' || s.type === 'X' ? 16 : 10;
  let digits = (v < 0n ? -v : v).toString(base);
  if (s.type === 'X') digits = digits.toUpperCase();
  const prefix = s.alt && base !== 10 ? '0' + (s.type === 'b' ? 'b' : s.type === 'o' ? 'o' : s.type) : '';
  return renderNumber(v < 0n, prefix, digits, '', s, true);
}

function formatFloatSpec(x: number, s: Spec): string {
  let type = s.type;
  if (type === 'n') type = 'g';
  let body = floatDigits(x, type, s.precision, s.alt);
  let negative = (x < 0 || Object.is(x, -0)) && !Number.isNaN(x);
  // 'z' turns a negative zero (after rounding) into a positive one
  if (negative && s.z && Number.isFinite(x) && !/[1-9]/.test(body.split(/[eE]/)[0]!)) negative = false;
  if (!Number.isFinite(x)) return renderNumber(negative, '', body, '', { ...s, grouping: '' }, true);
  const m = /^(\d*)(.*)$/.exec(body)!;
  body = m[1]!;
  return renderNumber(negative, '', body, m[2]!, s, true);
}

function formatFloat(x: number, spec: string): string {
  const s = parseSpec(spec, 'float', '', '>');
  if (!['e', 'E', 'f', 'F', 'g', 'G', 'n', '%', ''].includes(s.type)) throw unknownCode(s.type, 'float');
  return formatFloatSpec(x, s);
}

function formatStr(v: string, spec: string, typeName: string): string {
  const s = parseSpec(spec, typeName, 's', '<');
  if (s.type !== 's') throw unknownCode(s.type, typeName);
  if (s.sign === ' ') throw pyError('ValueError', 'Space not allowed in string format specifier');
  if (s.sign) throw pyError('ValueError', 'Sign not allowed in string format specifier');
  if (s.z) throw pyError('ValueError', 'Negative zero coercion (z) not allowed in string format specifier');
  if (s.alt) throw pyError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (s.align === '=') throw pyError('ValueError', "'=' alignment not allowed in string format specifier");
  const body = s.precision !== null ? cpSlice(v, 0, s.precision) : v;
  return align('', body, s);
}

function unknownCode(type: string, typeName: string) {
  return pyError('ValueError', `Unknown format code '${type}' for object of type '${typeName}'`);
}

/** Python format(v, spec). */
export function formatValue(v: Value, spec: string): string {
  if (typeof v === 'string') return spec === '' ? v : formatStr(v, spec, 'str');
  if (v instanceof Markup) return spec === '' ? v.s : formatStr(v.s, spec, 'Markup');
  if (typeof v === 'bigint') return formatInt(v, spec, 'int');
  if (typeof v === 'boolean') return spec === '' ? (v ? 'True' : 'False') : formatInt(v ? 1n : 0n, spec, 'bool');
  if (typeof v === 'number') return formatFloat(v, spec);
  const o = asPyObject(v);
  const custom = (o as { __format__?: (spec: string) => string } | null)?.__format__;
  if (custom) return custom.call(o, spec);
  if (spec !== '') throw pyError('TypeError', `unsupported format string passed to ${pyTypeName(v)}.__format__`);
  return str(v);
}
