// Statements → closures. Mirrors the order of effects of Jinja's generated code (frame entry, assignment
// tracking into context.vars / loop vars / block vars, output checks in extended templates).
import type * as A from '../syntax/ast.js';
import type { Value } from './values.js';
import { MISSING, Markup, Undefined, pyError, pyTypeName } from './values.js';
import { escape, hasHtml, iterate, str, truthy } from '../python/ops.js';
import { isIterable } from '../python/ops.js';
import { asPyObject } from '../python/ops.js';
import { slotReader, slotWriter, type Act, type CFrame, type E, type Out, type S } from './frame.js';
import type { FnScope } from './symbols.js';
import { CompilerExit, compileExpr, compileFail, locate, outputConverter, type CompileState } from './compile-expr.js';
import { compileFor } from './compile-loop.js';
import { compileCallBlock, compileMacro } from './compile-macro.js';
import { compileBlockCall, compileExtends, compileImport, compileInclude } from './compile-inherit.js';
import { tryConst } from './const-eval.js';
import { recoverable } from './collect.js';
import { Namespace } from '../builtins/index.js';

export class BreakSignal {}
export class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

export const noop: S = () => {};

/** Statements of a body; stops compiling at a CompilerExit like Jinja. */
export function blockvisit(st: CompileState, nodes: A.Stmt[], frame: CFrame): S {
  const stmts: S[] = [];
  for (const n of nodes) {
    try {
      stmts.push(compileStmt(st, n, frame));
    } catch (e) {
      if (e instanceof CompilerExit) {
        stmts.push(e.stmt);
        break;
      }
      throw e;
    }
  }
  if (stmts.length === 0) return noop;
  if (stmts.length === 1) return stmts[0]!;
  return (a, out) => {
    for (let i = 0; i < stmts.length; i++) stmts[i]!(a, out);
  };
}

/** Jinja's enter_frame: initialise the frame's variables (resolve from context, alias outer, or missing). */
export function enterFrame(frame: CFrame): (a: Act) => void {
  const ops: ((a: Act) => void)[] = [];
  for (const [target, load] of frame.symbols.loads) {
    if (load[0] === 'param') continue;
    const [d, i] = frame.fn.locate(target);
    const write = slotWriter(d, i);
    if (load[0] === 'resolve') {
      const name = load[1];
      ops.push((a) => write(a, a.ctx.resolveOrMissing(name)));
    } else if (load[0] === 'alias') {
      const [d2, i2] = frame.fn.locate(load[1]);
      const read = slotReader(d2, i2);
      ops.push((a) => write(a, read(a)));
    } else ops.push((a) => write(a, MISSING));
  }
  if (ops.length === 0) return () => {};
  return (a) => {
    for (const op of ops) op(a);
  };
}

/** Jinja's leave_frame: reset the frame's variables unless the frame is a whole generated function. */
export function leaveFrame(frame: CFrame, withFunctionScope = false): (a: Act) => void {
  if (withFunctionScope) return () => {};
  const writes = [...frame.symbols.loads.keys()].map((t) => {
    const [d, i] = frame.fn.locate(t);
    return slotWriter(d, i);
  });
  if (writes.length === 0) return () => {};
  return (a) => {
    for (const w of writes) w(a, MISSING);
  };
}

/** The values of every variable stored in the frame chain (Jinja's dump_local_context). */
export function localsReader(frame: CFrame): (a: Act) => Map<string, Value> {
  const entries = [...frame.symbols.dumpStores()].map(([name, ref]) => {
    const [d, i] = frame.fn.locate(ref);
    return [name, slotReader(d, i)] as const;
  });
  return (a) => {
    const m = new Map<string, Value>();
    for (const [name, read] of entries) m.set(name, read(a));
    return m;
  };
}

/** Python's `a, b = value` unpacking. */
export function unpack(v: Value, n: number): readonly Value[] {
  if (Array.isArray(v) && v.length === n) return v;
  if (!(v instanceof Undefined) && !isIterable(v)) throw pyError('TypeError', `cannot unpack non-iterable ${pyTypeName(v)} object`);
  const items = iterate(v);
  if (items.length < n) throw pyError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
  if (items.length > n) throw pyError('ValueError', `too many values to unpack (expected ${n})`);
  return items;
}

