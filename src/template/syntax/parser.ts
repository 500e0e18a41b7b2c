// The template parser: tokens → syntax tree, with Jinja's grammar, precedence and error messages.
import type * as A from './ast.js';
import { children } from './ast.js';
import { TokenStream } from './token-stream.js';
import { describeToken, describeTokenExpr, tokenTest, type Token } from './tokens.js';
import { columnAt, syntaxError } from './errors.js';
import { reprString, type Value } from '../runtime/values.js';

const STATEMENT_KEYWORDS = new Set(['for', 'if', 'block', 'extends', 'print', 'macro', 'include', 'from', 'import', 'set', 'with', 'autoescape']);
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
function setCtx(n: A.Node, ctx: A.Ctx): void {
  if (n.type === 'Name' || n.type === 'Tuple' || n.type === 'Getattr' || n.type === 'Getitem') n.ctx = ctx;
  for (const c of children(n)) setCtx(c, ctx);
}

export interface ParserOptions {
  /** Enabled extension tags: 'do', 'break', 'continue', 'debug'. */
  extensionTags: Set<string>;
}

export class Parser {
  private readonly stream: TokenStream;
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];

  constructor(
    tokens: Iterator<Token>,
    private readonly source: string,
    private readonly name: string | null,
    private readonly options: ParserOptions,
  ) {
    this.stream = new TokenStream(tokens, name, source);
  }

  /** The current token's type (a method so TypeScript does not narrow it across stream moves). */
  private tt(): string {
    return this.stream.current.type;
  }

  private posOf(tok: Token): A.Pos {
    return { line: tok.lineno, col: columnAt(this.source, tok.pos) };
  }

  private cur(): A.Pos {
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

  private failUtEof(name: string | null, endTokenStack: string[][], at: A.Pos | Token): never {
    const expected = new Set<string>();
    for (const exprs of endTokenStack) for (const e of exprs) expected.add(describeTokenExpr(e));
    const currentlyLooking = endTokenStack.length
      ? endTokenStack[endTokenStack.length - 1]!.map((e) => reprString(describeTokenExpr(e))).join(' or ')
      : null;
    const message = name === null ? ['Unexpected end of template.'] : [`Encountered unknown tag ${reprString(name)}.`];
    if (currentlyLooking) {
      if (name !== null && expected.has(name)) {
        message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${currentlyLooking}.`);
      } else {
        message.push(`Jinja was looking for the following tags: ${currentlyLooking}.`);
      }
    }
    if (this.tagStack.length) message.push(`The innermost block that needs to be closed is ${reprString(this.tagStack[this.tagStack.length - 1]!)}.`);
    this.fail(message.join(' '), at);
  }

  private failUnknownTag(name: string, at: Token): never {
    this.failUtEof(name, this.endTokenStack, at);
  }

  private failEof(endTokens: string[] | null, at?: Token): never {
    const stack = [...this.endTokenStack];
    if (endTokens) stack.push(endTokens);
    this.failUtEof(null, stack, at ?? this.stream.current);
  }

  private isTupleEnd(extraEndRules: string[] | null): boolean {
    const t = this.tt();
    if (t === 'variable_end' || t === 'block_end' || t === 'rparen') return true;
    if (extraEndRules) return extraEndRules.some((e) => tokenTest(this.stream.current, e));
    return false;
  }

  private parseStatement(): A.Stmt | A.Stmt[] {
    const token = this.stream.current;
    if (token.type !== 'name') this.fail('tag name expected', token);
    const tag = token.value as string;
    this.tagStack.push(tag);
    let popTag = true;
    try {
      if (STATEMENT_KEYWORDS.has(tag)) {
        switch (tag) {
          case 'for':
            return this.parseFor();
          case 'if':
            return this.parseIf();
          case 'block':
            return this.parseBlock();
          case 'extends':
            return this.parseExtends();
          case 'print':
            return this.parsePrint();
          case 'macro':
            return this.parseMacro();
          case 'include':
            return this.parseInclude();
          case 'from':
            return this.parseFrom();
          case 'import':
            return this.parseImport();
          case 'set':
            return this.parseSet();
          case 'with':
            return this.parseWith();
          case 'autoescape':
            return this.parseAutoescape();
        }
      }
      if (tag === 'call') return this.parseCallBlock();
      if (tag === 'filter') return this.parseFilterBlock();
      if (this.options.extensionTags.has(tag)) return this.parseExtensionTag(tag);
      this.tagStack.pop();
      popTag = false;
      return this.failUnknownTag(tag, token);
    } finally {
      if (popTag) this.tagStack.pop();
    }
  }

  private parseExtensionTag(tag: string): A.Stmt {
    const tok = this.stream.next();
    const p = this.posOf(tok);
    if (tag === 'do') return { type: 'ExprStmt', node: this.parseTuple(), ...p };
    if (tag === 'break') return { type: 'Break', ...p };
    if (tag === 'continue') return { type: 'Continue', ...p };
    return { type: 'Output', nodes: [{ type: 'DebugExpr', ...p }], ...p };
  }

  private parseStatements(endTokens: string[], dropNeedle = false): A.Stmt[] {
    this.stream.skipIf('colon');
    this.stream.expect('block_end');
    const result = this.subparse(endTokens);
    if (this.tt() === 'eof') this.failEof(endTokens);
    if (dropNeedle) this.stream.next();
    return result;
  }

  private parseSet(): A.Assign | A.AssignBlock {
    const p = this.posOf(this.stream.next());
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.stream.skipIf('assign')) {
      const node = this.parseTuple();
      return { type: 'Assign', target, node, ...p };
    }
    const filter = this.parseFilter(null) as A.Filter | null;
    const body = this.parseStatements(['name:endset'], true);
    return { type: 'AssignBlock', target, filter, body, ...p };
  }

  private parseFor(): A.For {
    const p = this.posOf(this.stream.expect('name:for'));
    const target = this.parseAssignTarget({ extraEndRules: ['name:in'] });
    this.stream.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    let test: A.Expr | null = null;
    if (this.stream.skipIf('name:if')) test = this.parseExpression();
    const recursive = this.stream.skipIf('name:recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    let else_: A.Stmt[];
    if (this.stream.next().value === 'endfor') else_ = [];
    else else_ = this.parseStatements(['name:endfor'], true);
    return { type: 'For', target, iter, body, else_, test, recursive, ...p };
  }

  private parseIf(): A.If {
    const p = this.posOf(this.stream.expect('name:if'));
    const result: A.If = { type: 'If', test: null as unknown as A.Expr, body: [], elif_: [], else_: [], ...p };
    let node = result;
    for (;;) {
      node.test = this.parseTuple({ withCondexpr: false });
      node.body = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
      node.elif_ = [];
      node.else_ = [];
      const token = this.stream.next();
      if (tokenTest(token, 'name:elif')) {
        node = { type: 'If', test: null as unknown as A.Expr, body: [], elif_: [], else_: [], ...this.cur() };
        result.elif_.push(node);
        continue;
      } else if (tokenTest(token, 'name:else')) {
        result.else_ = this.parseStatements(['name:endif'], true);
      }
      break;
    }
    return result;
  }

  private parseWith(): A.With {
    const p = this.posOf(this.stream.next());
    const targets: A.Expr[] = [];
    const values: A.Expr[] = [];
    while (this.tt() !== 'block_end') {
      if (targets.length) this.stream.expect('comma');
      const target = this.parseAssignTarget();
      setCtx(target, 'param');
      targets.push(target);
      this.stream.expect('assign');
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(['name:endwith'], true);
    return { type: 'With', targets, values, body, ...p };
  }

  private parseAutoescape(): A.Scope {
    const p = this.posOf(this.stream.next());
    const value = this.parseExpression();
    const options: A.Keyword[] = [{ type: 'Keyword', key: 'autoescape', value, ...p }];
    const body = this.parseStatements(['name:endautoescape'], true);
    return { type: 'Scope', body: [{ type: 'ScopedEvalContextModifier', options, body, ...p }], ...p };
  }

  private parseBlock(): A.Block {
    const p = this.posOf(this.stream.next());
    const name = this.stream.expect('name').value as string;
    const scoped = this.stream.skipIf('name:scoped');
    const required = this.stream.skipIf('name:required');
    if (this.tt() === 'sub') {
      this.fail('Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.');
    }
    const body = this.parseStatements(['name:endblock'], true);
    if (required) {
      const ok = body.every((b) => b.type === 'Output' && b.nodes.every((c) => c.type === 'TemplateData' && /^\s+$/u.test(c.data)));
      if (!ok) this.fail('Required blocks can only contain comments or whitespace');
    }
    this.stream.skipIf('name:' + name);
    return { type: 'Block', name, body, scoped, required, ...p };
  }

  private parseExtends(): A.Extends {
    const p = this.posOf(this.stream.next());
    return { type: 'Extends', template: this.parseExpression(), ...p };
  }

  private parseImportContext(dflt: boolean): boolean {
    if ((tokenTest(this.stream.current, 'name:with') || tokenTest(this.stream.current, 'name:without')) && tokenTest(this.stream.look(), 'name:context')) {
      const v = this.stream.next().value === 'with';
      this.stream.skip();
      return v;
    }
    return dflt;
  }

  private parseInclude(): A.Include {
    const p = this.posOf(this.stream.next());
    const template = this.parseExpression();
    let ignoreMissing = false;
    if (tokenTest(this.stream.current, 'name:ignore') && tokenTest(this.stream.look(), 'name:missing')) {
      ignoreMissing = true;
      this.stream.skip(2);
    }
    const withContext = this.parseImportContext(true);
    return { type: 'Include', template, ignoreMissing, withContext, ...p };
  }

  private parseImport(): A.Import {
    const p = this.posOf(this.stream.next());
    const template = this.parseExpression();
    this.stream.expect('name:as');
    const target = (this.parseAssignTarget({ nameOnly: true }) as A.Name).name;
    const withContext = this.parseImportContext(false);
    return { type: 'Import', template, target, withContext, ...p };
  }

  private parseFrom(): A.FromImport {
    const p = this.posOf(this.stream.next());
    const template = this.parseExpression();
    this.stream.expect('name:import');
    const names: (string | [string, string])[] = [];
    let withContext: boolean | undefined;
    const parseContext = (): boolean => {
      const v = this.stream.current.value;
      if ((v === 'with' || v === 'without') && tokenTest(this.stream.look(), 'name:context')) {
        withContext = this.stream.next().value === 'with';
        this.stream.skip();
        return true;
      }
      return false;
    };
    for (;;) {
      if (names.length) this.stream.expect('comma');
      if (this.tt() === 'name') {
        if (parseContext()) break;
        const target = this.parseAssignTarget({ nameOnly: true }) as A.Name;
        if (target.name.startsWith('_')) {
          this.fail('names starting with an underline can not be imported', target, 'TemplateAssertionError');
        }
        if (this.stream.skipIf('name:as')) {
          const alias = this.parseAssignTarget({ nameOnly: true }) as A.Name;
          names.push([target.name, alias.name]);
        } else names.push(target.name);
        if (parseContext() || this.tt() !== 'comma') break;
      } else {
        this.stream.expect('name');
      }
    }
    return { type: 'FromImport', template, names, withContext: withContext ?? false, ...p };
  }

  private parseSignature(): { args: A.Name[]; defaults: A.Expr[] } {
    const args: A.Name[] = [];
    const defaults: A.Expr[] = [];
    this.stream.expect('lparen');
    while (this.tt() !== 'rparen') {
      if (args.length) this.stream.expect('comma');
      const arg = this.parseAssignTarget({ nameOnly: true }) as A.Name;
      arg.ctx = 'param';
      if (this.stream.skipIf('assign')) defaults.push(this.parseExpression());
      else if (defaults.length) this.fail('non-default argument follows default argument');
      args.push(arg);
    }
    this.stream.expect('rparen');
    return { args, defaults };
  }

  private parseCallBlock(): A.CallBlock {
    const p = this.posOf(this.stream.next());
    const sig = this.tt() === 'lparen' ? this.parseSignature() : { args: [], defaults: [] };
    const call = this.parseExpression();
    if (call.type !== 'Call') this.fail('expected call', p);
    const body = this.parseStatements(['name:endcall'], true);
    return { type: 'CallBlock', call, args: sig.args, defaults: sig.defaults, body, ...p };
  }

  private parseFilterBlock(): A.FilterBlock {
    const p = this.posOf(this.stream.next());
    const filter = this.parseFilter(null, true) as A.Filter;
    const body = this.parseStatements(['name:endfilter'], true);
    return { type: 'FilterBlock', body, filter, ...p };
  }

  private parseMacro(): A.Macro {
    const p = this.posOf(this.stream.next());
    const name = (this.parseAssignTarget({ nameOnly: true }) as A.Name).name;
    const sig = this.parseSignature();
    const body = this.parseStatements(['name:endmacro'], true);
    return { type: 'Macro', name, args: sig.args, defaults: sig.defaults, body, ...p };
  }

  private parsePrint(): A.Output {
    const p = this.posOf(this.stream.next());
    const nodes: A.Expr[] = [];
    while (this.tt() !== 'block_end') {
      if (nodes.length) this.stream.expect('comma');
      nodes.push(this.parseExpression());
    }
    return { type: 'Output', nodes, ...p };
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

  private parseCondexpr(): A.Expr {
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

  private parseOr(): A.Expr {
    let p = this.cur();
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) {
      const right = this.parseAnd();
      left = { type: 'Or', left, right, ...p };
      p = this.cur();
    }
    return left;
  }

  private parseAnd(): A.Expr {
    let p = this.cur();
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) {
      const right = this.parseNot();
      left = { type: 'And', left, right, ...p };
      p = this.cur();
    }
    return left;
  }

  private parseNot(): A.Expr {
    if (tokenTest(this.stream.current, 'name:not')) {
      const p = this.posOf(this.stream.next());
      return { type: 'Not', node: this.parseNot(), ...p };
    }
    return this.parseCompare();
  }

  private parseCompare(): A.Expr {
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

  private parseMath1(): A.Expr {
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

  private parseConcat(): A.Expr {
    const p = this.cur();
    const args = [this.parseMath2()];
    while (this.tt() === 'tilde') {
      this.stream.next();
      args.push(this.parseMath2());
    }
    if (args.length === 1) return args[0]!;
    return { type: 'Concat', nodes: args, ...p };
  }

  private parseMath2(): A.Expr {
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

  private parsePow(): A.Expr {
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

  private parseUnary(withFilter = true): A.Expr {
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

  private parsePrimary(): A.Expr {
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

  private parseList(): A.ListNode {
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

  private parseDict(): A.DictNode {
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

  private parsePostfix(node: A.Expr): A.Expr {
    for (;;) {
      const t = this.tt();
      if (t === 'dot' || t === 'lbracket') node = this.parseSubscript(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  private parseFilterExpr(node: A.Expr): A.Expr {
    for (;;) {
      const t = this.tt();
      if (t === 'pipe') node = this.parseFilter(node)!;
      else if (t === 'name' && this.stream.current.value === 'is') node = this.parseTest(node);
      else if (t === 'lparen') node = this.parseCall(node);
      else break;
    }
    return node;
  }

  private parseSubscript(node: A.Expr): A.Getattr | A.Getitem {
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

  private parseSubscribed(): A.Expr {
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

  private parseCallArgs(): A.CallArgs {
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

  private parseCall(node: A.Expr): A.Call {
    const p = this.cur();
    const a = this.parseCallArgs();
    return { type: 'Call', node, ...a, ...p };
  }

  private parseFilter(node: A.Expr | null, startInline = false): A.Expr | null {
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

  private parseTest(node: A.Expr): A.Expr {
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

  subparse(endTokens: string[] | null = null): A.Stmt[] {
    const body: A.Stmt[] = [];
    const dataBuffer: A.Expr[] = [];
    if (endTokens) this.endTokenStack.push(endTokens);
    const flush = (): void => {
      if (dataBuffer.length) {
        const first = dataBuffer[0]!;
        body.push({ type: 'Output', nodes: dataBuffer.splice(0), line: first.line, col: first.col });
      }
    };
    try {
      while (this.stream.more) {
        const token = this.stream.current;
        if (token.type === 'data') {
          if (token.value) dataBuffer.push({ type: 'TemplateData', data: token.value as string, ...this.posOf(token) });
          this.stream.next();
        } else if (token.type === 'variable_begin') {
          this.stream.next();
          dataBuffer.push(this.parseTuple({ withCondexpr: true }));
          this.stream.expect('variable_end');
        } else if (token.type === 'block_begin') {
          flush();
          this.stream.next();
          if (endTokens && endTokens.some((e) => tokenTest(this.stream.current, e))) return body;
          const rv = this.parseStatement();
          if (Array.isArray(rv)) body.push(...rv);
          else body.push(rv);
          this.stream.expect('block_end');
        } else {
          throw new Error('internal parsing error');
        }
      }
      flush();
    } finally {
      if (endTokens) this.endTokenStack.pop();
    }
    return body;
  }

  parse(): A.TemplateNode {
    return { type: 'Template', body: this.subparse(), line: 1, col: 1 };
  }
}
