// Decoding of Python string literal bodies the way Jinja does it: non-ASCII characters are first written as
// backslash escapes, then the whole text goes through Python's `unicode-escape` decoding. Doing the same two steps
// keeps odd inputs (a backslash before a non-ASCII character) byte-identical to Jinja.
import { asciiEscape } from '../python/text.js';

/** Thrown with the codec's message, e.g. `truncated \xXX escape`. */
export class StringEscapeError extends Error {}

const SIMPLE: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX: Record<string, [number, string]> = {
  x: [2, 'truncated \\xXX escape'],
  u: [4, 'truncated \\uXXXX escape'],
  U: [8, 'truncated \\UXXXXXXXX escape'],
};

export function decodeStringLiteral(body: string): string {
  if (!body.includes('\\') && !/[^\x00-\x7f]/.test(body)) return body;
  const s = asciiEscape(body);
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) throw new StringEscapeError('\\ at end of string');
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < s.length && j < i + 4 && s[j]! >= '0' && s[j]! <= '7') v = v * 8 + Number(s[j++]);
      out += String.fromCodePoint(v);
      i = j;
      continue;
    }
    const hex = HEX[e];
    if (hex) {
      const digits = s.slice(i + 2, i + 2 + hex[0]);
      if (digits.length < hex[0] || !/^[0-9a-fA-F]+$/.test(digits)) throw new StringEscapeError(hex[1]);
      const v = parseInt(digits, 16);
      if (v > 0x10ffff) throw new StringEscapeError('illegal Unicode character');
      out += String.fromCodePoint(v);
      i += 2 + hex[0];
      continue;
    }
    if (e === 'N') {
      // Unicode character names need a name database that Node does not ship.
      if (s[i + 2] !== '{' || !s.includes('}', i + 3)) throw new StringEscapeError('malformed \\N character escape');
      throw new StringEscapeError('unknown Unicode character name');
    }
    out += '\\' + e;
    i += 2;
  }
  return out;
}
