// Compile-time frames (what Jinja's code generator tracks per scope) and run-time activations (the variables of
// one call of a generated function). Templates compile to closures over these.
import type { Value, Undefined, CallContext } from './values.js';
import { MISSING, Markup, pyError, pyTypeName } from './values.js';
import { FnScope, Symbols } from './symbols.js';
import type { BlockFn, Context, EvalCtx } from './context.js';
import type { Pos } from '../syntax/ast.js';

/** A compiled template as the runtime sees it (Template implements it). */
export interface TemplateLike {
  readonly name: string | null;
  readonly blocks: Map<string, BlockFn>;
  readonly globals: Map<string, Value>;
  root(ctx: Context, out: Out): void;
  newContext(vars: Map<string, Value> | null, shared: boolean, locals: Map<string, Value> | null): Context;
  makeModule(vars: Map<string, Value> | null, shared: boolean, locals: Map<string, Value> | null): Value;
  getDefaultModule(ctx: Context | null): Value & { bodyStream(): string };
}

/** What compiled code needs from the environment. */
export interface RuntimeEnv {
  readonly autoescape: boolean;
  makeUndefined(hint?: string, obj?: Value, name?: Value, at?: UndefinedSite): Undefined;
  getattrAt(obj: Value, name: string, at: UndefinedSite | null): Value;
  getitemAt(obj: Value, key: Value, at: UndefinedSite | null): Value;
  call(fn: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value;
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
  callFilter(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value;
  callTest(name: string, value: Value, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): boolean;
  getTemplate(name: Value, parent: string | null): TemplateLike;
  selectTemplate(names: Value, parent: string | null): TemplateLike;
  getOrSelectTemplate(names: Value, parent: string | null): TemplateLike;
  filterNames(): string[];
  join(out: Out): string;
  testNames(): string[];
}

/** Where an undefined value was produced: the expression as written and its position. */
export interface UndefinedSite extends Pos {
  expr: string | null;
  template: string | null;
}

/** One activation of a generated function. */
export class Act {
  readonly slots: Value[];
  loopVars: Map<string, Value> | null = null;
  blockVars: Map<string, Value> | null = null;
  /** Root activations only: the template extended so far (Jinja's `parent_template`). */
  parentTemplate: TemplateLike | null = null;
  /** The rendered body of the filter / set block whose filter is being evaluated. */
  filterBuf: Value[] | null = null;

  constructor(
    size: number,
    readonly parent: Act | null,
    readonly ctx: Context,
  ) {
    this.slots = new Array<Value>(size).fill(MISSING);
  }

  /** The root activation of this call chain. */
  top(): Act {
    let a: Act = this;
    while (a.parent) a = a.parent;
    return a;
  }
}

export type E = (a: Act) => Value;
/** Output items: strings, or raw values that only `joinOut` turns into a TypeError (as Jinja's concat would). */
export type Out = Value[];
export type S = (a: Act, out: Out) => void;

/** Compile-time eval context (autoescape known statically unless volatile). */
export interface StaticEvalCtx {
  autoescape: boolean;
  volatile: boolean;
}

export class CFrame {
  symbols: Symbols;
  requireOutputCheck = false;
  block: string | null = null;
  toplevel = false;
  rootlevel = false;
  loopFrame = false;
  blockFrame = false;
  softFrame = false;

  constructor(
    readonly evalCtx: StaticEvalCtx,
    readonly parent: CFrame | null,
    symbols: Symbols,
  ) {
    this.symbols = symbols;
    if (parent) {
      this.requireOutputCheck = parent.requireOutputCheck;
      this.block = parent.block;
    }
  }

  get fn(): FnScope {
    return this.symbols.fn;
  }

  copy(): CFrame {
    const rv = Object.create(CFrame.prototype) as CFrame;
    Object.assign(rv, this);
    rv.symbols = this.symbols.copy();
    return rv;
  }

  /** A nested scope; `fn` starts a new generated function (macro, recursive loop, loop filter). */
  inner(fn?: FnScope, isolated = false): CFrame {
    if (isolated) return new CFrame(this.evalCtx, null, new Symbols(null, fn ?? this.fn, this.symbols.level + 1));
    return new CFrame(this.evalCtx, this, new Symbols(this.symbols, fn ?? this.fn));
  }

  soft(): CFrame {
    const rv = this.copy();
    rv.rootlevel = false;
    rv.softFrame = true;
    return rv;
  }
}

/** Read a variable: `depth` closure hops up, then the slot. */
export function slotReader(depth: number, index: number): (a: Act) => Value {
  if (depth === 0) return (a) => a.slots[index];
  if (depth === 1) return (a) => a.parent!.slots[index];
  return (a) => {
    let x = a;
    for (let d = 0; d < depth; d++) x = x.parent!;
    return x.slots[index];
  };
}

export function slotWriter(depth: number, index: number): (a: Act, v: Value) => void {
  if (depth === 0) return (a, v) => {
    a.slots[index] = v;
  };
  return (a, v) => {
    let x = a;
    for (let d = 0; d < depth; d++) x = x.parent!;
    x.slots[index] = v;
  };
}

/** Jinja's concat ("".join) of an output buffer: every item must be a str (or Markup). */
export function joinOut(parts: Out): string {
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'string') s += p;
    else if (p instanceof Markup) s += p.s;
    else throw pyError('TypeError', `sequence item ${i}: expected str instance, ${pyTypeName(p)} found`);
  }
  return s;
}

export type { EvalCtx };
