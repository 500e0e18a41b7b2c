// include, import / from-import, extends and block calls: loading other templates and wiring inheritance.
import type * as A from '../syntax/ast.js';
import type { Value } from './values.js';
import { MISSING, PyError, pyError, reprString } from './values.js';
import { slotWriter, type Act, type CFrame, type S, type TemplateLike } from './frame.js';
import { CompilerExit, compileExpr, compileFail, locate, type CompileState } from './compile-expr.js';
import { localsReader, noop, positioned } from './compile-stmt.js';
import { recoverable } from './collect.js';

function templateGetter(st: CompileState, expr: A.Expr, frame: CFrame, include: boolean): (a: Act) => TemplateLike {
  const e = compileExpr(st, expr, frame);
  const env = st.env;
  const parent = st.name;
  if (!include) return (a) => env.getTemplate(e(a), parent);
  let kind: 'get' | 'select' | 'any' = 'any';
  if (expr.type === 'Const') {
    if (typeof expr.value === 'string') kind = 'get';
  } else if (expr.type === 'Tuple' || expr.type === 'List') kind = 'select';
  if (kind === 'get') return (a) => env.getTemplate(e(a), parent);
  if (kind === 'select') return (a) => env.selectTemplate(e(a), parent);
  return (a) => env.getOrSelectTemplate(e(a), parent);
}

function isNotFound(e: unknown): boolean {
  return e instanceof PyError && (e.pyType === 'TemplateNotFound' || e.pyType === 'TemplatesNotFound');
}

export function compileInclude(st: CompileState, n: A.Include, frame: CFrame): S {
  const get = templateGetter(st, n.template, frame, true);
  const locals = n.withContext ? localsReader(frame) : null;
  return (a, out) => {
    let t: TemplateLike;
    try {
      t = get(a);
    } catch (e) {
      if ((n.ignoreMissing && isNotFound(e)) || recoverable(e)) return;
      throw locate(e, n, st);
    }
    if (locals) t.root(t.newContext(a.ctx.getAll(), true, locals(a)), out);
    else out.push(t.getDefaultModule(null).bodyStream());
  };
}

export function compileImport(st: CompileState, n: A.Import | A.FromImport, frame: CFrame): S {
  const get = templateGetter(st, n.template, frame, false);
  const locals = n.withContext ? localsReader(frame) : null;
  const module = (a: Act): Value => {
    const t = get(a);
    return locals ? t.makeModule(a.ctx.getAll(), true, locals(a)) : t.getDefaultModule(a.ctx);
  };
  if (n.type === 'Import') {
    const [d, i] = frame.fn.locate(frame.symbols.ref(n.target));
    const write = slotWriter(d, i);
    const target = n.target;
    const toplevel = frame.toplevel;
    return positioned(st, n, (a) => {
      const m = module(a);
      write(a, m);
      if (toplevel) {
        a.ctx.vars.set(target, m);
        if (!target.startsWith('_')) a.ctx.exportedVars.delete(target);
      }
    });
  }
  const position = `line ${n.line}${st.name !== null ? ` in ${reprString(st.name)}` : ''}`;
  const names = n.names.map((x) => {
    const [name, alias] = typeof x === 'string' ? [x, x] : x;
    const [d, i] = frame.fn.locate(frame.symbols.ref(alias));
    return { name, alias, write: slotWriter(d, i) };
  });
  const toplevel = frame.toplevel;
  return positioned(st, n, (a) => {
    const m = module(a) as { __getattr__(k: string): Value; __name__: string | null };
    for (const x of names) {
      let v = m.__getattr__(x.name);
      if (v === MISSING) {
        const tn = m.__name__ === null ? 'None' : reprString(m.__name__);
        v = st.env.makeUndefined(
          `the template ${tn} (imported on ${position}) does not export the requested name ${reprString(x.name)}`,
          MISSING,
          x.name,
        );
      }
      x.write(a, v);
      if (toplevel) {
        a.ctx.vars.set(x.alias, v);
        if (!x.alias.startsWith('_')) a.ctx.exportedVars.delete(x.alias);
      }
    }
  });
}

export function compileExtends(st: CompileState, n: A.Extends, frame: CFrame): S {
  if (!frame.toplevel) compileFail(st, 'cannot use extend from a non top-level scope', n);
  const multiple = (): never => {
    const e = pyError('TemplateRuntimeError', 'extended multiple times');
    throw locate(e, n, st);
  };
  let pre: S = noop;
  if (st.extendsSoFar > 0) {
    if (st.hasKnownExtends) {
      throw new CompilerExit(() => multiple());
    }
    pre = (a) => {
      if (a.top().parentTemplate !== null) multiple();
    };
  }
  const get = templateGetter(st, n.template, frame, false);
  if (frame.rootlevel) st.hasKnownExtends = true;
  st.extendsSoFar++;
  return positioned(st, n, (a, out) => {
    pre(a, out);
    const parent = get(a);
    a.top().parentTemplate = parent;
    for (const [name, fn] of parent.blocks) {
      const stack = a.ctx.blocks.get(name);
      if (stack) stack.push(fn);
      else a.ctx.blocks.set(name, [fn]);
    }
  });
}

export function compileBlockCall(st: CompileState, n: A.Block, frame: CFrame): S {
  let guard = false;
  if (frame.toplevel) {
    if (st.hasKnownExtends) return noop;
    if (st.extendsSoFar > 0) guard = true;
  }
  const locals = n.scoped ? localsReader(frame) : null;
  const name = n.name;
  return (a, out) => {
    if (guard && a.top().parentTemplate !== null) return;
    const ctx = locals ? a.ctx.derived(locals(a)) : a.ctx;
    const stack = a.ctx.blocks.get(name)!;
    if (n.required && stack.length <= 1) {
      throw locate(pyError('TemplateRuntimeError', `Required block ${reprString(name)} not found`), n, st);
    }
    stack[0]!(ctx, out);
  };
}

