// The template environment: options, the filter/test/global registries, template loading with a per-environment
// cache of compiled templates, and Jinja's attribute/item lookup and call rules.
import type { EnvironmentOptions, TemplateLoader } from '../api.js';
import type { CallContext, EnvLike, FilterFn, TestFn, UndefinedMode, Value } from './values.js';
import { MISSING, PY_CALL, PyError, Undefined, pyError, pyTypeName, reprString, type PyCallable } from './values.js';
import { getAttribute, getItem, iterate, repr as pyRepr, str, truthy } from '../python/ops.js';
import { joinOut, type Out, type RuntimeEnv, type UndefinedSite } from './frame.js';
import { Template, type TemplateEnv } from './template.js';
import { compileTemplate, type CompiledTemplate } from './compile-template.js';
import { Macro } from './macro.js';
import { LoopContext } from './loop.js';
import { BlockReference, type ContextEnv } from './context.js';
import { CollectingUndefined, activeCollector } from './collect.js';
import { parseTemplate, type SyntaxConfig } from '../syntax/parse.js';
import { builtinFilters, builtinGlobals, builtinTests } from '../builtins/index.js';

const EXTENSIONS: Record<string, string[]> = {
  'jinja2.ext.do': ['do'],
  'jinja2.ext.ExprStmtExtension': ['do'],
  'jinja2.ext.loopcontrols': ['break', 'continue'],
  'jinja2.ext.LoopControlExtension': ['break', 'continue'],
  'jinja2.ext.debug': ['debug'],
  'jinja2.ext.DebugExtension': ['debug'],
};

const DEFAULT_POLICIES: [string, Value][] = [
  ['compiler.ascii_str', true],
  ['urlize.rel', 'noopener'],
  ['urlize.target', null],
  ['urlize.extra_schemes', null],
  ['truncate.leeway', 5n],
  ['json.dumps_function', null],
  ['json.dumps_kwargs', new Map<Value, Value>([['sort_keys', true]])],
  ['ext.i18n.trimmed', false],
];

export interface FromStringOptions {
  name?: string;
  globals?: Map<string, Value>;
}

export class Environment implements EnvLike, RuntimeEnv, ContextEnv, TemplateEnv {
  readonly syntax: SyntaxConfig;
  readonly undefinedMode: UndefinedMode;
  readonly autoescape: boolean;
  readonly newlineSequence: string;
  readonly loader: TemplateLoader | null;
  readonly globals: Map<string, Value>;
  readonly filters: Map<string, FilterFn>;
  readonly tests: Map<string, TestFn>;
  readonly policies: Map<string, Value>;
  private readonly extensionTags = new Set<string>();
  private readonly cache = new Map<string, Template>();
  private readonly compiled = new Map<string, CompiledTemplate>();

  constructor(options: EnvironmentOptions = {}) {
    const nl = options.newlineSequence ?? '\n';
    if (nl !== '\n' && nl !== '\r\n' && nl !== '\r') throw new Error("newline_sequence set to unknown line ending string.");
    this.syntax = {
      blockStart: options.blockStart ?? '{%',
      blockEnd: options.blockEnd ?? '%}',
      variableStart: options.variableStart ?? '{{',
      variableEnd: options.variableEnd ?? '}}',
      commentStart: options.commentStart ?? '{#',
      commentEnd: options.commentEnd ?? '#}',
      lineStatementPrefix: options.lineStatementPrefix ?? null,
      lineCommentPrefix: options.lineCommentPrefix ?? null,
      trimBlocks: options.trimBlocks ?? false,
      lstripBlocks: options.lstripBlocks ?? false,
      keepTrailingNewline: options.keepTrailingNewline ?? false,
      newlineSequence: nl,
    };
    const s = this.syntax;
    if (s.blockStart === s.variableStart || s.blockStart === s.commentStart || s.variableStart === s.commentStart) {
      throw pyError('AssertionError', 'block, variable and comment start strings must be different.');
    }
    for (const ext of options.extensions ?? []) {
      const tags = EXTENSIONS[ext];
      if (!tags) throw new Error(`unsupported Jinja extension ${ext}`);
      for (const t of tags) this.extensionTags.add(t);
    }
    this.undefinedMode = options.undefined ?? 'default';
    this.autoescape = options.autoescape ?? false;
    this.newlineSequence = nl;
    this.loader = options.loader ?? null;
    this.globals = new Map([...builtinGlobals, ...(options.globals ?? [])]);
    this.filters = new Map([...builtinFilters, ...(options.filters ?? [])]);
    this.tests = new Map([...builtinTests, ...(options.tests ?? [])]);
    this.policies = new Map(DEFAULT_POLICIES);
  }

  // -- templates -------------------------------------------------------------------------------------------------

  private compile(source: string, name: string | null): CompiledTemplate {
    const key = `${name ?? ''}\0${source}`;
    let c = this.compiled.get(key);
    if (!c) {
      const ast = parseTemplate(source, name, this.syntax, this.extensionTags);
      c = compileTemplate(this, ast, name, this.autoescape);
      this.compiled.set(key, c);
    }
    return c;
  }

  /** The syntax tree of a template (for analysis). */
  parse(source: string, name: string | null = null): ReturnType<typeof parseTemplate> {
    return parseTemplate(source, name, this.syntax, this.extensionTags);
  }

  fromString(source: string, opts: FromStringOptions = {}): Template {
    const globals = new Map([...this.globals, ...(opts.globals ?? [])]);
    const name = opts.name ?? null;
    let compiled: CompiledTemplate;
    try {
      compiled = this.compile(source, name);
    } catch (e) {
      if (e instanceof PyError && e.templateName === undefined) e.templateName = '<template>';
      throw e;
    }
    return new Template(this, compiled, name, name, globals);
  }

