// A loaded template: render it, render it collecting every problem, or use it as a module (imports).
import type { RenderIssue } from '../api.js';
import type { Value } from './values.js';
import { MISSING, Markup, PyError, fromData } from './values.js';
import type { PyObject } from '../python/ops.js';
import { reprString } from './values.js';
import { joinOut, type Out, type TemplateLike } from './frame.js';
import { newContext, type BlockFn, type Context, type ContextEnv } from './context.js';
import type { CompiledTemplate } from './compile-template.js';
import { IssueCollector, withCollector } from './collect.js';

export interface TemplateEnv extends ContextEnv {
  readonly autoescape: boolean;
  readonly undefinedMode: string;
}

export type RenderVars = Map<string, Value> | Record<string, unknown>;

function toVars(vars: RenderVars | undefined): Map<string, Value> {
  if (!vars) return new Map();
  if (vars instanceof Map) return new Map(vars);
  const m = new Map<string, Value>();
  for (const [k, v] of Object.entries(vars)) m.set(k, fromData(v));
  return m;
}

/** JS failures that Python reports as its own errors. */
function normalizeError(e: unknown): unknown {
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new PyError('RecursionError', 'maximum recursion depth exceeded');
  }
  return e;
}

export class Template implements TemplateLike {
  private module: TemplateModule | null = null;

  constructor(
    private readonly env: TemplateEnv,
    private readonly compiled: CompiledTemplate,
    readonly name: string | null,
    readonly filename: string | null,
    readonly globals: Map<string, Value>,
  ) {}

  get blocks(): Map<string, BlockFn> {
    return this.compiled.blocks;
  }

  root(ctx: Context, out: Out): void {
    this.compiled.root(ctx, out);
  }

  newContext(vars: Map<string, Value> | null, shared = false, locals: Map<string, Value> | null = null): Context {
    return newContext(this.env, this.name, this.compiled.blocks, vars, shared, this.globals, locals, this.env.autoescape);
  }

  makeModule(vars: Map<string, Value> | null = null, shared = false, locals: Map<string, Value> | null = null): TemplateModule {
    return new TemplateModule(this, this.newContext(vars, shared, locals), this.env);
  }

  getDefaultModule(ctx: Context | null): TemplateModule {
    if (ctx) {
      const keys = [...ctx.globalsKeys].filter((k) => !this.globals.has(k));
      if (keys.length) return this.makeModule(new Map(keys.map((k) => [k, ctx.parent.get(k)])));
    }
    if (!this.module) this.module = this.makeModule();
    return this.module;
  }

  /** Render with the given variables; throws PyError (with template name and position) on failure. */
  render(vars?: RenderVars): string {
    const ctx = this.newContext(toVars(vars));
    const out: Out = [];
    try {
      this.root(ctx, out);
      return joinOut(out);
    } catch (e) {
      const err = normalizeError(e);
      if (err instanceof PyError && err.templateName === undefined) err.templateName = this.name ?? '<template>';
      throw err;
    }
  }

  /**
   * Render, reporting problems as data: in strict mode every undefined use becomes an issue and rendering goes on
   * with an empty value; any other error ends the render with one 'error' issue (output is what was rendered).
   */
  renderCollect(vars?: RenderVars): { output: string; issues: RenderIssue[] } {
    const collector = this.env.undefinedMode === 'strict' ? new IssueCollector() : null;
    const issues: RenderIssue[] = [];
    const ctx = this.newContext(toVars(vars));
    const out: Out = [];
    let output = '';
    try {
      withCollector(collector, () => this.root(ctx, out));
    } catch (e) {
      const err = normalizeError(e);
      if (!(err instanceof PyError)) throw err;
      issues.push({
        kind: 'error',
        pyType: err.pyType,
        message: err.message,
        template: err.templateName ?? this.name ?? '<template>',
        line: err.lineno ?? 0,
        col: err.col ?? 0,
      });
    }
    try {
      output = joinOut(out);
    } catch (e) {
      if (issues.length === 0 && e instanceof PyError) {
        issues.push({ kind: 'error', pyType: e.pyType, message: e.message, template: this.name ?? '<template>', line: 0, col: 0 });
      }
      output = out.map((x) => (typeof x === 'string' ? x : x instanceof Markup ? x.s : '')).join('');
    }
    return { output, issues: [...(collector?.issues ?? []), ...issues] };
  }
}

/** A template used as a module: its exported names as attributes, its output as str(). */
export class TemplateModule implements PyObject {
  static pyQualName = 'jinja2.environment.TemplateModule';
  private readonly body: Out;
  private readonly exported: Map<string, Value>;
  readonly __name__: string | null;

  constructor(template: Template, ctx: Context, env: ContextEnv) {
    this.body = [];
    template.root(ctx, this.body);
    this.exported = ctx.getExported();
    this.__name__ = template.name;
    this.env = env;
  }
  private readonly env: ContextEnv;

  bodyStream(): string {
    return this.env.join(this.body);
  }
  __getattr__(name: string): Value | typeof MISSING {
    if (this.exported.has(name)) return this.exported.get(name);
    if (name === '__name__') return this.__name__;
    return MISSING;
  }
  __str__(): string {
    return this.bodyStream();
  }
  __html__(): string {
    return this.bodyStream();
  }
  __repr__(): string {
    return `<TemplateModule ${this.__name__ === null ? 'memory' : reprString(this.__name__)}>`;
  }
}
