// Expressions → closures, with Jinja's evaluation order, undefined handling and operator semantics.
import type * as A from '../syntax/ast.js';
import type { CallContext, EnvLike, Value } from './values.js';
import { MISSING, Markup, PyError, Undefined, pyError, pyTypeName, tuple } from './values.js';
import { binary, compare, contains, dictSet, escape, isIterable, iterate, makeSlice, softStr, str, subscript, truthy, unary } from '../python/ops.js';
import { slotReader, type Act, type CFrame, type E, type RuntimeEnv, type S, type UndefinedSite } from './frame.js';
import { syntaxError } from '../syntax/errors.js';
import { reprString } from './values.js';

/** State shared by the whole compilation of one template (Jinja's CodeGenerator fields). */
export interface CompileState {
  env: RuntimeEnv & EnvLike;
  name: string | null;
  blocks: Map<string, A.Block>;
  extendsSoFar: number;
  hasKnownExtends: boolean;
  /** Names assigned by the `set` being compiled (for context.vars / exported updates). */
  assignStack: Set<string>[];
  /** Macro parameters whose value is not settled yet while their defaults compile (Jinja's param def blocks). */
  paramDefBlock: Set<string>[];
  /** For loops enclosing the code being compiled, within the current generated function. */
  loopDepth: number;
  /** Analysis hook: called for every name that reads the template context. */
  onContextRead?: ((n: A.Name) => void) | undefined;
}

/** Does the frame's variable for `ref` start out as a read of the context (directly or through aliases)? */
function readsContext(frame: CFrame, ref: string): boolean {
  let load = frame.symbols.findLoad(ref);
  for (let guard = 0; load && load[0] === 'alias' && guard < 1000; guard++) load = frame.symbols.findLoad(load[1]);
  return load !== null && load[0] === 'resolve';
}

/** Python's `missing` sentinel when a template reads a parameter variable that was reset (prints `missing`). */
export const MISSING_VALUE = {
  __repr__: (): string => 'missing',
};

/** Jinja stops compiling a body at an `extends` that follows a known one; `stmt` runs in its place (and raises). */
export class CompilerExit extends Error {
  constructor(readonly stmt: S) {
    super('compiler exit');
  }
}

export function compileFail(st: CompileState, msg: string, node: A.Pos): never {
  const e = syntaxError(msg, node.line, st.name, undefined, undefined, 'TemplateAssertionError');
  e.col = node.col;
  throw e;
}

export function callContext(a: Act, env: EnvLike): CallContext {
  return { env, context: a.ctx, autoescape: a.ctx.evalCtx.autoescape };
}

/** The expression path as written (`cloudflare.token`, `nodes[0].name`), or null for other expressions. */
export function exprPath(n: A.Expr): string | null {
  switch (n.type) {
    case 'Name':
      return n.name;
    case 'Getattr': {
      const b = exprPath(n.node);
      return b === null ? null : `${b}.${n.attr}`;
    }
    case 'Getitem': {
      const b = exprPath(n.node);
      if (b === null) return null;
      const k = n.arg;
      if (k.type === 'Const') {
        if (typeof k.value === 'string') return `${b}[${reprString(k.value)}]`;
        if (typeof k.value === 'bigint' || typeof k.value === 'number') return `${b}[${String(k.value)}]`;
        return null;
      }
      const inner = exprPath(k);
      return inner === null ? null : `${b}[${inner}]`;
    }
    default:
      return null;
  }
}

function siteOf(st: CompileState, n: A.Expr): UndefinedSite {
  let base: A.Expr = n;
  while (base.type === 'Getattr' || base.type === 'Getitem') base = base.node;
  return { expr: exprPath(n), line: base.line, col: base.col, template: st.name };
}

export interface ArgClosures {
  args: E[];
  kwargs: [string, E][];
  dynArgs: E | null;
  dynKwargs: E | null;
}

