// A fast reader for the plain block-style YAML that makes up nearly all of a GitOps repository: block maps and
// lists, single-line plain and quoted scalars, literal blocks, empty flow collections. Anything else (anchors,
// tags, folded or multi-line scalars, flow content, odd keys) makes it give up and return null, and the caller uses
// the full reader in src/io. Results are checked against that reader over the whole corpus (fast-yaml.test.ts).
import type { YMap, YValue } from '../core/resource.js';
import { isNonStringV3 } from '../io/scalar-rules.js';
import { refoldV3 } from '../io/kyaml-refold.js';
import { setKey } from './value.js';

export interface FastDoc {
  value: YValue;
  startLine: number;
  /** Source text of plain scalars that did not resolve to strings, and of empty (`key:`) nulls, by container. */
  texts: WeakMap<object, Map<string | number, string>>;
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

interface Line {
  indent: number;
  /** Content after the indentation (raw, comments included). */
  text: string;
  no: number;
}

const KEY_PLAIN_BAD_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

class Reader {
  private i = 0;
  readonly texts = new WeakMap<object, Map<string | number, string>>();
  private readonly anchors = new Map<string, YValue>();
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
    private readonly resolve: (s: string) => YValue,
  ) {}

  private note(container: object, key: string | number, text: string): void {
    let m = this.texts.get(container);
    if (!m) this.texts.set(container, (m = new Map()));
    m.set(key, text);
  }

  /** A fresh copy of an anchored value (each alias expands to its own copy), notes included. */
  private copy(v: YValue): YValue {
    if (v === null || typeof v !== 'object') return v;
    const out: YValue = Array.isArray(v) ? v.map((x) => this.copy(x)) : {};
    if (!Array.isArray(v)) for (const k of Object.keys(v)) setKey(out as YMap, k, this.copy(v[k] as YValue));
    const notes = this.texts.get(v);
    if (notes) this.texts.set(out as object, new Map(notes));
    return out;
  }

  /** Next significant line (not blank, not a comment). */
  private peek(): Line | undefined {
    while (this.i < this.lines.length) {
      const l = this.lines[this.i] as Line;
      if (l.text === '' || l.text[0] === '#') {
        this.i++;
        continue;
      }
      return l;
    }
    return undefined;
  }

  parseDoc(): YValue {
    const l = this.peek();
    if (!l) return null;
    if (l.indent !== 0) bail();
    const v = this.node(l.indent);
    if (this.peek()) bail();
    return v;
  }

  /** A block node starting at the current line, which has indentation `indent`. */
  private node(indent: number): YValue {
    const l = this.peek() as Line;
    if (isSeqItem(l.text)) return this.seq(indent);
    if (keyEnd(l.text) >= 0 || aliasKeyEnd(l.text) >= 0) return this.map(indent);
    bail();
    return null;
  }

