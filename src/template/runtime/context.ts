// The render context (Jinja's Context): the variables a template sees, the block stacks used by inheritance, and
// the runtime eval context (autoescape). Also `self` (TemplateReference) and `super()` (BlockReference).
import type { Value } from './values.js';
import { MISSING, Markup, Undefined } from './values.js';
import type { PyObject } from '../python/ops.js';
import { fakeAddress, repr } from '../python/ops.js';
import { reprString } from './values.js';

/** A compiled block body: renders into `out` with the given context. */
export type BlockFn = (ctx: Context, out: Value[]) => void;

/** The parts of the environment the context needs (avoids an import cycle). */
export interface ContextEnv {
  makeUndefined(hint?: string, obj?: Value, name?: Value): Undefined;
  /** Jinja's concat of an output buffer. */
  join(out: Value[]): string;
}

export interface EvalCtx {
  autoescape: boolean;
  volatile: boolean;
}

export class Context implements PyObject {
  static pyQualName = 'jinja2.runtime.Context';
  vars = new Map<string, Value>();
  readonly exportedVars = new Set<string>();
  readonly blocks = new Map<string, BlockFn[]>();
  evalCtx: EvalCtx;
  readonly globalsKeys: Set<string>;

  constructor(
    readonly env: ContextEnv,
    public parent: Map<string, Value>,
    readonly name: string | null,
    blocks: Map<string, BlockFn>,
    autoescape: boolean,
    globals: Map<string, Value> | null,
  ) {
    this.evalCtx = { autoescape, volatile: false };
    this.globalsKeys = new Set(globals ? globals.keys() : []);
    for (const [k, v] of blocks) this.blocks.set(k, [v]);
  }

  resolveOrMissing(key: string): Value | typeof MISSING {
    const v = this.vars.get(key);
    if (v !== undefined || this.vars.has(key)) return v;
    const p = this.parent.get(key);
    if (p !== undefined || this.parent.has(key)) return p;
    return MISSING;
  }

  resolve(key: string): Value {
    const v = this.resolveOrMissing(key);
    return v === MISSING ? this.env.makeUndefined(undefined, MISSING, key) : v;
  }

  /** All variables (parent overlaid with vars); may return one of the maps itself, like Jinja. */
  getAll(): Map<string, Value> {
    if (this.vars.size === 0) return this.parent;
    if (this.parent.size === 0) return this.vars;
    const m = new Map(this.parent);
    for (const [k, v] of this.vars) m.set(k, v);
    return m;
  }

  getExported(): Map<string, Value> {
    const m = new Map<string, Value>();
    for (const k of this.exportedVars) m.set(k, this.vars.get(k));
    return m;
  }

  /** A context for a scoped block: same name, blocks copied, locals (non-missing) added. */
  derived(locals: Map<string, Value> | null, autoescape = this.evalCtx.autoescape): Context {
    const c = newContext(this.env, this.name, new Map(), this.getAll(), true, null, locals, autoescape);
    c.evalCtx = this.evalCtx;
    for (const [k, v] of this.blocks) c.blocks.set(k, [...v]);
    return c;
  }

  /** super() inside block `name` whose current implementation is `current`. */
  super(name: string, current: BlockFn): BlockReference | Undefined {
    const stack = this.blocks.get(name);
    const index = stack ? stack.indexOf(current) + 1 : 0;
    if (!stack || index === 0 || index >= stack.length) {
      return this.env.makeUndefined(`there is no parent block called ${reprString(name)}.`, MISSING, 'super');
    }
    return new BlockReference(name, this, stack, index);
  }

  __repr__(): string {
    return `<Context ${repr(this.getAll())} of ${this.name === null ? 'None' : reprString(this.name)}>`;
  }
}

/** Jinja's new_context: shared contexts reuse `vars` as parent, others overlay vars on the globals. */
export function newContext(
  env: ContextEnv,
  name: string | null,
  blocks: Map<string, BlockFn>,
  vars: Map<string, Value> | null,
  shared: boolean,
  globals: Map<string, Value> | null,
  locals: Map<string, Value> | null,
  autoescape: boolean,
): Context {
  const v = vars ?? new Map<string, Value>();
  let parent: Map<string, Value>;
  if (shared) parent = v;
  else {
    parent = new Map(globals ?? []);
    for (const [k, x] of v) parent.set(k, x);
  }
  if (locals && locals.size) {
    if (shared) parent = new Map(parent);
    for (const [k, x] of locals) if (x !== MISSING) parent.set(k, x);
  }
  return new Context(env, parent, name, blocks, autoescape, globals);
}

/** `self` in templates: `self.blockname()` renders a block. */
export class TemplateReference implements PyObject {
  static pyQualName = 'jinja2.runtime.TemplateReference';
  constructor(private readonly ctx: Context) {}
  __getitem__(key: Value): Value | typeof MISSING {
    if (typeof key !== 'string') return MISSING;
    const stack = this.ctx.blocks.get(key);
    if (!stack) return MISSING;
    return new BlockReference(key, this.ctx, stack, 0);
  }
  __repr__(): string {
    return `<TemplateReference ${this.ctx.name === null ? 'None' : reprString(this.ctx.name)}>`;
  }
}

/** One block of a template reference; calling it renders that block. */
export class BlockReference implements PyObject {
  static pyQualName = 'jinja2.runtime.BlockReference';
  constructor(
    readonly name: string,
    private readonly ctx: Context,
    private readonly stack: BlockFn[],
    private readonly depth: number,
  ) {}
  __getattr__(name: string): Value | typeof MISSING {
    if (name === 'super') {
      if (this.depth + 1 >= this.stack.length) {
        return this.ctx.env.makeUndefined(`there is no parent block called ${reprString(this.name)}.`, MISSING, 'super');
      }
      return new BlockReference(this.name, this.ctx, this.stack, this.depth + 1);
    }
    if (name === 'name') return this.name;
    return MISSING;
  }
  call(): string | Markup {
    const out: Value[] = [];
    this.stack[this.depth]!(this.ctx, out);
    const s = this.ctx.env.join(out);
    return this.ctx.evalCtx.autoescape ? new Markup(s) : s;
  }
  __repr__(): string {
    return `<jinja2.runtime.BlockReference object at ${fakeAddress(this)}>`;
  }
}
