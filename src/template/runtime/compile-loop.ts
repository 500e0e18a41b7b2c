// `{% for %}`: loop frames, the optional `loop` variable, inline `if` filtering (a lazy generator, like Jinja's),
// `else`, recursive loops, and break/continue.
import type * as A from '../syntax/ast.js';
import type { Value } from './values.js';
import { MISSING, Markup, tuple } from './values.js';
import { findAll } from '../syntax/ast.js';
import { generator, iter, truthy } from '../python/ops.js';
import { Act, joinOut, slotReader, slotWriter, type CFrame, type E, type Out, type S } from './frame.js';
import { FnScope, findUndeclared } from './symbols.js';
import { compileExpr, compileFail, locate, type CompileState } from './compile-expr.js';
import { BreakSignal, ContinueSignal, blockvisit, compileAssign, enterFrame, leaveFrame } from './compile-stmt.js';
import { LoopContext } from './loop.js';
import { recoverable } from './collect.js';

/** Reads back a for-target after assignment (the loop filter yields the unpacked values). */
function targetReader(t: A.Expr, frame: CFrame, fn: FnScope): E {
  if (t.type === 'Name') {
    const [d, i] = fn.locate(frame.symbols.ref(t.name));
    return slotReader(d, i);
  }
  if (t.type === 'Tuple') {
    const parts = t.items.map((x) => targetReader(x, frame, fn));
    return (a) => tuple(parts.map((p) => p(a)));
  }
  throw new Error(`internal: bad loop target ${t.type}`);
}

export function compileFor(st: CompileState, n: A.For, frame: CFrame): S {
  const env = st.env;
  const loopFn = n.recursive ? new FnScope(frame.fn) : frame.fn;
  const loopFrame = frame.inner(loopFn);
  loopFrame.loopFrame = true;
  const testFn = n.test ? new FnScope(frame.fn) : null;
  const testFrame = frame.inner(testFn ?? frame.fn);
  const elseFrame = frame.inner(loopFn);

  const extended =
    n.recursive || findUndeclared(n.body, ['loop']).has('loop') || findAll(n, 'Block').some((b) => b.scoped);
  const loopRef = extended ? loopFrame.symbols.declareParameter('loop') : null;
  loopFrame.symbols.analyzeNode(n, 'body');
  if (n.else_.length) elseFrame.symbols.analyzeNode(n, 'else');

  // inline `if`: a generator function defined in the enclosing function
  let filter: ((outer: Act, iterable: Value) => Value) | null = null;
  if (n.test && testFn) {
    testFrame.symbols.analyzeNode(n, 'test');
    const enterT = enterFrame(testFrame);
    const assignT = compileAssign(st, n.target, loopFrame, testFn);
    const readT = targetReader(n.target, loopFrame, testFn);
    const test = compileExpr(st, n.test, testFrame);
    const testNode = n.test;
    filter = (outer, iterable) =>
      generator('loop_filter', {
        *[Symbol.iterator]() {
          const ta = new Act(testFn.slots.size, outer, outer.ctx);
          enterT(ta);
          for (const item of iter(iterable)) {
            assignT(ta, item);
            let ok: boolean;
            try {
              ok = truthy(test(ta));
            } catch (e) {
              throw locate(e, testNode, st);
            }
            if (ok) yield readT(ta);
          }
        },
      });
  }

  const writeLoop = loopRef ? (() => {
    const [d, i] = loopFn.locate(loopRef);
    return slotWriter(d, i);
  })() : null;

  for (const name of findAll(n, 'Name')) {
    if (name.ctx === 'store' && name.name === 'loop') compileFail(st, "Can't assign to special loop variable in for-loop target", name);
  }

  const assign = compileAssign(st, n.target, loopFrame);
  const iterE = n.recursive ? null : compileExpr(st, n.iter, frame);
  const enterL = enterFrame(loopFrame);
  const outerDepth = st.loopDepth;
  st.loopDepth = n.recursive ? 1 : outerDepth + 1;
  const body = blockvisit(st, n.body, loopFrame);
  st.loopDepth = outerDepth;
  const leaveL = leaveFrame(loopFrame, n.recursive && !n.else_.length);
  const hasElse = n.else_.length > 0;
  const enterE = hasElse ? enterFrame(elseFrame) : null;
  const bodyE = hasElse ? blockvisit(st, n.else_, elseFrame) : null;
  const leaveE = hasElse ? leaveFrame(elseFrame) : null;
  const makeUndefined = (hint: string) => env.makeUndefined(hint);
  // names stored in the loop are not assignments of an enclosing `set`
  if (st.assignStack.length) for (const s of loopFrame.symbols.stores) st.assignStack[st.assignStack.length - 1]!.delete(s);

  /** Runs the loop over `iterable` in activation `a` (the loop function's own in recursive mode). */
  const run = (a: Act, outer: Act, iterable: Value, out: Out, depth: number, recurse: ((it: Value, d: number) => Value) | null): void => {
    if (writeLoop) writeLoop(a, MISSING);
    let noIteration = true;
    let source: Value;
    try {
      source = filter ? filter(outer, iterable) : iterable;
    } catch (e) {
      throw locate(e, n, st);
    }
    const step = (item: Value, lc: LoopContext | null): boolean => {
      assign(a, item);
      if (writeLoop) writeLoop(a, lc);
      enterL(a);
      a.loopVars = null;
      try {
        body(a, out);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (e instanceof ContinueSignal) return true;
        throw e;
      }
      noIteration = false;
      return true;
    };
    try {
      if (extended) {
        const lc = new LoopContext(source, makeUndefined, recurse as ((it: Value, d: number) => string | Markup) | null, depth);
        for (let item = lc.advance(); item !== MISSING; item = lc.advance()) if (!step(item, lc)) break;
      } else {
        for (const item of iter(source)) if (!step(item, null)) break;
      }
    } catch (e) {
      if (!recoverable(e)) throw locate(e, n, st);
    }
    leaveL(a);
    if (hasElse && noIteration) {
      enterE!(a);
      bodyE!(a, out);
      leaveE!(a);
    }
  };

  if (!n.recursive) {
    return (a, out) => {
      let iterable: Value;
      try {
        iterable = iterE!(a);
      } catch (e) {
        if (!recoverable(e)) throw locate(e, n, st);
        iterable = [];
      }
      run(a, a, iterable, out, 0, null);
    };
  }

  const autoescape = { ...frame.evalCtx };
  const iterRec = compileExpr(st, n.iter, frame);
  return (a, out) => {
    const loopFunc = (reciter: Value, depth: number): Value => {
      const la = new Act(loopFn.slots.size, a, a.ctx);
      const buf: Out = [];
      run(la, a, reciter, buf, depth, loopFunc);
      const s = joinOut(buf);
      const esc = autoescape.volatile ? a.ctx.evalCtx.autoescape : autoescape.autoescape;
      return esc ? new Markup(s) : s;
    };
    let iterable: Value;
    try {
      iterable = iterRec(a);
    } catch (e) {
      if (!recoverable(e)) throw locate(e, n, st);
      iterable = [];
    }
    out.push(loopFunc(iterable, 0));
  };
}