  private seq(indent: number): YValue[] {
    const out: YValue[] = [];
    for (let l = this.peek(); l && l.indent === indent && isSeqItem(l.text); l = this.peek()) {
      const rest = l.text.slice(1);
      const pad = rest.length - rest.trimStart().length;
      const body = rest.trimStart();
      if (body === '' || body[0] === '#') {
        this.i++;
        out.push(this.childOrNull(indent, true, out, out.length));
        continue;
      }
      const col = indent + 1 + pad;
      if (body[0] === '&' || body[0] === '*') {
        this.i++;
        out.push(this.property(body, indent, true, out, out.length));
        continue;
      }
      // compact nested node: reinterpret the rest of the line as a line of its own
      this.lines[this.i] = { indent: col, text: body, no: l.no };
      if (isSeqItem(body) || keyEnd(body) >= 0) {
        out.push(this.node(col));
      } else {
        this.i++;
        out.push(this.scalar(body, indent, out, out.length));
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) bail();
    return out;
  }

  private map(indent: number): YMap {
    const out: YMap = {};
    for (let l = this.peek(); l && l.indent === indent; l = this.peek()) {
      if (isSeqItem(l.text)) bail();
      const end = l.text[0] === '*' ? aliasKeyEnd(l.text) : keyEnd(l.text);
      if (end < 0) bail();
      const key = l.text[0] === '*' ? this.aliasKey(l.text.slice(1, end).trim()) : keyOf(l.text.slice(0, end));
      if (Object.prototype.hasOwnProperty.call(out, key)) bail();
      const rest = l.text.slice(end + 1).trimStart();
      this.i++;
      if (rest === '' || rest[0] === '#') {
        setKey(out, key, this.childOrNull(indent, false, out, key));
      } else if (rest[0] === '&' || rest[0] === '*') {
        setKey(out, key, this.property(rest, indent, false, out, key));
      } else {
        setKey(out, key, this.scalar(rest, indent, out, key));
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) bail();
    return out;
  }

  /** `&anchor value`, `&anchor` before a block, or `*alias`, after `key:` or `-`. */
  private property(text: string, indent: number, inSeq: boolean, container: object, key: string | number): YValue {
    const m = /^([&*])([A-Za-z0-9_-]+)(.*)$/.exec(text);
    if (!m) return bail();
    const [, sigil, name, tail = ''] = m as unknown as [string, string, string, string];
    const rest = tail.trim();
    if (sigil === '*') {
      if (rest !== '' && rest[0] !== '#') bail();
      if (!this.anchors.has(name)) bail();
      const v = this.copy(this.anchors.get(name) as YValue);
      const src = this.anchorNotes.get(name);
      if (src !== undefined) this.note(container, key, src);
      return v;
    }
    if (tail !== '' && tail[0] !== ' ') bail();
    if (sigil === '&' && this.anchors.has(name)) bail(); // redefined anchors: leave to the full reader
    let v: YValue;
    if (rest === '' || rest[0] === '#') {
      v = this.childOrNull(indent, inSeq, container, key);
    } else {
      if (rest[0] === '&' || rest[0] === '*' || keyEnd(rest) >= 0 || isSeqItem(rest)) bail();
      v = this.scalar(rest, indent, container, key);
    }
    this.anchors.set(name, v);
    const note = this.texts.get(container)?.get(key);
    if (note !== undefined) this.anchorNotes.set(name, note);
    else this.anchorNotes.delete(name);
    return v;
  }

  private readonly anchorNotes = new Map<string, string>();

  /** `*name:` as a key (go-yaml ends the alias name before the colon): the anchored string. */
  private aliasKey(name: string): string {
    const v = this.anchors.get(name);
    if (typeof v !== 'string' || this.anchorNotes.has(name)) return bail();
    return v;
  }

  /** The value after `key:` or `-` with nothing on the line: a nested block, or an empty null. */
  private childOrNull(indent: number, inSeq: boolean, container: object, key: string | number): YValue {
    const n = this.peek();
    if (n && n.indent > indent) return this.node(n.indent);
    if (n && !inSeq && n.indent === indent && isSeqItem(n.text)) return this.seq(indent);
    this.note(container, key, '');
    return null;
  }

  /** A scalar (or empty flow collection, or literal block) that starts on the current line after `key:`/`-`. */
  private scalar(text: string, parentIndent: number, container: object, key: string | number): YValue {
    const c = text[0] as string;
    if (c === '"') return afterQuoted(text, doubleQuoted(text));
    if (c === "'") return afterQuoted(text, singleQuoted(text));
    if (c === '|') return this.literal(text, parentIndent, false);
    if (c === '>') return refoldV3(this.literal(text, parentIndent, true));
    if (c === '[' || c === '{') return this.flow(text);
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`') bail();
    if ((c === '-' || c === '?' || c === ':') && (text.length === 1 || text[1] === ' ')) bail();
    const plain = stripComment(text);
    if (plain.includes(': ') || plain.endsWith(':') || plain.includes(' #') || plain.includes('\t')) bail();
    const v = this.resolve(plain);
    if (typeof v !== 'string') this.note(container, key, plain);
    return v;
  }

  /** A one-line flow collection (`[a, 'b']`, `{a: {b: [c]}}`); multi-line flows and odd scalars bail. */
  private flow(text: string): YValue {
    const pos = { i: 0 };
    const v = this.flowNode(text, pos, null, 0);
    const after = text.slice(pos.i);
    if (after.trim() !== '' && !(/^\s+#/.test(after))) bail();
    return v;
  }

  private flowNode(t: string, p: { i: number }, container: object | null, key: string | number): YValue {
    while (t[p.i] === ' ') p.i++;
    const c = t[p.i];
    if (c === '[') {
      p.i++;
      const list: YValue[] = [];
      for (;;) {
        while (t[p.i] === ' ') p.i++;
        if (t[p.i] === ']') {
          p.i++;
          return list;
        }
        list.push(this.flowNode(t, p, list, list.length));
        while (t[p.i] === ' ') p.i++;
        if (t[p.i] === ',') p.i++;
        else if (t[p.i] !== ']') bail();
      }
    }
    if (c === '{') {
      p.i++;
      const map: YMap = {};
      for (;;) {
        while (t[p.i] === ' ') p.i++;
        if (t[p.i] === '}') {
          p.i++;
          return map;
        }
        const k = this.flowKey(t, p);
        if (Object.prototype.hasOwnProperty.call(map, k)) bail();
        setKey(map, k, this.flowNode(t, p, map, k));
        while (t[p.i] === ' ') p.i++;
        if (t[p.i] === ',') p.i++;
        else if (t[p.i] !== '}') bail();
      }
    }
    if (c === '"' || c === "'") {
      const rest = t.slice(p.i);
      const q = c === '"' ? doubleQuoted(rest) : singleQuoted(rest);
      p.i += q.end + 1;
      return q.value;
    }
    let j = p.i;
    while (j < t.length && t[j] !== ',' && t[j] !== ']' && t[j] !== '}') j++;
    const s = t.slice(p.i, j).trim();
    if (s === '' || s.includes(':') || s.includes('#') || /^[-?]( |$)/.test(s) || /^[|>%@`&*!\[{]/.test(s) || s.includes('\t')) bail();
    p.i = j;
    const v = this.resolve(s);
    if (typeof v !== 'string' && container) this.note(container, key, s);
    return v;
  }

  private flowKey(t: string, p: { i: number }): string {
    const c = t[p.i];
    let raw: string;
    if (c === '"' || c === "'") {
      const rest = t.slice(p.i);
      const end = c === '"' ? doubleQuotedEnd(rest) : singleQuotedEnd(rest);
      if (end < 0) bail();
      raw = rest.slice(0, end + 1);
      p.i += end + 1;
    } else {
      let j = p.i;
      while (j < t.length && !(t[j] === ':' && (t[j + 1] === ' ' || t[j + 1] === undefined)) && t[j] !== ',' && t[j] !== '}' && t[j] !== ']') j++;
      raw = t.slice(p.i, j);
      if (raw.trim() === '' || /^[-?&*!|>%@`[{#]/.test(raw.trim())) bail();
      p.i = j;
    }
    if (t[p.i] !== ':' || (t[p.i + 1] !== ' ' && t[p.i + 1] !== undefined)) bail();
    p.i++;
    return keyOf(raw.trim());
  }

  /** A literal (`|`) or folded (`>`) block scalar: chomping `-`/`+`, an optional indentation digit. */
  private literal(header: string, parentIndent: number, folded: boolean): string {
    const m = /^[|>]([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(header);
    if (!m || (m[1] && m[3])) bail();
    const chomp = (m as RegExpExecArray)[1] || (m as RegExpExecArray)[3] || '';
    const explicit = (m as RegExpExecArray)[2] ? parentIndent + Number((m as RegExpExecArray)[2]) : 0;
    if (explicit) bail();
    const startRaw = (this.lines[this.i - 1] as Line).no; // 0-based raw index of the header line
    let j = startRaw + 1;
    const body: string[] = [];
    let blockIndent = -1;
    for (; j < this.raw.length; j++) {
      const r = this.raw[j] as string;
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
    if (j >= this.raw.length && this.raw.length > 0 && this.raw[this.raw.length - 1] !== '') {
      // the block runs to the end of a text without a final line break: a go-yaml quirk the full reader knows
      if (body.length && j === this.raw.length) bail();
    }
    // trailing lines that belong to the block only as blank lines
    let last = body.length;
    while (last > 0 && (body[last - 1] as string).trim() === '') last--;
    const content = body.slice(0, last).map((r) => (r.length >= blockIndent ? r.slice(blockIndent) : ''));
    const trailing = body.length - last;
    // advance the line cursor past the block
    while (this.i < this.lines.length && (this.lines[this.i] as Line).no < startRaw + 1 + last) this.i++;
    if (blockIndent < 0) {
      return chomp === '+' ? '\n'.repeat(body.length) : '';
    }
    for (const r of body.slice(last)) if (r.length > blockIndent) bail();
    const textBody = folded ? fold(content) : content.join('\n');
    if (chomp === '-') return textBody;
    if (chomp === '+') return textBody + '\n' + '\n'.repeat(trailing);
    return textBody + '\n';
  }
}

/** YAML line folding of a folded block's content lines (more-indented and empty lines keep their breaks). */
function fold(lines: string[]): string {
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
function aliasKeyEnd(t: string): number {
  const m = /^\*[A-Za-z0-9_-]+ *:( |$)/.exec(t);
  return m ? m[0].trimEnd().length - 1 : -1;
}

function isSeqItem(t: string): boolean {
  return t[0] === '-' && (t.length === 1 || t[1] === ' ' || t[1] === '#');
}

/** Index of the `:` that ends a simple key on this line, or -1 when the line is not a map entry. */
function keyEnd(t: string): number {
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

function keyOf(raw: string): string {
  const c = raw[0];
  if (c === '"') return doubleQuoted(raw).value;
  if (c === "'") return singleQuoted(raw).value;
  const k = raw.trimEnd();
  if (k === '<<' || isNonStringV3(k) || k.includes('\t')) bail();
  return k;
}

function stripComment(t: string): string {
  const i = t.indexOf(' #');
  return (i >= 0 ? t.slice(0, i) : t).trimEnd();
}

function afterQuoted(text: string, q: { value: string; end: number }): string {
  const rest = text.slice(q.end + 1).trim();
  if (rest !== '' && rest[0] !== '#') bail();
  if (rest[0] === '#' && text[q.end + 1] !== ' ' && text[q.end + 1] !== '\t') bail();
  return q.value;
}

function singleQuotedEnd(t: string): number {
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

function singleQuoted(t: string): { value: string; end: number } {
  const end = singleQuotedEnd(t);
  if (end < 0) bail();
  return { value: t.slice(1, end).replace(/''/g, "'"), end };
}

function doubleQuotedEnd(t: string): number {
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

function doubleQuoted(t: string): { value: string; end: number } {
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
 * Reads every document of `text`; null when the text uses anything outside the supported subset (the caller then
 * uses the full reader). `resolve` types plain scalars (go-yaml v3 or v2 rules).
 */
export function fastParse(text: string, resolve: (s: string) => YValue): FastDoc[] | null {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff || text.includes('\t-') || /(^|\n)(%|\.\.\.)/.test(text)) {
    return null;
  }
  const raw = text.split('\n');
  const docs: FastDoc[] = [];
  let cur: Line[] = [];
  let marker = -1;
  let sawContent = false;
  const flush = (): boolean => {
    if (!cur.length && marker < 0) return true;
    const r = new Reader(cur, raw, resolve);
    try {
      const value = r.parseDoc();
      const first = cur.find((l) => l.text !== '' && l.text[0] !== '#');
      const startLine = marker >= 0 ? marker + 1 : first ? first.no + 1 : 1;
      if (first || marker >= 0) docs.push({ value, startLine, texts: r.texts });
      return true;
    } catch (e) {
      if (e instanceof Bail) return false;
      throw e;
    }
  };
  for (let n = 0; n < raw.length; n++) {
    const line = raw[n] as string;
    if (line.startsWith('---')) {
      const rest = line.slice(3);
      if (rest !== '' && rest.trim() !== '' && !/^\s+#/.test(rest)) return null;
      if (sawContent || marker >= 0 || cur.some((l) => l.text !== '' && l.text[0] !== '#')) {
        if (!flush()) return null;
      }
      cur = [];
      marker = n;
      sawContent = false;
      continue;
    }
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    if (/^\s*\t/.test(line) && trimmed !== '') {
      // tabs in indentation: only inside literal blocks, which read raw lines; be safe
      if (!trimmed.startsWith('#')) cur.push({ indent: -1, text: trimmed, no: n });
      continue;
    }
    cur.push({ indent, text: trimmed.trimEnd() === '' ? '' : trimmed, no: n });
    if (trimmed !== '' && trimmed[0] !== '#') sawContent = true;
  }
  if (!flush()) return null;
  return docs;
}
