// Scalar, anchor and tag scanning for yaml-scanner.ts, with go-yaml's folding and escaping rules: line breaks
// fold to a space (or to the n-1 newlines of a run of n), NEL counts as a newline and LS/PS are kept, a plain
// scalar continues on lines indented deeper than its block, block scalars auto-detect their indentation.
import type { Scanner } from './yaml-scanner.js';

export function isBreakAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

export function isBlankAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 9;
}

/** Blank, line break, or end of text. */
export function isBlankzAt(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s.charCodeAt(i);
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0;
}


function isAlphaCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

function atDocIndicator(sc: Scanner): boolean {
  const s = sc.s;
  const p = sc.pos;
  const c = s[p];
  return sc.column === 0 && (c === '-' || c === '.') && s[p + 1] === c && s[p + 2] === c && isBlankzAt(s, p + 3);
}

// Plain scalar character classes for ASCII: 0 ordinary, 1 blank or line break, 2 ':', 3 flow indicator.
const PLAIN_CLASS = new Uint8Array(128);
for (const c of [0, 9, 10, 13, 32]) PLAIN_CLASS[c] = 1;
PLAIN_CLASS[58] = 2;
for (const ch of ',?[]{}') PLAIN_CLASS[ch.charCodeAt(0)] = 3;

/** Where a plain scalar's run of non-blank characters stops (go-yaml's indicators). */
function plainStop(s: string, p: number, flow: boolean): boolean {
  if (p >= s.length) return true;
  const c = s.charCodeAt(p);
  if (c < 128) {
    const k = PLAIN_CLASS[c];
    if (k === 0) return false;
    if (k === 1) return true;
    if (k === 2) return isBlankzAt(s, p + 1);
    return flow;
  }
  return c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** End of a run of non-stop characters from `p`. */
function plainRunEnd(s: string, p: number, flow: boolean): number {
  const n = s.length;
  while (p < n) {
    const c = s.charCodeAt(p);
    if (c < 128) {
      const k = PLAIN_CLASS[c];
      if (k === 1 || (k === 2 && isBlankzAt(s, p + 1)) || (k === 3 && flow)) return p;
    } else if (c === 0x85 || c === 0x2028 || c === 0x2029) return p;
    p++;
  }
  return p;
}

/** A plain scalar; returns its value and end offset. */
export function scanPlainScalar(sc: Scanner): [string, number] {
  const s = sc.s;
  const flow = sc.flowLevel > 0;
  const indent = sc.indent + 1;
  const start = sc.pos;
  let out = '';
  let end = sc.pos;
  let leadingBreak = '';
  let trailingBreaks = '';
  let whitespaces = '';
  let leadingBlanks = false;
  for (;;) {
    if (atDocIndicator(sc) || s.charCodeAt(sc.pos) === 35) break;
    if (!plainStop(s, sc.pos, flow)) {
      if (leadingBlanks) {
        if (leadingBreak === '\n') out += trailingBreaks === '' ? ' ' : trailingBreaks;
        else out += leadingBreak + trailingBreaks;
        leadingBreak = trailingBreaks = '';
        leadingBlanks = false;
      } else if (whitespaces !== '') {
        out += whitespaces;
        whitespaces = '';
      }
      const run = sc.pos;
      sc.pos = plainRunEnd(s, sc.pos, flow);
      out += s.slice(run, sc.pos);
      end = sc.pos;
    }
    if (!(isBlankAt(s, sc.pos) || isBreakAt(s, sc.pos))) break;
    while (isBlankAt(s, sc.pos) || isBreakAt(s, sc.pos)) {
      if (isBlankAt(s, sc.pos)) {
        if (leadingBlanks && sc.column < indent && s.charCodeAt(sc.pos) === 9) {
          sc.fail('found a tab character that violates indentation', start);
        }
        if (!leadingBlanks) whitespaces += s[sc.pos];
        sc.pos++;
      } else if (!leadingBlanks) {
        whitespaces = '';
        leadingBreak = sc.readLine();
        leadingBlanks = true;
      } else trailingBreaks += sc.readLine();
    }
    if (!flow && sc.column < indent) break;
  }
  if (leadingBlanks) sc.simpleKeyAllowed = true;
  return [out, end];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A single- or double-quoted scalar (the scanner is at the opening quote). */
export function scanFlowScalar(sc: Scanner, single: boolean): string {
  const s = sc.s;
  const start = sc.pos;
  const quote = single ? 39 : 34;
  sc.pos++;
  let out = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let whitespaces = '';
  for (;;) {
    if (atDocIndicator(sc)) sc.fail('found unexpected document indicator while scanning a quoted scalar', start);
    if (sc.pos >= s.length) sc.fail('found unexpected end of stream while scanning a quoted scalar', start);
    let leadingBlanks = false;
    while (!isBlankzAt(s, sc.pos)) {
      const c = s.charCodeAt(sc.pos);
      if (single && c === 39) {
        if (s.charCodeAt(sc.pos + 1) !== 39) break;
        out += "'";
        sc.pos += 2;
      } else if (!single && c === 34) break;
      else if (!single && c === 92) {
        if (isBreakAt(s, sc.pos + 1)) {
          sc.pos++;
          sc.skipLine();
          leadingBlanks = true;
          break;
        }
        out += readEscape(sc, start);
      } else {
        const run = sc.pos;
        sc.pos++;
        for (;;) {
          if (isBlankzAt(s, sc.pos)) break;
          const d = s.charCodeAt(sc.pos);
          if (d === quote || (!single && d === 92)) break;
          sc.pos++;
        }
        out += s.slice(run, sc.pos);
      }
    }
    if (s.charCodeAt(sc.pos) === quote) break;
    while (isBlankAt(s, sc.pos) || isBreakAt(s, sc.pos)) {
      if (isBlankAt(s, sc.pos)) {
        if (!leadingBlanks) whitespaces += s[sc.pos];
        sc.pos++;
      } else if (!leadingBlanks) {
        whitespaces = '';
        leadingBreak = sc.readLine();
        leadingBlanks = true;
      } else trailingBreaks += sc.readLine();
    }
    if (leadingBlanks) {
      if (leadingBreak === '\n') out += trailingBreaks === '' ? ' ' : trailingBreaks;
      else out += leadingBreak + trailingBreaks;
      leadingBreak = trailingBreaks = '';
    } else {
      out += whitespaces;
      whitespaces = '';
    }
  }
  sc.pos++;
  return out;
}

function readEscape(sc: Scanner, start: number): string {
  const s = sc.s;
  const e = s[sc.pos + 1] ?? '';
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) {
    sc.pos += 2;
    return simple;
  }
  const len = HEX_LENGTH[e];
  if (len === undefined) sc.fail('found unknown escape character while parsing a quoted scalar', start);
  const hex = s.slice(sc.pos + 2, sc.pos + 2 + len);
  if (hex.length !== len || !/^[0-9A-Fa-f]+$/.test(hex)) {
    sc.fail('did not find expected hexdecimal number while parsing a quoted scalar', start);
  }
  const code = parseInt(hex, 16);
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
    sc.fail('found invalid Unicode character escape code while parsing a quoted scalar', start);
  }
  sc.pos += 2 + len;
  return String.fromCodePoint(code);
}

