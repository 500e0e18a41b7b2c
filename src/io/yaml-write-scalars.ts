// Per-scalar rules of the writer: what kustomize's JSON trip does to a string (NEL folding, failures on control
// characters, U+FFFD for broken surrogates), go-yaml v2's scalar analysis (which styles a string allows) and its
// double-quote escapes.

import { YamlWriteError } from './yaml-write-error.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'g');

/** Characters that make go-yaml v2 fail to re-read kustomize's JSON ("control characters are not allowed"). */
export function checkString(s: string, path: (string | number)[]): string {
  let surrogatesChecked = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) continue;
    if ((c >= 0x7f && c <= 0x9f && c !== 0x85) || c === 0xfffe || c === 0xffff) {
      throw new YamlWriteError('yaml: control characters are not allowed', path);
    }
    if (c === 0x85) return checkString(foldNel(s), path);
    if (c >= 0xd800 && c <= 0xdfff && !surrogatesChecked) {
      surrogatesChecked = true;
      if (LONE_SURROGATE.test(s)) return checkString(s.replace(LONE_SURROGATE_G, '\uFFFD'), path); // as Go's JSON does
    }
  }
  return s;
}

/**
 * Go's JSON leaves U+0085 (NEL) unescaped and go-yaml v2 reads it as a line break inside the double-quoted JSON
 * string, folding it (with the spaces around it; tabs are escaped in JSON) to one space, or to n-1 newlines for a run of n breaks.
 */
function foldNel(s: string): string {
  return s.replace(/ *\u0085(?: *\u0085)* */g, (m) => {
    const n = m.split('\u0085').length - 1;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

export function hasBreak(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

export function isBreak(cp: number): boolean {
  return cp === 10 || cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

export function isBreakChar(ch: string): boolean {
  return isBreak(ch.codePointAt(0)!);
}

/** go-yaml's is_printable, by code point (4-byte UTF-8, i.e. beyond U+FFFF, is not printable). */
export function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

const SHORT_ESCAPES: Record<number, string> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r',
  0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0xa0: '\\_', 0x2028: '\\L', 0x2029: '\\P',
};

export function escapeDouble(cp: number): string {
  const short = SHORT_ESCAPES[cp];
  if (short) return short;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

// Scalar analysis as a bit set (go-yaml's yaml_emitter_analyze_scalar, reduced to block context).
export const A_MULTILINE = 1; // holds a line break (any kind)
export const A_BLOCK_PLAIN = 2; // may be written plain
export const A_SINGLE = 4; // may be single-quoted
export const A_BLOCK = 8; // may be a block scalar
export const A_HIGH = 16; // has characters from U+007F up (JSON/UTF-8 checks needed)
export const A_NEWLINE = 32; // holds '\n' (go-yaml v2 then asks for a literal block)
export const PLAIN_WORD = A_BLOCK_PLAIN | A_SINGLE | A_BLOCK;

// Per ASCII character: 1 = ordinary printable (letters, digits and punctuation with no meaning to go-yaml).
const ORDINARY = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) ORDINARY[c] = 1;
for (const ch of '#,[]{}&*!|>\'"%@`?:-') ORDINARY[ch.charCodeAt(0)] = 0;

export function analyze(s: string): number {
  const n = s.length;
  if (n === 0) return A_BLOCK_PLAIN | A_SINGLE;
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let newline = false;
  let special = false;
  let high = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < n; ) {
    let cp = s.charCodeAt(i);
    if (cp < 128 && ORDINARY[cp] === 1) {
      previousSpace = previousBreak = precededByWhitespace = false;
      i++;
      continue;
    }
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = s.codePointAt(i)!;
      w = 2;
    }
    if (cp >= 0x7f) high = true;
    const next = i + w < n ? s.charCodeAt(i + w) : -1;
    const followedByWhitespace = next === -1 || next === 32 || next === 9;
    if (i === 0) {
      switch (cp) {
        case 35: case 44: case 91: case 93: case 123: case 125: case 38: case 42: case 33: case 124: case 62:
        case 39: case 34: case 37: case 64: case 96: // # , [ ] { } & * ! | > ' " % @ `
          blockIndicators = true;
          break;
        case 63: case 58: case 45: // ? : -
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (cp === 58) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (cp === 35) {
      if (precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(cp)) special = true;
    if (cp === 32) {
      if (i === 0) leadingSpace = true;
      if (i + w === n) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (cp === 10) newline = true;
      if (i === 0) leadingBreak = true;
      if (i + w === n) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = cp === 32 || cp === 9 || isBreak(cp) || cp === 0;
    i += w;
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = singleQuoted = false;
  if (spaceBreak || special) blockPlain = singleQuoted = block = false;
  if (lineBreaks || blockIndicators) blockPlain = false;
  return (lineBreaks ? A_MULTILINE : 0) | (blockPlain ? A_BLOCK_PLAIN : 0) | (singleQuoted ? A_SINGLE : 0) |
    (block ? A_BLOCK : 0) | (high ? A_HIGH : 0) | (newline ? A_NEWLINE : 0);
}
