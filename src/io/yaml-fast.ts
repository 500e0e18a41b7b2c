// The fast path of YAML reading, for the plain block style that makes up nearly all of a GitOps repository: block
// maps and lists, one-line plain and quoted scalars and flow collections, literal and folded blocks, simple anchors
// and aliases, read line by line without the full reader's tokens and node tree (several times faster). Anything
// else (tags, merge keys, multi-line plain or quoted scalars, keys the rules type, tabs, directives) makes it give up
// and return null; the caller then uses parseYamlDocuments, which also says what is wrong with invalid text. Where it
// does not give up it agrees with that reader — values, each document's first line, the source text of non-string
// scalars — which yaml-fast.test.ts checks on every corpus file. It has no other positions.
import type { YMap, YValue } from '../core/resource.js';
import { setKey } from './yaml-compose.js';
import {
  afterQuoted, aliasKeyEnd, bail, Bail, blockScalar, doubleQuoted, isSeqItem, keyEnd, keyOf, singleQuoted, stripComment,
} from './yaml-fast-syntax.js';
import { flowValue } from './yaml-fast-flow.js';
import type { KeyProblem, ParseOptions, PathElement, YamlDoc } from './yaml-read.js';
import { resolvePlain, resolvePlainV2 } from './scalar-rules.js';

/** A document as YamlDoc gives it, without positions (keys kustomize cannot print make the fast reader give up). */
export interface FastDoc extends Pick<YamlDoc, 'startLine' | 'scalarText' | 'keyProblems'> {
  value: YValue;
  /** Source text of plain scalars that did not resolve to strings, and of empty (`key:`) nulls, by container. */
  texts: WeakMap<object, Map<string | number, string>>;
}

class FastDocument implements FastDoc {
  readonly keyProblems: KeyProblem[] = [];
  constructor(
    readonly value: YValue,
    readonly startLine: number,
    readonly texts: WeakMap<object, Map<string | number, string>>,
  ) {}

  /** The noted source text of the scalar at `path`, else its value as text (undefined for maps and lists). */
  scalarText(path: readonly PathElement[]): string | undefined {
    let parent: unknown = undefined;
    let cur: unknown = this.value;
    for (const p of path) {
      if (cur === null || typeof cur !== 'object') return undefined;
      parent = cur;
      cur = (cur as Record<string | number, unknown>)[p];
      if (cur === undefined) return undefined;
    }
    const noted = parent ? this.texts.get(parent as object)?.get(path[path.length - 1] as string | number) : undefined;
    if (noted !== undefined) return noted;
    return typeof cur === 'string' ? cur : cur === null || typeof cur === 'object' ? undefined : String(cur);
  }
}

interface Line {
  indent: number;
  /** Content after the indentation (raw, comments included). */
  text: string;
  no: number;
}

class Reader {
  private i = 0;
  readonly texts = new WeakMap<object, Map<string | number, string>>();
  private readonly anchors = new Map<string, YValue>();
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
    readonly resolve: (s: string) => YValue,
  ) {}

  note(container: object, key: string | number, text: string): void {
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
      const key = l.text[0] === '*' ? this.aliasKey(l.text.slice(1, end).trim()) : keyOf(l.text.slice(0, end), this.resolve);
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
    if (c === '|' || c === '>') {
      const startRaw = (this.lines[this.i - 1] as Line).no;
      const b = blockScalar(this.raw, startRaw, text, parentIndent);
      while (this.i < this.lines.length && (this.lines[this.i] as Line).no < startRaw + 1 + b.lines) this.i++;
      return b.value;
    }
    if (c === '[' || c === '{') return flowValue(text, this);
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`') bail();
    if ((c === '-' || c === '?' || c === ':') && (text.length === 1 || text[1] === ' ')) bail();
    const plain = stripComment(text);
    if (plain.includes(': ') || plain.endsWith(':') || plain.includes(' #') || plain.includes('\t')) bail();
    const v = this.resolve(plain);
    if (typeof v !== 'string') this.note(container, key, plain);
    return v;
  }
}

/**
 * Every document of `text`, read with the rules parseYamlDocuments takes; null when the text uses anything outside
 * the supported subset (then use parseYamlDocuments).
 */
export function parseYamlFast(text: string, opts: ParseOptions = {}): FastDoc[] | null {
  const resolve = (opts.rules === 'sigs-yaml' ? resolvePlainV2 : resolvePlain) as (s: string) => YValue;
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
      if (first || marker >= 0) docs.push(new FastDocument(value, startLine, r.texts));
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
