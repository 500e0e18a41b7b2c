// A token stream over the lazy lexer with one-token look-ahead and push-back, as the parser needs it.
import { describeToken, describeTokenExpr, tokenTest, type Token } from './tokens.js';
import { syntaxError } from './errors.js';
import { reprString } from '../runtime/values.js';

export class TokenStream {
  current: Token;
  private readonly iter: Iterator<Token>;
  private readonly pushed: Token[] = [];
  private closed = false;

  constructor(
    gen: Iterator<Token>,
    readonly name: string | null,
    readonly source: string,
  ) {
    this.iter = gen;
    this.current = { type: 'initial', value: '', lineno: 1, pos: 0 };
    this.next();
  }

  /** True while tokens remain. */
  get more(): boolean {
    return this.pushed.length > 0 || this.current.type !== 'eof';
  }

  push(tok: Token): void {
    this.pushed.push(tok);
  }

  look(): Token {
    const old = this.next();
    const result = this.current;
    this.push(result);
    this.current = old;
    return result;
  }

  skip(n = 1): void {
    for (let i = 0; i < n; i++) this.next();
  }

  nextIf(expr: string): Token | null {
    if (tokenTest(this.current, expr)) return this.next();
    return null;
  }

  skipIf(expr: string): boolean {
    return this.nextIf(expr) !== null;
  }

  /** Advance; returns the token that was current. */
  next(): Token {
    const rv = this.current;
    if (this.pushed.length > 0) this.current = this.pushed.shift()!;
    else if (this.current.type !== 'eof') {
      const r = this.closed ? { done: true as const, value: undefined } : this.iter.next();
      if (r.done) this.close();
      else this.current = r.value;
    }
    return rv;
  }

  close(): void {
    this.current = { type: 'eof', value: '', lineno: this.current.lineno, pos: this.source.length };
    this.closed = true;
  }

  expect(expr: string): Token {
    if (!tokenTest(this.current, expr)) {
      const desc = describeTokenExpr(expr);
      const q = reprString;
      if (this.current.type === 'eof') {
        throw syntaxError(`unexpected end of template, expected ${q(desc)}.`, this.current.lineno, this.name, this.source, this.current.pos);
      }
      throw syntaxError(
        `expected token ${q(desc)}, got ${q(describeToken(this.current))}`,
        this.current.lineno,
        this.name,
        this.source,
        this.current.pos,
      );
    }
    return this.next();
  }
}
