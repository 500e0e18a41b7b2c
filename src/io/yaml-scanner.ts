// YAML scanner with go-yaml's acceptance rules: text → tokens. Block structure is found the way libyaml-style
// scanners do it: indentation opens/closes block collections (BLOCK-*-START / BLOCK-END tokens) and a possible
// "simple key" is remembered for each flow level until a ':' turns it into a KEY (inserted before it). The rules
// that decide what is accepted (tabs, where keys and '-' may appear, anchor name characters, line breaks
// including NEL/LS/PS) follow go-yaml v3, which is what kustomize reads with. Comments are skipped.
import { isBlankAt, isBlankzAt, isBreakAt, scanBlockScalar, scanFlowScalar, scanPlainScalar, scanAnchor, scanTag } from './yaml-scan-scalars.js';

export const enum T {
  StreamEnd,
  DocStart,
  DocEnd,
  BlockSeqStart,
  BlockMapStart,
  BlockEnd,
  FlowSeqStart,
  FlowSeqEnd,
  FlowMapStart,
  FlowMapEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
  TagDirective,
}

export const enum Style {
  Plain = 1,
  Single,
  Double,
  Literal,
  Folded,
}

export interface Token {
  t: T;
  start: number;
  end: number;
  /** Scalar text, anchor/alias name, tag handle, or directive handle. */
  value: string;
  /** Tag suffix or directive prefix. */
  suffix: string;
  style: Style | 0;
}