/** An assignment target (name, tuple of targets, namespace attribute). `fn` is the function the code runs in. */
export function compileAssign(st: CompileState, t: A.Expr, frame: CFrame, fn: FnScope = frame.fn): (a: Act, v: Value) => void {
  if (t.type === 'Name') {
    if (t.ctx === 'store' && (frame.toplevel || frame.loopFrame || frame.blockFrame) && st.assignStack.length) {
      st.assignStack[st.assignStack.length - 1]!.add(t.name);
    }
    const [d, i] = fn.locate(frame.symbols.ref(t.name));
    return slotWriter(d, i);
  }
  if (t.type === 'Tuple') {
    const parts = t.items.map((x) => compileAssign(st, x, frame, fn));
    return (a, v) => {
      const items = unpack(v, parts.length);
      for (let k = 0; k < parts.length; k++) parts[k]!(a, items[k]);
    };
  }
  if (t.type === 'NSRef') {
    const [d, i] = fn.locate(frame.symbols.ref(t.name));
    const read = slotReader(d, i);
    const attr = t.attr;
    return (a, v) => {
      const ns = read(a);
      if (!isNamespace(ns)) throw pyError('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
      ns.__setitem__(attr, v);
    };
  }
  throw new Error(`internal: cannot assign to ${t.type}`);
}

function isNamespace(v: Value): v is Namespace {
  return v instanceof Namespace;
}

/** After an assignment: mirror assigned names into the context / loop vars / block vars like Jinja. */
function popAssignTracking(st: CompileState, frame: CFrame): (a: Act) => void {
  const vars = st.assignStack.pop()!;
  if ((!frame.blockFrame && !frame.loopFrame && !frame.toplevel) || vars.size === 0) return () => {};
  const entries = [...vars].map((name) => {
    const [d, i] = frame.fn.locate(frame.symbols.ref(name));
    return [name, slotReader(d, i)] as const;
  });
  const publicNames = [...vars].filter((x) => !x.startsWith('_'));
  if (frame.loopFrame) {
    return (a) => {
      const lv = a.loopVars ?? (a.loopVars = new Map());
      for (const [n, r] of entries) lv.set(n, r(a));
    };
  }
  if (frame.blockFrame) {
    return (a) => {
      const bv = a.blockVars ?? (a.blockVars = new Map());
      for (const [n, r] of entries) bv.set(n, r(a));
    };
  }
  return (a) => {
    for (const [n, r] of entries) a.ctx.vars.set(n, r(a));
    for (const n of publicNames) a.ctx.exportedVars.add(n);
  };
}

function markup(v: Value): Markup {
  if (v instanceof Markup) return v;
  if (hasHtml(v)) {
    const h = asPyObject(v)?.__html__;
    return new Markup(h ? h.call(v) : str(v));
  }
  return new Markup(str(v));
}

/** Wrap a statement so errors carry its position. */
export function positioned(st: CompileState, node: A.Pos, s: S): S {
  return (a, out) => {
    try {
      s(a, out);
    } catch (e) {
      // while collecting issues, a statement that hit an undefined value is skipped
      if (!recoverable(e)) throw locate(e, node, st);
    }
  };
}

export function compileStmt(st: CompileState, n: A.Stmt, frame: CFrame): S {
  switch (n.type) {
    case 'Output':
      return compileOutput(st, n, frame);
    case 'If': {
      const f = frame.soft();
      const branches: [E, S][] = [[compileExpr(st, n.test, f), blockvisit(st, n.body, f)]];
      for (const e of n.elif_) branches.push([compileExpr(st, e.test, f), blockvisit(st, e.body, f)]);
      const els = n.else_.length ? blockvisit(st, n.else_, f) : null;
      const tests = branches.map((b) => b[0]);
      return (a, out) => {
        for (let k = 0; k < branches.length; k++) {
          let ok: boolean;
          try {
            ok = truthy(tests[k]!(a));
          } catch (e) {
            if (!recoverable(e)) throw locate(e, k === 0 ? n : n.elif_[k - 1]!, st);
            ok = false;
          }
          if (ok) return branches[k]![1](a, out);
        }
        if (els) els(a, out);
      };
    }
    case 'Assign': {
      st.assignStack.push(new Set());
      const target = compileAssign(st, n.target, frame);
      const value = compileExpr(st, n.node, frame);
      const track = popAssignTracking(st, frame);
      return positioned(st, n, (a) => {
        target(a, value(a));
        track(a);
      });
    }
    case 'AssignBlock': {
      st.assignStack.push(new Set());
      const bf = frame.inner();
      bf.requireOutputCheck = false;
      bf.symbols.analyzeNode(n);
      const enter = enterFrame(bf);
      const body = blockvisit(st, n.body, bf);
      const target = compileAssign(st, n.target, frame);
      const filter = n.filter ? compileExpr(st, n.filter, bf) : null;
      const track = popAssignTracking(st, frame);
      const leave = leaveFrame(bf);
      return positioned(st, n, (a) => {
        enter(a);
        const buf: Out = [];
        body(a, buf);
        let v: Value;
        if (filter) {
          const saved = a.filterBuf;
          a.filterBuf = buf;
          try {
            v = filter(a);
          } finally {
            a.filterBuf = saved;
          }
        } else v = st.env.join(buf);
        target(a, a.ctx.evalCtx.autoescape ? markup(v) : v);
        track(a);
        leave(a);
      });
    }
    case 'With': {
      const wf = frame.inner();
      wf.symbols.analyzeNode(n);
      const enter = enterFrame(wf);
      const pairs = n.targets.map((t, k) => [compileAssign(st, t, wf), compileExpr(st, n.values[k]!, frame)] as const);
      const body = blockvisit(st, n.body, wf);
      const leave = leaveFrame(wf);
      return (a, out) => {
        enter(a);
        for (const [t, v] of pairs) {
          try {
            t(a, v(a));
          } catch (e) {
            throw locate(e, n, st);
          }
        }
        body(a, out);
        leave(a);
      };
    }
    case 'FilterBlock': {
      const ff = frame.inner();
      ff.symbols.analyzeNode(n);
      const enter = enterFrame(ff);
      const body = blockvisit(st, n.body, ff);
      const filter = compileExpr(st, n.filter, ff);
      const leave = leaveFrame(ff);
      return (a, out) => {
        enter(a);
        const buf: Out = [];
        body(a, buf);
        const saved = a.filterBuf;
        a.filterBuf = buf;
        try {
          out.push(filter(a));
        } catch (e) {
          if (!recoverable(e)) throw locate(e, n, st);
        } finally {
          a.filterBuf = saved;
        }
        leave(a);
      };
    }
    case 'ExprStmt': {
      const e = compileExpr(st, n.node, frame);
      return positioned(st, n, (a) => {
        e(a);
      });
    }
    case 'Scope': {
      const sf = frame.inner();
      sf.symbols.analyzeNode(n);
      const enter = enterFrame(sf);
      const body = blockvisit(st, n.body, sf);
      const leave = leaveFrame(sf);
      return (a, out) => {
        enter(a);
        body(a, out);
        leave(a);
      };
    }
    case 'ScopedEvalContextModifier':
      return compileEvalContextModifier(st, n, frame);
    case 'For':
      return compileFor(st, n, frame);
    case 'Macro':
      return compileMacro(st, n, frame);
    case 'CallBlock':
      return compileCallBlock(st, n, frame);
    case 'Include':
      return compileInclude(st, n, frame);
    case 'Import':
    case 'FromImport':
      return compileImport(st, n, frame);
    case 'Extends':
      return compileExtends(st, n, frame);
    case 'Block':
      return compileBlockCall(st, n, frame);
    case 'Break':
      if (st.loopDepth === 0) compileFail(st, "'break' outside loop", n);
      return () => {
        throw BREAK;
      };
    case 'Continue':
      if (st.loopDepth === 0) compileFail(st, "'continue' not properly in loop", n);
      return () => {
        throw CONTINUE;
      };
  }
}

function compileOutput(st: CompileState, n: A.Output, frame: CFrame): S {
  if (frame.requireOutputCheck && st.hasKnownExtends) return noop;
  const guard = frame.requireOutputCheck;
  const conv = outputConverter(frame);
  // adjacent template data is one output item, as in Jinja's generated code
  const parts: (string | [E, A.Expr])[] = [];
  for (const c of n.nodes) {
    if (c.type === 'TemplateData') {
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = last + c.data;
      else parts.push(c.data);
    } else {
      // Jinja folds constant output at compile time with the static autoescape setting (even when volatile, and
      // with as_const's subscript rules)
      const k = tryConst(c, st.env);
      let folded: string | null = null;
      if (k !== MISSING) {
        try {
          folded = frame.evalCtx.autoescape ? escape(k).s : str(k);
        } catch {
          folded = null;
        }
      }
      if (folded !== null) parts.push(folded);
      else parts.push([compileExpr(st, c, frame), c]);
    }
  }
  return (a, out) => {
    if (guard && a.top().parentTemplate !== null) return;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (typeof p === 'string') out.push(p);
      else {
        try {
          out.push(conv(a, p[0](a)));
        } catch (e) {
          if (!recoverable(e)) throw locate(e, p[1], st);
        }
      }
    }
  };
}

function compileEvalContextModifier(st: CompileState, n: A.ScopedEvalContextModifier, frame: CFrame): S {
  const saved = { ...frame.evalCtx };
  const options: E[] = [];
  for (const kw of n.options) {
    options.push(compileExpr(st, kw.value, frame));
    const c = tryConst(kw.value);
    if (c === MISSING) frame.evalCtx.volatile = true;
    else frame.evalCtx.autoescape = truthy(c);
  }
  const body = n.body.map((b) => compileStmt(st, b, frame));
  Object.assign(frame.evalCtx, saved);
  return (a, out) => {
    const old = { ...a.ctx.evalCtx };
    for (const o of options) {
      let v: Value;
      try {
        v = o(a);
      } catch (e) {
        throw locate(e, n, st);
      }
      a.ctx.evalCtx.autoescape = truthy(v);
    }
    for (const b of body) b(a, out);
    Object.assign(a.ctx.evalCtx, old);
  };
}