  getTemplate(name: Value, parent: string | null = null): Template {
    void parent;
    if (name instanceof Template) return name;
    if (typeof name !== 'string') {
      if (name instanceof Undefined) name.fail();
      // the loader only knows string names; anything else is not found
      throw pyError('TemplateNotFound', str(name));
    }
    const hit = this.cache.get(name);
    if (hit) return hit;
    if (!this.loader) throw pyError('TypeError', 'no loader for this environment specified');
    const src = this.loader.getSource(name);
    if (!src) throw pyError('TemplateNotFound', name);
    const t = new Template(this, this.compile(src.source, name), name, src.filename, this.globals);
    this.cache.set(name, t);
    return t;
  }

  selectTemplate(names: Value, parent: string | null = null): Template {
    if (names instanceof Undefined) names.fail();
    if (!truthy(names)) throw pyError('TemplatesNotFound', 'Tried to select from an empty list of templates.');
    const list = iterate(names);
    for (const n of list) {
      if (n instanceof Template) return n;
      try {
        return this.getTemplate(n, parent);
      } catch (e) {
        if (e instanceof PyError && (e.pyType === 'TemplateNotFound' || e.pyType === 'UndefinedError')) continue;
        throw e;
      }
    }
    const parts = list.map((n) => (n instanceof Undefined ? n.message : str(n)));
    throw pyError('TemplatesNotFound', `none of the templates given were found: ${parts.join(', ')}`);
  }

  getOrSelectTemplate(names: Value, parent: string | null = null): Template {
    if (typeof names === 'string' || names instanceof Undefined) return this.getTemplate(names, parent);
    if (names instanceof Template) return names;
    return this.selectTemplate(names, parent);
  }

  // -- undefined, attributes, items ------------------------------------------------------------------------------

  makeUndefined(hint?: string, obj: Value = MISSING, name: Value = null, at?: UndefinedSite | null): Undefined {
    const c = activeCollector();
    if (c && this.undefinedMode === 'strict') return new CollectingUndefined(hint, obj, name, at ?? null, c);
    return new Undefined(this.undefinedMode, hint, obj, name);
  }

  undefined(hint?: string, obj?: Value, name?: Value): Undefined {
    // None is a real object here (`'None' has no attribute 'a'`); only an absent obj means "no object".
    return this.makeUndefined(hint, obj === undefined ? MISSING : obj, name ?? null);
  }

  getattrAt(obj: Value, name: string, at: UndefinedSite | null): Value {
    if (obj instanceof Undefined) return obj.chain();
    const a = getAttribute(obj, name);
    if (a !== MISSING) return a;
    const i = getItem(obj, name);
    if (i !== MISSING) return i;
    return this.makeUndefined(undefined, obj, name, at);
  }

  getitemAt(obj: Value, key: Value, at: UndefinedSite | null): Value {
    if (obj instanceof Undefined) return obj.chain();
    const i = getItem(obj, key);
    if (i !== MISSING) return i;
    if (typeof key === 'string') {
      const a = getAttribute(obj, key);
      if (a !== MISSING) return a;
    }
    return this.makeUndefined(undefined, obj, key, at);
  }

  getattr(obj: Value, name: string): Value {
    return this.getattrAt(obj, name, null);
  }

  getitem(obj: Value, key: Value): Value {
    return this.getitemAt(obj, key, null);
  }

  join(out: Out): string {
    return joinOut(out);
  }

  // -- filters, tests, calls ----------------------------------------------------------------------------------------

  hasFilter(name: string): boolean {
    return this.filters.has(name);
  }

  hasTest(name: string): boolean {
    return this.tests.has(name);
  }

  filterNames(): string[] {
    return [...this.filters.keys()];
  }

  testNames(): string[] {
    return [...this.tests.keys()];
  }

  callFilter(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value {
    const f = this.filters.get(name);
    if (!f) throw pyError('TemplateRuntimeError', `No filter named ${typeof name === 'string' ? reprString(name) : pyRepr(name)}.`);
    return f(ctx, value, args, kwargs);
  }

  callTest(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): boolean {
    const f = this.tests.get(name);
    if (!f) throw pyError('TemplateRuntimeError', `No test named ${typeof name === 'string' ? reprString(name) : pyRepr(name)}.`);
    return f(ctx, value, args, kwargs);
  }

  call(fn: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value {
    if (fn instanceof Macro) return fn.invoke(args, kwargs, ctx.autoescape);
    if (typeof fn === 'function') {
      const py = (fn as Partial<PyCallable>)[PY_CALL];
      if (py) return py(args, kwargs, ctx);
      if (kwargs.size) {
        throw pyError('TypeError', `${fn.name || 'function'}() got an unexpected keyword argument ${reprString(kwargs.keys().next().value!)}`);
      }
      const rv = (fn as (...a: Value[]) => unknown)(...args);
      return rv === undefined ? null : rv;
    }
    if (fn instanceof LoopContext) return fn.call(args, kwargs);
    if (fn instanceof BlockReference) {
      if (args.length || kwargs.size) throw pyError('TypeError', `BlockReference.__call__() takes 1 positional argument but ${args.length + 1} were given`);
      return fn.call();
    }
    if (fn instanceof Undefined) return fn.fail();
    const callable = fn as { __call__?: (args: Value[], kwargs: Map<string, Value>, ctx: CallContext) => Value } | null;
    if (callable && typeof callable === 'object' && typeof callable.__call__ === 'function') return callable.__call__(args, kwargs, ctx);
    throw pyError('TypeError', `'${pyTypeName(fn)}' object is not callable`);
  }
}
