// Expression parsing (Jinja's precedence climbing: conditional, or, and, not, compare, +/-, ~, * / // %, **, unary,
// postfix, filters and tests). The statement parser in parser.ts extends this class.
import type * as A from './ast.js';
import { children } from './ast.js';
import { TokenStream } from './token-stream.js';
import { describeToken, tokenTest, type Token } from './tokens.js';
import { columnAt, syntaxError } from './errors.js';
import { reprString, type Value } from '../runtime/values.js';

const COMPARE_OPERATORS = new Set(['eq', 'ne', 'lt', 'lteq', 'gt', 'gteq']);
const MATH_NODES: Record<string, A.BinOpName> = { add: 'Add', sub: 'Sub', mul: 'Mul', div: 'Div', floordiv: 'FloorDiv', mod: 'Mod' };

/** Jinja's lower-cased node class name, for "can't assign to 'x'" messages. */
function nodeClassName(n: A.Node): string {
  return n.type.toLowerCase();
}

function canAssign(n: A.Expr): boolean {
  if (n.type === 'Name') return !['true', 'false', 'none', 'True', 'False', 'None'].includes(n.name);
  if (n.type === 'NSRef') return true;
  if (n.type === 'Tuple') return n.items.every(canAssign);
  return false;
}

/** Jinja's set_ctx: every node below (and including) `n` that has a ctx gets `ctx`. */
export function setCtx(n: A.Node, ctx: A.Ctx): void {
  if (n.type === 'Name' || n.type === 'Tuple' || n.type === 'Getattr' || n.type === 'Getitem') n.ctx = ctx;
  for (const c of children(n)) setCtx(c, ctx);
}

export class ExprParser {
  protected readonly stream: TokenStream;

  constructor(
    tokens: Iterator<Token>,
    protected readonly source: string,
    protected readonly name: string | null,
  ) {
    this.stream = new TokenStream(tokens, name, source);
  }

  /** The current token's type (a method so TypeScript does not narrow it across stream moves). */
  protected tt(): string {
    return this.stream.current.type;
  }

  protected posOf(tok: Token): A.Pos {
    return { line: tok.lineno, col: columnAt(this.source, tok.pos) };
  }

  protected cur(): A.Pos {
    return this.posOf(this.stream.current);
  }

  fail(msg: string, at?: A.Pos | Token, type: 'TemplateSyntaxError' | 'TemplateAssertionError' = 'TemplateSyntaxError'): never {
    const tok = this.stream.current;
    if (at === undefined) throw syntaxError(msg, tok.lineno, this.name, this.source, tok.pos, type);
    if ('lineno' in at) throw syntaxError(msg, at.lineno, this.name, this.source, at.pos, type);
    const e = syntaxError(msg, at.line, this.name, undefined, undefined, type);
    e.col = at.col;
    throw e;
  }

  protected isTupleEnd(extraEndRules: string[] | null): boolean {
    const t = this.tt();
    if (t === 'variable_end' || t === 'block_end' || t === 'rparen') return true;
    if (extraEndRules) return extraEndRules.some((e) => tokenTest(this.stream.current, e));
    return false;
  }

  parseAssignTarget(o: { withTuple?: boolean; nameOnly?: boolean; extraEndRules?: string[]; withNamespace?: boolean } = {}): A.Expr {
    const withTuple = o.withTuple ?? true;
    let target: A.Expr;
    if (o.withNamespace && this.stream.look().type === 'dot') {
      const token = this.stream.expect('name');
      this.stream.next();
      const attr = this.stream.expect('name');
      target = { type: 'NSRef', name: token.value as string, attr: attr.value as string, ...this.posOf(token) };
    } else if (o.nameOnly) {
      const token = this.stream.expect('name');
      target = { type: 'Name', name: token.value as string, ctx: 'store', ...this.posOf(token) };
    } else {
      target = withTuple ? this.parseTuple({ simplified: true, extraEndRules: o.extraEndRules ?? null }) : this.parsePrimary();
      setCtx(target, 'store');
    }
    if (!canAssign(target)) this.fail(`can't assign to ${reprString(nodeClassName(target))}`, target);
    return target;
  }

