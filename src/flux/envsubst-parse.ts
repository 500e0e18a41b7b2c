// Parser for Flux post-build variable expressions (fluxcd/pkg envsubst v1.7). Flux's scanner has quirks users rely on
// without knowing (`$$` escapes, `\/` inside replace patterns, a default's text running up to the first `}`), so this
// follows the same state machine: a scanner with a mode and an accept predicate, driven by small parse functions.

export type EnvNode = TextNode | FuncNode | ListNode;
export interface TextNode {
  type: 'text';
  value: string;
}
export interface FuncNode {
  type: 'func';
  /** Variable name. */
  param: string;
  /** Operator (`''` for a plain `${V}`, `:=`, `/`, `^^`, `#`...). */
  name: string;
  args: EnvNode[];
  /** The expression as written (escapes already applied), used when a value is unknown. */
  raw: string;
}
export interface ListNode {
  type: 'list';
  nodes: EnvNode[];
}

/** A template that Flux would refuse: the whole Kustomization fails with this message. */
export class EnvsubstParseError extends Error {
  /** Offset in the input of the expression that failed. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'EnvsubstParseError';
    this.offset = offset;
  }
}

// Upstream's error texts, kept because users search for them.
const BAD_SUBSTITUTION = 'bad substitution';
const MISSING_CLOSING_BRACE = 'missing closing brace';
const BAD_VARIABLE_NAME = 'unable to parse variable name';
const BAD_FUNC_ARGUMENT = 'unable to parse substitution within function';
const BAD_DEFAULT = 'unable to parse default function';

const EOF = 0;
const enum Tok {
  Illegal,
  EOF,
  Ident,
  Lbrack,
  Rbrack,
}
// Mode bits.
const IDENT = 1;
const LBRACK = 2;
const RBRACK = 4;
const ESCAPE = 8;
// Escape bits.
const DOLLAR = 1;
const BACKSLASH = 2;

/** Accepts rune `r`; `i` is how many code units the token holds including `r`. */
type Accept = (r: number, i: number) => boolean;

const ch = (c: string): number => c.charCodeAt(0);
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}_]/u;
const acceptAny: Accept = () => true;
const acceptIdent: Accept = (r) => LETTER_OR_DIGIT.test(String.fromCodePoint(r));
const acceptColonRun: Accept = (r) => r === ch(':');
const acceptOneHash: Accept = (r, i) => r === ch('#') && i === 1;
const acceptNotClosing: Accept = (r) => r !== ch('}');
const acceptHashOp: Accept = (r, i) => r === ch('#') && i < 3;
const acceptPercentOp: Accept = (r, i) => r === ch('%') && i < 3;
const acceptDefaultOp: Accept = (r, i) =>
  (i === 1 && r === ch(':')) || (i === 2 && (r === ch('=') || r === ch('-') || r === ch('?') || r === ch('+')));
const acceptReplaceOp: Accept = (r, i) =>
  (i === 1 && r === ch('/')) || (i === 2 && (r === ch('/') || r === ch('#') || r === ch('%')));
const acceptOneEqual: Accept = (r, i) => i === 1 && r === ch('=');
const acceptOneColon: Accept = (r, i) => i === 1 && r === ch(':');
const rejectColonClose: Accept = (r) => r !== ch(':') && r !== ch('}');
const acceptSlashRun: Accept = (r) => r === ch('/');
const acceptNotSlash: Accept = (r) => r !== ch('/');
const acceptCasingOp: Accept = (r, i) => (r === ch(',') || r === ch('^')) && i < 3;

class Scanner {
  buf: string;
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  escapes = 0;
  accept: Accept = acceptAny;

