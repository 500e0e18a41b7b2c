// Line-level syntax for the fast YAML reader (yaml-fast.ts): keys, quoted scalars, block scalar bodies and line
// folding. Every helper gives up (throws Bail) on anything the fast reader leaves to the full one.
import { refoldV3 } from './kyaml-refold.js';
import { isNonStringV3 } from './scalar-rules.js';

export class Bail extends Error {}
export const bail = (): never => {
  throw new Bail();
};

const KEY_PLAIN_BAD_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** YAML line folding of a folded block's content lines (more-indented and empty lines keep their breaks). */
export function fold(lines: string[]): string {
  let out = '';
  let empty = 0;
  let prevMore = false;
  let first = true;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    const more = line[0] === ' ' || line[0] === '\t';
    if (first) out += '\n'.repeat(empty);
    else if (more || prevMore) out += '\n'.repeat(empty + 1);
    else out += empty === 0 ? ' ' : '\n'.repeat(empty);
    out += line;
    empty = 0;
    prevMore = more;
    first = false;
  }
  return out;
}

/** Index of the `:` after an alias used as a key (`*app:` or `*app :`), or -1. */
export function aliasKeyEnd(t: string): number {
  const m = /^\*[A-Za-z0-9_-]+ *:( |$)/.exec(t);
  return m ? m[0].trimEnd().length - 1 : -1;
}

export function isSeqItem(t: string): boolean {
  return t[0] === '-' && (t.length === 1 || t[1] === ' ' || t[1] === '#');
}

/** Index of the `:` that ends a simple key on this line, or -1 when the line is not a map entry. */
export function keyEnd(t: string): number {
  const c = t[0];
  if (c === '"' || c === "'") {
    const close = c === '"' ? doubleQuotedEnd(t) : singleQuotedEnd(t);
    if (close < 0) return -1;
    return t[close + 1] === ':' && (t.length === close + 2 || t[close + 2] === ' ') ? close + 1 : -1;
  }
  if (c === undefined || KEY_PLAIN_BAD_START.test(t)) return -1;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '#' && t[i - 1] === ' ') return -1;
    if (ch === ':' && (i + 1 === t.length || t[i + 1] === ' ')) return i;
  }
  return -1;
}

/**
 * A map key's string. A plain key that the rules in use type (`1`, `true`, and under YAML 1.1 `on` or `y`, which
 * sigs.k8s.io/yaml turns into "true") is left to the full reader, as are merge keys.
 */
export function keyOf(raw: string, resolve: (s: string) => unknown): string {
  const c = raw[0];
  if (c === '"') return doubleQuoted(raw).value;
  if (c === "'") return singleQuoted(raw).value;
  const k = raw.trimEnd();
  if (k === '<<' || isNonStringV3(k) || typeof resolve(k) !== 'string' || k.includes('\t')) bail();
  return k;
}

export function stripComment(t: string): string {
  const i = t.indexOf(' #');
  return (i >= 0 ? t.slice(0, i) : t).trimEnd();
}

export function afterQuoted(text: string, q: { value: string; end: number }): string {
  const rest = text.slice(q.end + 1).trim();
  if (rest !== '' && rest[0] !== '#') bail();
  if (rest[0] === '#' && text[q.end + 1] !== ' ' && text[q.end + 1] !== '\t') bail();
  return q.value;
}

export function singleQuotedEnd(t: string): number {
  for (let i = 1; i < t.length; i++) {
    if (t[i] === "'") {
      if (t[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

export function singleQuoted(t: string): { value: string; end: number } {
  const end = singleQuotedEnd(t);
  if (end < 0) bail();
  return { value: t.slice(1, end).replace(/''/g, "'"), end };
}

export function doubleQuotedEnd(t: string): number {
  for (let i = 1; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '"') return i;
  }
  return -1;
}

const ESC: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

export function doubleQuoted(t: string): { value: string; end: number } {
  const end = doubleQuotedEnd(t);
  if (end < 0) bail();
  let out = '';
  for (let i = 1; i < end; i++) {
    const ch = t[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = t[++i] as string;
    const simple = ESC[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (!len) bail();
    const hex = t.slice(i + 1, i + 1 + len);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bail();
    out += String.fromCodePoint(cp);
    i += len;
  }
  return { value: out, end };
}

/**
 * A literal (`|`) or folded (`>`) block scalar whose header is on raw line `startRaw`: chomping `-`/`+`, no
 * indentation digit. Returns the value and the number of raw lines after the header that hold its content.
 */
export function blockScalar(raw: string[], startRaw: number, header: string, parentIndent: number): { value: string; lines: number } {
  const folded = header[0] === '>';
  const v = blockText(raw, startRaw, header, parentIndent, folded);
  return { value: folded ? refoldV3(v.value) : v.value, lines: v.lines };
}

function blockText(raw: string[], startRaw: number, header: string, parentIndent: number, folded: boolean): { value: string; lines: number } {
  const m = /^[|>]([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(header);
  if (!m || (m[1] && m[3])) bail();
  const chomp = (m as RegExpExecArray)[1] || (m as RegExpExecArray)[3] || '';
  const explicit = (m as RegExpExecArray)[2] ? parentIndent + Number((m as RegExpExecArray)[2]) : 0;
  if (explicit) bail();
  let j = startRaw + 1;
  const body: string[] = [];
  let blockIndent = -1;
  for (; j < raw.length; j++) {
    const r = raw[j] as string;
    const trimmed = r.trimStart();
    const ind = r.length - trimmed.length;
    if (trimmed === '') {
      if (blockIndent < 0 && r.length > parentIndent + 1) bail(); // leading spaces-only lines: let the full reader decide
      body.push(r);
      continue;
    }
    if (blockIndent < 0) {
      if (ind <= parentIndent) break;
      blockIndent = ind;
    }
    if (ind < blockIndent) break;
    if (r.includes('\t') && ind < r.length && /^\s*\t/.test(r)) bail();
    body.push(r);
  }
  if (j >= raw.length && raw.length > 0 && raw[raw.length - 1] !== '') {
    // the block runs to the end of a text without a final line break: a go-yaml quirk the full reader knows
    if (body.length && j === raw.length) bail();
  }
  // trailing lines that belong to the block only as blank lines
  let last = body.length;
  while (last > 0 && (body[last - 1] as string).trim() === '') last--;
  const content = body.slice(0, last).map((r) => (r.length >= blockIndent ? r.slice(blockIndent) : ''));
  const trailing = body.length - last;
  if (blockIndent < 0) {
    return { value: chomp === '+' ? '\n'.repeat(body.length) : '', lines: last };
  }
  for (const r of body.slice(last)) if (r.length > blockIndent) bail();
  const textBody = folded ? fold(content) : content.join('\n');
  if (chomp === '-') return { value: textBody, lines: last };
  if (chomp === '+') return { value: textBody + '\n' + '\n'.repeat(trailing), lines: last };
  return { value: textBody + '\n', lines: last };
}