/** A syntax error at an offset of the scanned text. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  pos: number;
  line: number;
}

export class Scanner {
  pos = 0;
  lineStart = 0;
  line = 0;
  flowLevel = 0;
  indent = -1;
  simpleKeyAllowed = true;
  private readonly indents: number[] = [];
  private readonly simpleKeys: SimpleKey[] = [{ possible: false, required: false, tokenNumber: 0, pos: 0, line: 0 }];
  private tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private done = false;

  constructor(readonly s: string) {
    if (s.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  get column(): number {
    return this.pos - this.lineStart;
  }

  fail(reason: string, at = this.pos): never {
    throw new YamlSyntaxError(at, reason);
  }

  /** Consume one line break (CRLF counts as one). */
  skipLine(): void {
    const s = this.s;
    if (s.charCodeAt(this.pos) === 13 && s.charCodeAt(this.pos + 1) === 10) this.pos += 2;
    else this.pos++;
    this.lineStart = this.pos;
    this.line++;
  }

  /** Consume a line break and return it as go-yaml stores it: CR, LF, CRLF and NEL become '\n'; LS/PS stay. */
  readLine(): string {
    const c = this.s.charCodeAt(this.pos);
    this.skipLine();
    return c === 0x2028 || c === 0x2029 ? String.fromCharCode(c) : '\n';
  }

  peek(): Token {
    this.fetchMore();
    return this.tokens[this.head]!;
  }

  next(): Token {
    this.fetchMore();
    const tok = this.tokens[this.head++]!;
    this.tokensParsed++;
    if (this.head > 256 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
    return tok;
  }

  private fetchMore(): void {
    for (;;) {
      if (this.head < this.tokens.length) {
        // The head token may still become a KEY: keep scanning until that is decided.
        let pending = false;
        for (const k of this.simpleKeys) {
          if (k.possible && k.tokenNumber === this.tokensParsed && this.keyValid(k)) pending = true;
        }
        if (!pending) return;
      } else if (this.done) return;
      this.fetchNext();
    }
  }

  /** A remembered simple key stays usable on its own line within 1024 characters. */
  private keyValid(k: SimpleKey): boolean {
    if (!k.possible) return false;
    if (k.line < this.line || k.pos + 1024 < this.pos) {
      if (k.required) this.fail("could not find expected ':'", k.pos);
      k.possible = false;
      return false;
    }
    return true;
  }

  private add(t: T, start: number, end: number, value = '', suffix = '', style: Style | 0 = 0): void {
    this.tokens.push({ t, start, end, value, suffix, style });
  }

  private insert(queueIndex: number, tok: Token): void {
    this.tokens.splice(this.head + queueIndex, 0, tok);
  }

  private fetchNext(): void {
    this.skipToToken();
    this.unrollIndent(this.column);
    const s = this.s;
    const p = this.pos;
    if (p >= s.length) return this.fetchStreamEnd();
    const c = s[p]!;
    const col = this.column;
    if (col === 0 && c === '%') return this.fetchDirective();
    if (col === 0 && (c === '-' || c === '.') && s[p + 1] === c && s[p + 2] === c && isBlankzAt(s, p + 3)) {
      this.unrollIndent(-1);
      this.removeSimpleKey();
      this.simpleKeyAllowed = false;
      this.pos += 3;
      return this.add(c === '-' ? T.DocStart : T.DocEnd, p, p + 3);
    }
    switch (c) {
      case '[':
      case '{':
        this.saveSimpleKey();
        this.flowLevel++;
        this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokenNumber(), pos: p, line: this.line });
        this.simpleKeyAllowed = true;
        this.pos++;
        return this.add(c === '[' ? T.FlowSeqStart : T.FlowMapStart, p, p + 1);
      case ']':
      case '}':
        this.removeSimpleKey();
        if (this.flowLevel > 0) {
          this.flowLevel--;
          this.simpleKeys.pop();
        }
        this.simpleKeyAllowed = false;
        this.pos++;
        return this.add(c === ']' ? T.FlowSeqEnd : T.FlowMapEnd, p, p + 1);
      case ',':
        this.removeSimpleKey();
        this.simpleKeyAllowed = true;
        this.pos++;
        return this.add(T.FlowEntry, p, p + 1);
    }
    if (c === '-' && isBlankzAt(s, p + 1)) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankzAt(s, p + 1))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankzAt(s, p + 1))) return this.fetchValue();
    if (c === '*' || c === '&') {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      const name = scanAnchor(this, c === '&');
      return this.add(c === '&' ? T.Anchor : T.Alias, p, this.pos, name);
    }
    if (c === '!') {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      const [handle, suffix] = scanTag(this);
      return this.add(T.Tag, p, this.pos, handle, suffix);
    }
    if ((c === '|' || c === '>') && this.flowLevel === 0) {
      this.removeSimpleKey();
      this.simpleKeyAllowed = true;
      const value = scanBlockScalar(this, c === '|');
      return this.add(T.Scalar, p, this.pos, value, '', c === '|' ? Style.Literal : Style.Folded);
    }
    if (c === "'" || c === '"') {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      const value = scanFlowScalar(this, c === "'");
      return this.add(T.Scalar, p, this.pos, value, '', c === "'" ? Style.Single : Style.Double);
    }
    if (this.canStartPlain(c, p)) {
      this.saveSimpleKey();
      this.simpleKeyAllowed = false;
      const [value, end] = scanPlainScalar(this);
      return this.add(T.Scalar, p, end, value, '', Style.Plain);
    }
    this.fail('found character that cannot start any token');
  }

  private canStartPlain(c: string, p: number): boolean {
    if (isBlankzAt(this.s, p)) return false;
    if ('-?:,[]{}#&*!|>\'"%@`'.includes(c)) {
      if (c === '-') return !isBlankAt(this.s, p + 1);
      if (c === '?' || c === ':') return this.flowLevel === 0 && !isBlankzAt(this.s, p + 1);
      return false;
    }
    return true;
  }

  private tokenNumber(): number {
    return this.tokensParsed + this.tokens.length - this.head;
  }

  /** Skip spaces, comments and line breaks; tabs only where go-yaml allows them. */
  private skipToToken(): void {
    const s = this.s;
    for (;;) {
      if (this.pos === this.lineStart && s.charCodeAt(this.pos) === 0xfeff) this.pos++;
      for (;;) {
        const c = s.charCodeAt(this.pos);
        if (c === 32 || (c === 9 && (this.flowLevel > 0 || !this.simpleKeyAllowed))) this.pos++;
        else break;
      }
      if (s.charCodeAt(this.pos) === 35) {
        while (this.pos < s.length && !isBreakAt(s, this.pos)) this.pos++;
      }
      if (this.pos < s.length && isBreakAt(s, this.pos)) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else return;
    }
  }

  private saveSimpleKey(): void {
    if (!this.simpleKeyAllowed) return;
    const required = this.flowLevel === 0 && this.indent === this.column;
    this.removeSimpleKey();
    const k = this.simpleKeys[this.simpleKeys.length - 1]!;
    k.possible = true;
    k.required = required;
    k.tokenNumber = this.tokenNumber();
    k.pos = this.pos;
    k.line = this.line;
  }

  private removeSimpleKey(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (k.possible && k.required) this.fail("could not find expected ':'", k.pos);
    k.possible = false;
  }

  /** Open a block collection at `column` (block context only); `at` is a queue position or -1 for the end. */
  private rollIndent(column: number, tokenNumber: number, t: T, pos: number): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > 10000) this.fail('exceeded max depth of 10000');
    const tok: Token = { t, start: pos, end: pos, value: '', suffix: '', style: 0 };
    if (tokenNumber < 0) this.tokens.push(tok);
    else this.insert(tokenNumber - this.tokensParsed, tok);
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.add(T.BlockEnd, this.pos, this.pos);
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamEnd(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.done = true;
    this.add(T.StreamEnd, this.pos, this.pos);
  }

  private fetchBlockEntry(): void {
    const p = this.pos;
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, T.BlockSeqStart, p);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.pos++;
    this.add(T.BlockEntry, p, p + 1);
  }

  private fetchKey(): void {
    const p = this.pos;
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, T.BlockMapStart, p);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.pos++;
    this.add(T.Key, p, p + 1);
  }

  private fetchValue(): void {
    const p = this.pos;
    const k = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.keyValid(k)) {
      this.insert(k.tokenNumber - this.tokensParsed, { t: T.Key, start: k.pos, end: k.pos, value: '', suffix: '', style: 0 });
      this.rollIndent(k.pos - this.lineStartOf(k), k.tokenNumber, T.BlockMapStart, k.pos);
      k.possible = false;
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, T.BlockMapStart, p);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.pos++;
    this.add(T.Value, p, p + 1);
  }

  /** Line start of a simple key: it is on the current line (a valid key never spans lines). */
  private lineStartOf(k: SimpleKey): number {
    return k.line === this.line ? this.lineStart : k.pos;
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const s = this.s;
    const start = this.pos;
    let end = start + 1;
    while (end < s.length && !isBlankzAt(s, end)) end++;
    const name = s.slice(start + 1, end);
    this.pos = end;
    let handle = '';
    let prefix = '';
    if (name === 'TAG') {
      const m = /^[ \t]+(!(?:[0-9A-Za-z_-]*!)?)[ \t]+([^ \t\r\n]+)/.exec(s.slice(end, end + 1024));
      if (!m) this.fail('did not find expected tag URI');
      handle = m[1]!;
      prefix = m[2]!;
      this.pos += m[0].length;
    }
    // %YAML and unknown directives: the rest of the line is ignored (comments included).
    while (this.pos < s.length && !isBreakAt(s, this.pos)) this.pos++;
    if (name === 'TAG') this.add(T.TagDirective, start, this.pos, handle, prefix);
  }
}