/** Indentation and empty lines before block scalar content; returns the (detected) indent and the breaks. */
function blockBreaks(sc: Scanner, indent: number, start: number): [number, string] {
  const s = sc.s;
  let maxIndent = 0;
  let breaks = '';
  for (;;) {
    while ((indent === 0 || sc.column < indent) && s.charCodeAt(sc.pos) === 32) sc.pos++;
    if (sc.column > maxIndent) maxIndent = sc.column;
    if ((indent === 0 || sc.column < indent) && s.charCodeAt(sc.pos) === 9) {
      sc.fail('found a tab character where an indentation space is expected', start);
    }
    if (sc.pos >= s.length || !isBreakAt(s, sc.pos)) break;
    breaks += sc.readLine();
  }
  if (indent === 0) indent = Math.max(maxIndent, sc.indent + 1, 1);
  return [indent, breaks];
}

/** A literal (`|`) or folded (`>`) block scalar (the scanner is at the indicator). */
export function scanBlockScalar(sc: Scanner, literal: boolean): string {
  const s = sc.s;
  const start = sc.pos;
  sc.pos++;
  let chomping = 0;
  let increment = 0;
  for (let k = 0; k < 2; k++) {
    const c = s[sc.pos];
    if ((c === '+' || c === '-') && chomping === 0) {
      chomping = c === '+' ? 1 : -1;
      sc.pos++;
    } else if (c !== undefined && c >= '0' && c <= '9' && increment === 0) {
      if (c === '0') sc.fail('found an indentation indicator equal to 0 while scanning a block scalar', start);
      increment = c.charCodeAt(0) - 48;
      sc.pos++;
    }
  }
  while (isBlankAt(s, sc.pos)) sc.pos++;
  if (s.charCodeAt(sc.pos) === 35) while (sc.pos < s.length && !isBreakAt(s, sc.pos)) sc.pos++;
  if (sc.pos < s.length && !isBreakAt(s, sc.pos)) {
    sc.fail('did not find expected comment or line break while scanning a block scalar', start);
  }
  if (sc.pos < s.length) sc.skipLine();
  let indent = increment > 0 ? (sc.indent >= 0 ? sc.indent + increment : increment) : 0;
  let trailingBreaks: string;
  [indent, trailingBreaks] = blockBreaks(sc, indent, start);
  let out = '';
  let leadingBreak = '';
  let leadingBlank = false;
  while (sc.column === indent && sc.pos < s.length) {
    const trailingBlank = isBlankAt(s, sc.pos);
    if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
      if (trailingBreaks === '') out += ' ';
    } else out += leadingBreak;
    out += trailingBreaks;
    leadingBlank = trailingBlank;
    const run = sc.pos;
    while (sc.pos < s.length && !isBreakAt(s, sc.pos)) sc.pos++;
    out += s.slice(run, sc.pos);
    leadingBreak = sc.pos < s.length ? sc.readLine() : '';
    [, trailingBreaks] = blockBreaks(sc, indent, start);
  }
  if (chomping !== -1) out += leadingBreak;
  if (chomping === 1) out += trailingBreaks;
  return out;
}