  constructor(buf: string) {
    this.buf = buf;
  }

  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.buf.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }
  unread(): void {
    this.pos -= this.width;
  }
  /** Drops the (one-unit) escape character just read from the buffer. */
  skip(): void {
    this.buf = this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos);
  }
  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }
  text(): string {
    return this.buf.slice(this.start, this.pos);
  }

  scan(): Tok {
    this.start = this.pos;
    const r = this.read();
    if (r === EOF) return Tok.EOF;
    if (this.lbrack(r)) return Tok.Lbrack;
    if (this.mode & RBRACK && r === ch('}')) return Tok.Rbrack;
    if (this.ident(r)) return Tok.Ident;
    return Tok.Illegal;
  }

  private ident(r: number): boolean {
    if (!(this.mode & IDENT)) return false;
    if (this.escaped(r)) this.skip();
    else if (!this.accept(r, this.pos - this.start)) return false;
    for (;;) {
      const c = this.read();
      if (c === EOF) {
        this.unread();
        break;
      }
      if (this.lbrack(c)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.escaped(c)) {
        this.skip();
        continue;
      }
      if (!this.accept(c, this.pos - this.start)) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private lbrack(r: number): boolean {
    if (!(this.mode & LBRACK) || r !== ch('$')) return false;
    if (this.read() === ch('{')) return true;
    this.unread();
    return false;
  }

  private escaped(r: number): boolean {
    if (!(this.mode & ESCAPE)) return false;
    if (r === ch('$') && this.escapes & DOLLAR && this.peek() === ch('$')) return true;
    if (r === ch('\\') && this.escapes & BACKSLASH) {
      const next = this.peek();
      return next === ch('/') || next === ch('\\');
    }
    return false;
  }
}

const EMPTY: TextNode = { type: 'text', value: '' };

class Parser {
  readonly s: Scanner;
  /** Where the innermost expression being parsed starts: errors point there. */
  private exprStart = -1;
  constructor(text: string) {
    this.s = new Scanner(text);
  }

  fail(message: string): never {
    throw new EnvsubstParseError(message, this.exprStart >= 0 ? this.exprStart : this.s.pos);
  }

  /** The top level: text and expressions until the end (iterative; a resource may hold thousands of them). */
  any(): EnvNode {
    const s = this.s;
    const nodes: EnvNode[] = [];
    for (;;) {
      s.accept = acceptAny;
      s.mode = IDENT | LBRACK | ESCAPE;
      s.escapes = DOLLAR;
      switch (s.scan()) {
        case Tok.Ident:
          nodes.push({ type: 'text', value: s.text() });
          break;
        case Tok.Lbrack:
          nodes.push(this.func(s.start));
          break;
        case Tok.EOF:
          return nodes.length === 0 ? EMPTY : nodes.length === 1 ? nodes[0]! : { type: 'list', nodes };
        default:
          return this.fail(BAD_SUBSTITUTION);
      }
    }
  }

  /** After `${`; `start` is the offset of the `$`. */
  func(start: number): FuncNode {
    const s = this.s;
    this.exprStart = start;
    s.escapes = DOLLAR | BACKSLASH;
    if (s.peek() === ch('#')) return this.finish(this.lenFunc(), start);
    s.accept = acceptIdent;
    s.mode = IDENT;
    if (s.scan() !== Tok.Ident) this.fail(BAD_VARIABLE_NAME);
    const name = s.text();
    switch (s.peek()) {
      case ch(':'):
        return this.finish(this.defaultOrSubstr(name), start);
      case ch('='):
        return this.finish(this.defaultFunc(name), start);
      case ch(','):
      case ch('^'):
        return this.finish(this.opOnly(name, acceptCasingOp), start);
      case ch('/'):
        return this.finish(this.replaceFunc(name), start);
      case ch('#'):
        return this.finish(this.removeFunc(name, acceptHashOp), start);
      case ch('%'):
        return this.finish(this.removeFunc(name, acceptPercentOp), start);
    }
    s.accept = acceptIdent;
    s.mode = RBRACK;
    if (s.scan() !== Tok.Rbrack) this.fail(MISSING_CLOSING_BRACE);
    return this.finish({ type: 'func', param: name, name: '', args: [], raw: '' }, start);
  }

  private finish(node: FuncNode, start: number): FuncNode {
    node.raw = this.s.buf.slice(start, this.s.pos);
    return node;
  }

  private param(accept: Accept, mode: number): EnvNode {
    const s = this.s;
    s.accept = accept;
    s.mode = mode | LBRACK;
    switch (s.scan()) {
      case Tok.Lbrack:
        return this.func(s.start);
      case Tok.Ident:
      case Tok.Rbrack:
        return { type: 'text', value: s.text() };
      default:
        return this.fail(BAD_FUNC_ARGUMENT);
    }
  }

  private op(accept: Accept, error = BAD_SUBSTITUTION): string {
    const s = this.s;
    s.accept = accept;
    s.mode = IDENT;
    if (s.scan() !== Tok.Ident) this.fail(error);
    return s.text();
  }

  private closeBrace(): void {
    this.s.mode = RBRACK;
    if (this.s.scan() !== Tok.Rbrack) this.fail(BAD_SUBSTITUTION);
  }

  private defaultOrSubstr(name: string): FuncNode {
    const s = this.s;
    s.read();
    const r = s.peek();
    s.unread();
    return r === ch('=') || r === ch('-') || r === ch('?') || r === ch('+') ? this.defaultFunc(name) : this.substrFunc(name);
  }

  private substrFunc(param: string): FuncNode {
    const s = this.s;
    const node: FuncNode = { type: 'func', param, name: this.op(acceptOneColon), args: [], raw: '' };
    node.args.push(this.param(rejectColonClose, IDENT));
    s.accept = acceptColonRun;
    s.mode = IDENT | RBRACK;
    const t = s.scan();
    if (t === Tok.Rbrack) return node;
    if (t !== Tok.Ident) this.fail(BAD_SUBSTITUTION);
    node.args.push(this.param(acceptNotClosing, IDENT));
    this.closeBrace();
    return node;
  }

  private removeFunc(param: string, accept: Accept): FuncNode {
    const node: FuncNode = { type: 'func', param, name: this.op(accept), args: [], raw: '' };
    node.args.push(this.param(acceptNotClosing, IDENT));
    this.closeBrace();
    return node;
  }

  private replaceFunc(param: string): FuncNode {
    const s = this.s;
    const node: FuncNode = { type: 'func', param, name: this.op(acceptReplaceOp), args: [], raw: '' };
    node.args.push(this.param(acceptNotSlash, IDENT | ESCAPE));
    this.op(acceptSlashRun);
    if (s.peek() === ch('}')) {
      this.closeBrace();
      return node;
    }
    node.args.push(this.param(acceptNotClosing, IDENT | ESCAPE));
    this.closeBrace();
    return node;
  }

  private defaultFunc(param: string): FuncNode {
    const s = this.s;
    const name = this.op(s.peek() === ch('=') ? acceptOneEqual : acceptDefaultOp, BAD_DEFAULT);
    const node: FuncNode = { type: 'func', param, name, args: [], raw: '' };
    while (s.peek() !== ch('}')) node.args.push(this.param(acceptNotClosing, IDENT));
    this.closeBrace();
    return node;
  }

  private opOnly(param: string, accept: Accept): FuncNode {
    const node: FuncNode = { type: 'func', param, name: this.op(accept), args: [], raw: '' };
    this.closeBrace();
    return node;
  }

  private lenFunc(): FuncNode {
    const name = this.op(acceptOneHash);
    const param = this.op(acceptIdent);
    this.closeBrace();
    return { type: 'func', param, name, args: [], raw: '' };
  }
}

/** Parses a whole text (one resource's YAML); throws EnvsubstParseError where Flux would fail. */
export function parseEnvsubst(text: string): EnvNode {
  return new Parser(text).any();
}