export function compileArgs(st: CompileState, n: A.CallArgs, frame: CFrame): ArgClosures {
  return {
    args: n.args.map((x) => compileExpr(st, x, frame)),
    kwargs: n.kwargs.map((k) => [k.key, compileExpr(st, k.value, frame)] as [string, E]),
    dynArgs: n.dynArgs ? compileExpr(st, n.dynArgs, frame) : null,
    dynKwargs: n.dynKwargs ? compileExpr(st, n.dynKwargs, frame) : null,
  };
}

/** Evaluate call arguments; `extra` keyword arguments (the call block's caller) go after the written ones. */
export function evalArgs(a: Act, c: ArgClosures, extra?: [string, Value], fname = ''): [Value[], Map<string, Value>] {
  const args = c.args.map((f) => f(a));
  const kwargs = new Map<string, Value>();
  for (const [k, f] of c.kwargs) kwargs.set(k, f(a));
  if (extra) kwargs.set(extra[0], extra[1]);
  if (c.dynArgs) {
    const d = c.dynArgs(a);
    if (!(d instanceof Undefined) && !isIterable(d)) {
      throw pyError('TypeError', `${fname}argument after * must be an iterable, not ${pyTypeName(d)}`);
    }
    args.push(...iterate(d));
  }
  if (c.dynKwargs) {
    const d = c.dynKwargs(a);
    if (!(d instanceof Map)) {
      if (d instanceof Undefined) d.fail();
      throw pyError('TypeError', `${fname}argument after ** must be a mapping, not ${pyTypeName(d)}`);
    }
    for (const [k, v] of d) {
      if (typeof k !== 'string') throw pyError('TypeError', 'keywords must be strings');
      if (kwargs.has(k)) throw pyError('TypeError', `${fname}got multiple values for keyword argument ${reprString(k)}`);
      kwargs.set(k, v);
    }
  }
  return [args, kwargs];
}

/** str() or escape() for output, following the static (or, when volatile, runtime) autoescape setting. */
export function outputConverter(frame: CFrame): (a: Act, v: Value) => string {
  if (frame.evalCtx.volatile) return (a, v) => (a.ctx.evalCtx.autoescape ? escape(v).s : str(v));
  if (frame.evalCtx.autoescape) return (_a, v) => escape(v).s;
  return (_a, v) => (typeof v === 'string' ? v : str(v));
}

function concatJoin(frame: CFrame): (a: Act, vs: Value[]) => Value {
  const strJoin = (vs: Value[]): string => vs.map((v) => str(v)).join('');
  const markupJoin = (vs: Value[]): Value => {
    const parts = vs.map(softStr);
    if (parts.some((p) => p instanceof Markup)) return new Markup(parts.map((p) => escape(p).s).join(''));
    return parts.map((p) => (typeof p === 'string' ? p : p.s)).join('');
  };
  if (frame.evalCtx.volatile) return (a, vs) => (a.ctx.evalCtx.volatile ? markupJoin(vs) : strJoin(vs));
  if (frame.evalCtx.autoescape) return (_a, vs) => markupJoin(vs);
  return (_a, vs) => strJoin(vs);
}

/** The filter-block / set-block buffer as the value of a filter with no node. */
function bufferValue(frame: CFrame): E {
  if (frame.evalCtx.volatile) return (a) => (a.ctx.evalCtx.autoescape ? new Markup(a.filterBuf!.join('')) : a.filterBuf!.join(''));
  if (frame.evalCtx.autoescape) return (a) => new Markup(a.filterBuf!.join(''));
  return (a) => a.filterBuf!.join('');
}

const BIN_OPS: Record<string, '+' | '-' | '*' | '/' | '//' | '%' | '**'> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  FloorDiv: '//',
  Mod: '%',
  Pow: '**',
};

const CMP_OPS: Record<string, '==' | '!=' | '<' | '<=' | '>' | '>='> = { eq: '==', ne: '!=', lt: '<', lteq: '<=', gt: '>', gteq: '>=' };

