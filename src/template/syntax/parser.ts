// The template parser: tokens → syntax tree, with Jinja's grammar, precedence and error messages.
import type * as A from './ast.js';
import { ExprParser, setCtx } from './expr-parser.js';
import { describeTokenExpr, tokenTest, type Token } from './tokens.js';
import { reprString } from '../runtime/values.js';

const STATEMENT_KEYWORDS = new Set(['for', 'if', 'block', 'extends', 'print', 'macro', 'include', 'from', 'import', 'set', 'with', 'autoescape']);

export interface ParserOptions {
  /** Enabled extension tags: 'do', 'break', 'continue', 'debug'. */
  extensionTags: Set<string>;
}

export class Parser extends ExprParser {
  private readonly tagStack: string[] = [];
  private readonly endTokenStack: string[][] = [];

  constructor(
    tokens: Iterator<Token>,
    source: string,
    name: string | null,
    private readonly options: ParserOptions,
  ) {
    super(tokens, source, name);
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
