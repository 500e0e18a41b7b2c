// `{% macro %}` and `{% call %}`: the macro function (its own variables, defaults evaluated in the macro frame,
// implicit caller / kwargs / varargs parameters when the body reads them) and the Macro object wrapping it.
import type * as A from '../syntax/ast.js';
import type { Value } from './values.js';
import { MISSING, reprString } from './values.js';
import { Act, joinOut, slotReader, slotWriter, type CFrame, type E, type Out, type S } from './frame.js';
import { FnScope, findUndeclared } from './symbols.js';
import { compileCall, compileExpr, compileFail, locate, type CompileState } from './compile-expr.js';
import { blockvisit, enterFrame } from './compile-stmt.js';
import { Macro } from './macro.js';
import { recoverable } from './collect.js';

/** Compile the macro function once; the result makes the Macro object for one activation (`name` null: a caller). */
function macroFactory(st: CompileState, node: A.Macro | A.CallBlock, frame: CFrame): (closure: Act, name: string | null) => Macro {
  const fn = new FnScope(frame.fn);
  const mf = frame.inner(fn);
  mf.symbols.analyzeNode(node);
  let explicitCaller: number | null = null;
  const skipSpecial = new Set<string>();
  const refs: string[] = [];
  node.args.forEach((arg, idx) => {
    if (arg.name === 'caller') explicitCaller = idx;
    if (arg.name === 'kwargs' || arg.name === 'varargs') skipSpecial.add(arg.name);
    refs.push(mf.symbols.ref(arg.name));
  });
  const undeclared = findUndeclared(node.body, ['caller', 'kwargs', 'varargs']);
  let accessesCaller = false;
  let accessesKwargs = false;
  let accessesVarargs = false;
  if (undeclared.has('caller')) {
    if (explicitCaller !== null) {
      if (node.args.length - explicitCaller > node.defaults.length) {
        compileFail(
          st,
          'When defining macros or call blocks the special "caller" argument must be omitted or be given a default.',
          node,
        );
      }
    } else refs.push(mf.symbols.declareParameter('caller'));
    accessesCaller = true;
  }
  if (undeclared.has('kwargs') && !skipSpecial.has('kwargs')) {
    refs.push(mf.symbols.declareParameter('kwargs'));
    accessesKwargs = true;
  }
  if (undeclared.has('varargs') && !skipSpecial.has('varargs')) {
    refs.push(mf.symbols.declareParameter('varargs'));
    accessesVarargs = true;
  }
  mf.requireOutputCheck = false;
  mf.symbols.analyzeNode(node);

  const params = refs.map((r) => {
    const [d, i] = fn.locate(r);
    return slotWriter(d, i);
  });
  const enter = enterFrame(mf);
  st.paramDefBlock.push(mf.symbols.dumpParamTargets());
  const defaults = node.args.map((arg, idx) => {
    const ref = mf.symbols.ref(arg.name);
    const [d, i] = fn.locate(ref);
    const dIdx = node.defaults.length + (idx - node.args.length);
    const dflt: E | null = dIdx >= 0 ? compileExpr(st, node.defaults[dIdx]!, mf) : null;
    st.paramDefBlock[st.paramDefBlock.length - 1]!.delete(ref);
    return { read: slotReader(d, i), write: slotWriter(d, i), dflt, name: arg.name };
  });
  st.paramDefBlock.pop();
  const outerDepth = st.loopDepth;
  st.loopDepth = 0;
  const body = blockvisit(st, node.body, mf);
  st.loopDepth = outerDepth;
  const env = st.env;
  const argNames = node.args.map((x) => x.name);
  const run = (closure: Act, values: Value[]): string => {
    const a = new Act(fn.slots.size, closure, closure.ctx);
    for (let k = 0; k < params.length; k++) params[k]!(a, values[k]);
    enter(a);
    for (const p of defaults) {
      if (p.read(a) !== MISSING) continue;
      if (p.dflt) {
        let v: Value;
        try {
          v = p.dflt(a);
        } catch (e) {
          throw locate(e, node, st);
        }
        p.write(a, v);
      } else p.write(a, env.makeUndefined(`parameter ${reprString(p.name)} was not provided`, MISSING, p.name));
    }
    const buf: Out = [];
    body(a, buf);
    return joinOut(buf);
  };
  const undefinedParam = (hint: string, name: string) => env.makeUndefined(hint, MISSING, name);
  return (closure, name) =>
    new Macro(undefinedParam, (values) => run(closure, values), name, argNames, accessesKwargs, accessesVarargs, accessesCaller);
}

export function compileMacro(st: CompileState, n: A.Macro, frame: CFrame): S {
  const make = macroFactory(st, n, frame);
  const [d, i] = frame.fn.locate(frame.symbols.ref(n.name));
  const write = slotWriter(d, i);
  const toplevel = frame.toplevel;
  const name = n.name;
  return (a) => {
    const m = make(a, name);
    if (toplevel) {
      if (!name.startsWith('_')) a.ctx.exportedVars.add(name);
      a.ctx.vars.set(name, m);
    }
    write(a, m);
  };
}

export function compileCallBlock(st: CompileState, n: A.CallBlock, frame: CFrame): S {
  const make = macroFactory(st, n, frame);
  const caller: E = (a) => make(a, null);
  const call = compileCall(st, n.call, frame, caller);
  return (a, out) => {
    try {
      out.push(call(a));
    } catch (e) {
      if (!recoverable(e)) throw locate(e, n, st);
    }
  };
}