export function compileExpr(st: CompileState, n: A.Expr, frame: CFrame): E {
  const env = st.env;
  switch (n.type) {
    case 'Name': {
      const ref = frame.symbols.ref(n.name);
      const [d, i] = frame.fn.locate(ref);
      const read = slotReader(d, i);
      const name = n.name;
      const site = siteOf(st, n);
      if (st.onContextRead && readsContext(frame, ref)) st.onContextRead(n);
      const load = frame.symbols.findLoad(ref);
      const pdb = st.paramDefBlock[st.paramDefBlock.length - 1];
      if (load && load[0] === 'param' && !(pdb && pdb.has(ref))) {
        // parameters are read without the undefined check, like Jinja's generated code
        return (a) => {
          const v = read(a);
          return v === MISSING ? MISSING_VALUE : v;
        };
      }
      return (a) => {
        const v = read(a);
        return v === MISSING ? env.makeUndefined(undefined, MISSING, name, site) : v;
      };
    }
    case 'Const': {
      const v = n.value;
      return () => v;
    }
    case 'TemplateData': {
      const d = n.data;
      if (frame.evalCtx.volatile) return (a) => (a.ctx.evalCtx.autoescape ? new Markup(d) : d);
      if (frame.evalCtx.autoescape) return () => new Markup(d);
      return () => d;
    }
    case 'Tuple': {
      const items = n.items.map((x) => compileExpr(st, x, frame));
      return (a) => tuple(items.map((f) => f(a)));
    }
    case 'List': {
      const items = n.items.map((x) => compileExpr(st, x, frame));
      return (a) => items.map((f) => f(a));
    }
    case 'Dict': {
      const items = n.items.map((p) => [compileExpr(st, p.key, frame), compileExpr(st, p.value, frame)] as const);
      return (a) => {
        const m = new Map<Value, Value>();
        for (const [k, v] of items) {
          const kv = k(a);
          dictSet(m, kv, v(a));
        }
        return m;
      };
    }
    case 'CondExpr': {
      const sf = frame.soft();
      const test = compileExpr(st, n.test, sf);
      const e1 = compileExpr(st, n.expr1, sf);
      if (n.expr2) {
        const e2 = compileExpr(st, n.expr2, sf);
        return (a) => (truthy(test(a)) ? e1(a) : e2(a));
      }
      const where = `line ${n.line}${st.name !== null ? ` in ${reprString(st.name)}` : ''}`;
      const hint = `the inline if-expression on ${where} evaluated to false and no else section was defined.`;
      return (a) => (truthy(test(a)) ? e1(a) : new Undefined('default', hint));
    }
    case 'Filter':
    case 'Test': {
      const isFilter = n.type === 'Filter';
      const known = isFilter ? env.hasFilter(n.name) : env.hasTest(n.name);
      if (!known && !frame.softFrame) compileFail(st, `No ${isFilter ? 'filter' : 'test'} named ${reprString(n.name)}.`, n);
      const value: E = n.node ? compileExpr(st, n.node, frame) : bufferValue(frame);
      const args = compileArgs(st, n, frame);
      const name = n.name;
      return (a) => {
        const v = value(a);
        const [pos, kw] = evalArgs(a, args);
        if (!(isFilter ? env.hasFilter(name) : env.hasTest(name))) {
          throw pyError('TemplateRuntimeError', `No ${isFilter ? 'filter' : 'test'} named ${reprString(name)} found.`);
        }
        const cc = callContext(a, env);
        return isFilter ? env.callFilter(name, v, pos, kw, cc) : env.callTest(name, v, pos, kw, cc);
      };
    }
    case 'Call':
      return compileCall(st, n, frame);
    case 'Getattr': {
      const obj = compileExpr(st, n.node, frame);
      const attr = n.attr;
      const site = siteOf(st, n);
      return (a) => env.getattrAt(obj(a), attr, site);
    }
    case 'Getitem': {
      const obj = compileExpr(st, n.node, frame);
      if (n.arg.type === 'Slice') {
        const s = n.arg;
        const start = s.start ? compileExpr(st, s.start, frame) : null;
        const stop = s.stop ? compileExpr(st, s.stop, frame) : null;
        const step = s.step ? compileExpr(st, s.step, frame) : null;
        return (a) => {
          const o = obj(a);
          const sl = makeSlice(start ? start(a) : null, stop ? stop(a) : null, step ? step(a) : null);
          if (o instanceof Undefined) return o.chain();
          return subscript(o, sl);
        };
      }
      const key = compileExpr(st, n.arg, frame);
      const site = siteOf(st, n);
      return (a) => {
        const o = obj(a);
        return env.getitemAt(o, key(a), site);
      };
    }
    case 'Slice':
      throw new Error('internal: slice outside a subscript');
    case 'Concat': {
      const parts = n.nodes.map((x) => compileExpr(st, x, frame));
      const join = concatJoin(frame);
      return (a) => join(a, parts.map((f) => f(a)));
    }
    case 'Compare': {
      const first = compileExpr(st, n.expr, frame);
      const ops = n.ops.map((o) => [o.op, compileExpr(st, o.expr, frame)] as const);
      return (a) => {
        let left = first(a);
        let result = false;
        for (const [op, f] of ops) {
          const right = f(a);
          if (op === 'in') result = contains(right, left);
          else if (op === 'notin') result = !contains(right, left);
          else result = compare(CMP_OPS[op]!, left, right);
          if (!result) return false;
          left = right;
        }
        return result;
      };
    }
    case 'And': {
      const l = compileExpr(st, n.left, frame);
      const r = compileExpr(st, n.right, frame);
      return (a) => {
        const v = l(a);
        return truthy(v) ? r(a) : v;
      };
    }
    case 'Or': {
      const l = compileExpr(st, n.left, frame);
      const r = compileExpr(st, n.right, frame);
      return (a) => {
        const v = l(a);
        return truthy(v) ? v : r(a);
      };
    }
    case 'Not': {
      const x = compileExpr(st, n.node, frame);
      return (a) => !truthy(x(a));
    }
    case 'Neg':
    case 'Pos': {
      const x = compileExpr(st, n.node, frame);
      const op = n.type === 'Neg' ? '-' : '+';
      return (a) => unary(op, x(a));
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'FloorDiv':
    case 'Mod':
    case 'Pow': {
      const l = compileExpr(st, n.left, frame);
      const r = compileExpr(st, n.right, frame);
      const op = BIN_OPS[n.type]!;
      return (a) => {
        const lv = l(a);
        return binary(op, lv, r(a));
      };
    }
    case 'NSRef':
      throw new Error('internal: namespace reference outside an assignment');
    case 'DebugExpr':
      return (a) => debugDump(a, env);
  }
}

export function compileCall(st: CompileState, n: A.Call, frame: CFrame, caller?: E): E {
  const env = st.env;
  const fn = compileExpr(st, n.node, frame);
  const args = compileArgs(st, n, frame);
  return (a) => {
    const f = fn(a);
    const [pos, kw] = evalArgs(a, args, caller ? ['caller', caller(a)] : undefined, 'jinja2.runtime.Context.call() ');
    return env.call(f, pos, kw, callContext(a, env));
  };
}

/** `{% debug %}`: the context, filter names and test names (a plain rendering, not Python's pprint layout). */
function debugDump(a: Act, env: RuntimeEnv): string {
  const ctx = [...a.ctx.getAll().keys()].sort().map((k) => reprString(k));
  return `{'context': {${ctx.join(', ')}}, 'filters': [${env
    .filterNames()
    .sort()
    .map((x) => reprString(x))
    .join(', ')}], 'tests': [${env
    .testNames()
    .sort()
    .map((x) => reprString(x))
    .join(', ')}]}`;
}

/** Annotate an error with the node's position if it has none yet. */
export function locate(e: unknown, node: A.Pos, st: CompileState): unknown {
  if (e instanceof RangeError) {
    // a JS stack overflow is Python's RecursionError; near the overflow even this may fail, so stay cheap
    try {
      if (e.message.includes('call stack')) e = new PyError('RecursionError', 'maximum recursion depth exceeded');
    } catch {
      return e;
    }
  }
  if (e instanceof PyError && e.lineno === undefined) {
    e.lineno = node.line;
    e.col = node.col;
    e.templateName = st.name ?? undefined;
  }
  return e;
}

