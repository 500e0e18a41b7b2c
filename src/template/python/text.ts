// Strings by code point: Python indexes, slices and measures str by code point, JS by UTF-16 unit.

const SURROGATE = /[\ud800-\udfff]/;

/** True when every character is one UTF-16 unit, so JS indexes equal Python's. */
export const isSimple = (s: string): boolean => !SURROGATE.test(s);

export function cpLength(s: string): number {
  if (isSimple(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The code points of s. */
export function codePoints(s: string): string[] {
  return isSimple(s) ? s.split('') : Array.from(s);
}

/** s[start:end] by code point (non-negative, already clamped indexes). */
export function cpSlice(s: string, start: number, end?: number): string {
  if (isSimple(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

/**
 * Every non-ASCII character as a backslash escape (`\xe9`, `\u20ac`, `\U0001f600`): Python's `backslashreplace`
 * into ASCII, the last step of ascii() and the first of Jinja's string-literal decoding.
 */
export function asciiEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out;
}