/** An anchor (`&name`) or alias (`*name`) name: [0-9A-Za-z_-]+, then a blank or one of ?:,]}%@`. */
export function scanAnchor(sc: Scanner, anchor: boolean): string {
  const s = sc.s;
  const start = sc.pos;
  let e = start + 1;
  while (e < s.length && isAlphaCode(s.charCodeAt(e))) e++;
  const name = s.slice(start + 1, e);
  sc.pos = e;
  if (name === '' || !(isBlankzAt(s, e) || '?:,]}%@`'.includes(s[e]!))) {
    sc.fail(`did not find expected alphabetic or numeric character while scanning an ${anchor ? 'anchor' : 'alias'}`, start);
  }
  return name;
}

const URI_CHARS = ";/?:@&=+$,.!~*'()[]%";

function scanTagUri(sc: Scanner, head: string, start: number): string {
  const s = sc.s;
  let out = head.length > 1 ? head.slice(1) : '';
  let has = head.length > 0;
  for (;;) {
    const c = s[sc.pos];
    if (c === undefined || !(isAlphaCode(c.charCodeAt(0)) || URI_CHARS.includes(c))) break;
    if (c === '%') {
      const bytes: number[] = [];
      while (s[sc.pos] === '%') {
        const hex = s.slice(sc.pos + 1, sc.pos + 3);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) sc.fail('did not find URI escaped octet while parsing a tag', start);
        bytes.push(parseInt(hex, 16));
        sc.pos += 3;
      }
      out += Buffer.from(bytes).toString('utf8');
    } else {
      out += c;
      sc.pos++;
    }
    has = true;
  }
  if (!has) sc.fail('did not find expected tag URI while parsing a tag', start);
  return out;
}

/** A tag: returns [handle, suffix] as go-yaml's scanner does (`!<u>` → ['', u], `!x` → ['!', x], `!` → ['', '!']). */
export function scanTag(sc: Scanner): [string, string] {
  const s = sc.s;
  const start = sc.pos;
  let handle: string;
  let suffix: string;
  if (s[sc.pos + 1] === '<') {
    sc.pos += 2;
    suffix = scanTagUri(sc, '', start);
    if (s[sc.pos] !== '>') sc.fail("did not find the expected '>' while scanning a tag", start);
    sc.pos++;
    handle = '';
  } else {
    let e = sc.pos + 1;
    while (e < s.length && isAlphaCode(s.charCodeAt(e))) e++;
    if (s[e] === '!') e++;
    handle = s.slice(sc.pos, e);
    sc.pos = e;
    if (handle.length > 1 && handle.endsWith('!')) suffix = scanTagUri(sc, '', start);
    else {
      suffix = scanTagUri(sc, handle, start);
      handle = '!';
      if (suffix === '') [handle, suffix] = ['', '!'];
    }
  }
  if (!isBlankzAt(s, sc.pos)) sc.fail('did not find expected whitespace or line break while scanning a tag', start);
  return [handle, suffix];
}
