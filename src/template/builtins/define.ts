// Declaring filters and tests with the Python signature Jinja gives them, so wrong arguments raise the same
// TypeError (`do_truncate() takes from 2 to 6 positional arguments but 7 were given`). Context parameters that
// Jinja passes implicitly (environment, eval_ctx, context) count in those messages, so they are declared too.
import type { CallContext, FilterFn, TestFn, Value } from '../runtime/values.js';
import { pyError } from '../runtime/values.js';
import { compileSignature } from '../python/bind.js';
import type { ParamSpec } from '../python/bind.js';

const IMPLICIT = null;

/**
 * A filter written in Python in Jinja: `implicit` leading parameters are filled by Jinja (pass_environment,
 * pass_eval_context, pass_context); the next parameter receives the filtered value.
 */
export function pyFilter(
  pyName: string,
  params: readonly ParamSpec[],
  implicit: number,
  impl: (ctx: CallContext, ...bound: Value[]) => Value,
): FilterFn {
  const binder = compileSignature(pyName, params);
  return (ctx, value, args, kwargs) => {
    const all = implicit ? [...Array<Value>(implicit).fill(IMPLICIT), value, ...args] : [value, ...args];
    const bound = binder(all, kwargs);
    return impl(ctx, ...(implicit ? bound.slice(implicit) : bound));
  };
}

/** A test written in Python (see pyFilter). */
export function pyTest(
  pyName: string,
  params: readonly ParamSpec[],
  implicit: number,
  impl: (ctx: CallContext, ...bound: Value[]) => boolean,
): TestFn {
  const binder = compileSignature(pyName, params);
  return (ctx, value, args, kwargs) => {
    const all = implicit ? [...Array<Value>(implicit).fill(IMPLICIT), value, ...args] : [value, ...args];
    const bound = binder(all, kwargs);
    return impl(ctx, ...(implicit ? bound.slice(implicit) : bound));
  };
}

/** A C builtin taking exactly one argument (len, abs, escape, callable…). */
export function cOneArg<R>(qualName: string, impl: (ctx: CallContext, value: Value) => R): (ctx: CallContext, value: Value, args: Value[], kwargs: Map<string, Value>) => R {
  return (ctx, value, args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', `${qualName}() takes no keyword arguments`);
    if (args.length) throw pyError('TypeError', `${qualName}() takes exactly one argument (${args.length + 1} given)`);
    return impl(ctx, value);
  };
}

/** An `operator` module function of two arguments (eq, ne, lt…): `eq expected 2 arguments, got 3`. */
export function operatorTest(name: string, impl: (a: Value, b: Value) => boolean): TestFn {
  return (_ctx, value, args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', `_operator.${name}() takes no keyword arguments`);
    if (args.length !== 1) throw pyError('TypeError', `${name} expected 2 arguments, got ${args.length + 1}`);
    return impl(value, args[0]);
  };
}