  parseExpression(withCondexpr = true): A.Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  protected parseCondexpr(): A.Expr {
    let p = this.cur();
    let expr1 = this.parseOr();
    while (this.stream.skipIf('name:if')) {
      const expr2 = this.parseOr();
      const expr3 = this.stream.skipIf('name:else') ? this.parseCondexpr() : null;
      expr1 = { type: 'CondExpr', test: expr2, expr1, expr2: expr3, ...p };
      p = this.cur();
    }
    return expr1;
  }

  protected parseOr(): A.Expr {
    let p = this.cur();
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) {
      const right = this.parseAnd();
      left = { type: 'Or', left, right, ...p };
      p = this.cur();
    }
    return left;
  }

  protected parseAnd(): A.Expr {
    let p = this.cur();
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) {
      const right = this.parseNot();
      left = { type: 'And', left, right, ...p };
      p = this.cur();
    }
    return left;
  }

  protected parseNot(): A.Expr {
    if (tokenTest(this.stream.current, 'name:not')) {
      const p = this.posOf(this.stream.next());
      return { type: 'Not', node: this.parseNot(), ...p };
    }
    return this.parseCompare();
  }

  protected parseCompare(): A.Expr {
    let p = this.cur();
    const expr = this.parseMath1();
    const ops: A.Operand[] = [];
    for (;;) {
      const t = this.tt();
      const op = this.cur();
      if (COMPARE_OPERATORS.has(t)) {
        this.stream.next();
        ops.push({ type: 'Operand', op: t as A.CompareOp, expr: this.parseMath1(), ...op });
      } else if (this.stream.skipIf('name:in')) {
        ops.push({ type: 'Operand', op: 'in', expr: this.parseMath1(), ...op });
      } else if (tokenTest(this.stream.current, 'name:not') && tokenTest(this.stream.look(), 'name:in')) {
        this.stream.skip(2);
        ops.push({ type: 'Operand', op: 'notin', expr: this.parseMath1(), ...op });
      } else break;
      p = this.cur();
    }
    if (!ops.length) return expr;
    return { type: 'Compare', expr, ops, ...p };
  }

  protected parseMath1(): A.Expr {
    let p = this.cur();
    let left = this.parseConcat();
    while (this.tt() === 'add' || this.tt() === 'sub') {
      const type = MATH_NODES[this.tt()]!;
      this.stream.next();
      const right = this.parseConcat();
      left = { type, left, right, ...p } as A.BinExpr;
      p = this.cur();
    }
    return left;
  }

  protected parseConcat(): A.Expr {
    const p = this.cur();
    const args = [this.parseMath2()];
    while (this.tt() === 'tilde') {
      this.stream.next();
      args.push(this.parseMath2());
    }
    if (args.length === 1) return args[0]!;
    return { type: 'Concat', nodes: args, ...p };
  }

  protected parseMath2(): A.Expr {
    let p = this.cur();
    let left = this.parsePow();
    for (;;) {
      const t = this.tt();
      if (t !== 'mul' && t !== 'div' && t !== 'floordiv' && t !== 'mod') break;
      this.stream.next();
      const right = this.parsePow();
      left = { type: MATH_NODES[t]!, left, right, ...p } as A.BinExpr;
      p = this.cur();
    }
    return left;
  }

  protected parsePow(): A.Expr {
    let p = this.cur();
    let left = this.parseUnary();
    while (this.tt() === 'pow') {
      this.stream.next();
      const right = this.parseUnary();
      left = { type: 'Pow', left, right, ...p };
      p = this.cur();
    }
    return left;
  }

  protected parseUnary(withFilter = true): A.Expr {
    const t = this.tt();
    const p = this.cur();
    let node: A.Expr;
    if (t === 'sub') {
      this.stream.next();
      node = { type: 'Neg', node: this.parseUnary(false), ...p };
    } else if (t === 'add') {
      this.stream.next();
      node = { type: 'Pos', node: this.parseUnary(false), ...p };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  protected parsePrimary(): A.Expr {
    const token = this.stream.current;
    const p = this.posOf(token);
    if (token.type === 'name') {
      const v = token.value as string;
      let node: A.Expr;
      if (v === 'true' || v === 'false' || v === 'True' || v === 'False') node = { type: 'Const', value: v === 'true' || v === 'True', ...p };
      else if (v === 'none' || v === 'None') node = { type: 'Const', value: null, ...p };
      else node = { type: 'Name', name: v, ctx: 'load', ...p };
      this.stream.next();
      return node;
    }
    if (token.type === 'string') {
      this.stream.next();
      let s = token.value as string;
      while (this.tt() === 'string') {
        s += this.stream.current.value as string;
        this.stream.next();
      }
      return { type: 'Const', value: s, ...p };
    }
    if (token.type === 'integer' || token.type === 'float') {
      this.stream.next();
      return { type: 'Const', value: token.value as Value, ...p };
    }
    if (token.type === 'lparen') {
      this.stream.next();
      const node = this.parseTuple({ explicitParentheses: true });
      this.stream.expect('rparen');
      return node;
    }
    if (token.type === 'lbracket') return this.parseList();
    if (token.type === 'lbrace') return this.parseDict();
    this.fail(`unexpected ${reprString(describeToken(token))}`, token);
  }

  parseTuple(o: { simplified?: boolean; withCondexpr?: boolean; extraEndRules?: string[] | null; explicitParentheses?: boolean } = {}): A.Expr {
    let p = this.cur();
    const parse = o.simplified
      ? (): A.Expr => this.parsePrimary()
      : (o.withCondexpr ?? true)
        ? (): A.Expr => this.parseExpression()
        : (): A.Expr => this.parseExpression(false);
    const args: A.Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (args.length) this.stream.expect('comma');
      if (this.isTupleEnd(o.extraEndRules ?? null)) break;
      args.push(parse());
      if (this.tt() === 'comma') isTuple = true;
      else break;
      p = this.cur();
    }
    if (!isTuple) {
      if (args.length) return args[0]!;
      if (!o.explicitParentheses) this.fail(`Expected an expression, got ${reprString(describeToken(this.stream.current))}`);
    }
    return { type: 'Tuple', items: args, ctx: 'load', ...p };
  }

  protected parseList(): A.ListNode {
    const p = this.posOf(this.stream.expect('lbracket'));
    const items: A.Expr[] = [];
    while (this.tt() !== 'rbracket') {
      if (items.length) this.stream.expect('comma');
      if (this.tt() === 'rbracket') break;
      items.push(this.parseExpression());
    }
    this.stream.expect('rbracket');
    return { type: 'List', items, ...p };
  }

  protected parseDict(): A.DictNode {
    const p = this.posOf(this.stream.expect('lbrace'));
    const items: A.Pair[] = [];
    while (this.tt() !== 'rbrace') {
      if (items.length) this.stream.expect('comma');
      if (this.tt() === 'rbrace') break;
      const key = this.parseExpression();
      this.stream.expect('colon');
      const value = this.parseExpression();
      items.push({ type: 'Pair', key, value, line: key.line, col: key.col });
    }
    this.stream.expect('rbrace');
    return { type: 'Dict', items, ...p };
  }

  protected parsePostfix(node: A.Expr): A.Expr {
    for (;;) {
      const t = this.tt();
      if (t === 'dot' || t === 'lbracket') node = this.parseSubscript(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  protected parseFilterExpr(node: A.Expr): A.Expr {
    for (;;) {
      const t = this.tt();
      if (t === 'pipe') node = this.parseFilter(node)!;
      else if (t === 'name' && this.stream.current.value === 'is') node = this.parseTest(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  protected parseSubscript(node: A.Expr): A.Getattr | A.Getitem {
    const token = this.stream.next();
    const p = this.posOf(token);
    if (token.type === 'dot') {
      const attr = this.stream.current;
      this.stream.next();
      if (attr.type === 'name') return { type: 'Getattr', node, attr: attr.value as string, ctx: 'load', ...p };
      if (attr.type !== 'integer') this.fail('expected name or number', attr);
      const arg: A.Const = { type: 'Const', value: attr.value as Value, ...this.posOf(attr) };
      return { type: 'Getitem', node, arg, ctx: 'load', ...p };
    }
    if (token.type === 'lbracket') {
      const args: A.Expr[] = [];
      while (this.tt() !== 'rbracket') {
        if (args.length) this.stream.expect('comma');
        args.push(this.parseSubscribed());
      }
      this.stream.expect('rbracket');
      const arg: A.Expr = args.length === 1 ? args[0]! : { type: 'Tuple', items: args, ctx: 'load', ...p };
      return { type: 'Getitem', node, arg, ctx: 'load', ...p };
    }
    this.fail('expected subscript expression', token);
  }

  protected parseSubscribed(): A.Expr {
    const p = this.cur();
    const args: (A.Expr | null)[] = [];
    if (this.tt() === 'colon') {
      this.stream.next();
      args.push(null);
    } else {
      const node = this.parseExpression();
      if (this.tt() !== 'colon') return node;
      this.stream.next();
      args.push(node);
    }
    if (this.tt() === 'colon') args.push(null);
    else if (this.tt() !== 'rbracket' && this.tt() !== 'comma') args.push(this.parseExpression());
    else args.push(null);
    if (this.tt() === 'colon') {
      this.stream.next();
      if (this.tt() !== 'rbracket' && this.tt() !== 'comma') args.push(this.parseExpression());
      else args.push(null);
    } else args.push(null);
    return { type: 'Slice', start: args[0]!, stop: args[1]!, step: args[2]!, ...p };
  }

  protected parseCallArgs(): A.CallArgs {
    const token = this.stream.expect('lparen');
    const args: A.Expr[] = [];
    const kwargs: A.Keyword[] = [];
    let dynArgs: A.Expr | null = null;
    let dynKwargs: A.Expr | null = null;
    let requireComma = false;
    const ensure = (ok: boolean): void => {
      if (!ok) this.fail('invalid syntax for function call expression', token);
    };
    while (this.tt() !== 'rparen') {
      if (requireComma) {
        this.stream.expect('comma');
        if (this.tt() === 'rparen') break;
      }
      if (this.tt() === 'mul') {
        ensure(dynArgs === null && dynKwargs === null);
        this.stream.next();
        dynArgs = this.parseExpression();
      } else if (this.tt() === 'pow') {
        ensure(dynKwargs === null);
        this.stream.next();
        dynKwargs = this.parseExpression();
      } else if (this.tt() === 'name' && this.stream.look().type === 'assign') {
        ensure(dynKwargs === null);
        const key = this.stream.current.value as string;
        this.stream.skip(2);
        const value = this.parseExpression();
        kwargs.push({ type: 'Keyword', key, value, line: value.line, col: value.col });
      } else {
        ensure(dynArgs === null && dynKwargs === null && kwargs.length === 0);
        args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.stream.expect('rparen');
    return { args, kwargs, dynArgs, dynKwargs };
  }

  protected parseCall(node: A.Expr): A.Call {
    const p = this.cur();
    const a = this.parseCallArgs();
    return { type: 'Call', node, ...a, ...p };
  }

  protected parseFilter(node: A.Expr | null, startInline = false): A.Expr | null {
    while (this.tt() === 'pipe' || startInline) {
      if (!startInline) this.stream.next();
      const token = this.stream.expect('name');
      let name = token.value as string;
      while (this.tt() === 'dot') {
        this.stream.next();
        name += '.' + (this.stream.expect('name').value as string);
      }
      const a: A.CallArgs = this.tt() === 'lparen' ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      node = { type: 'Filter', node, name, ...a, ...this.posOf(token) };
      startInline = false;
    }
    return node;
  }

  protected parseTest(node: A.Expr): A.Expr {
    const token = this.stream.next();
    let negated = false;
    if (tokenTest(this.stream.current, 'name:not')) {
      this.stream.next();
      negated = true;
    }
    let name = this.stream.expect('name').value as string;
    while (this.tt() === 'dot') {
      this.stream.next();
      name += '.' + (this.stream.expect('name').value as string);
    }
    let a: A.CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const cur = this.stream.current;
    if (cur.type === 'lparen') a = this.parseCallArgs();
    else if (
      ['name', 'string', 'integer', 'float', 'lparen', 'lbracket', 'lbrace'].includes(cur.type) &&
      !(tokenTest(cur, 'name:else') || tokenTest(cur, 'name:or') || tokenTest(cur, 'name:and'))
    ) {
      if (tokenTest(cur, 'name:is')) this.fail('You cannot chain multiple tests with is');
      let arg = this.parsePrimary();
      arg = this.parsePostfix(arg);
      a.args = [arg];
    }
    const p = this.posOf(token);
    const test: A.Test = { type: 'Test', node, name, ...a, ...p };
    return negated ? { type: 'Not', node: test, ...p } : test;
  }

}
