// Macros and call-block callers (Jinja's Macro): argument binding with Jinja's rules and TypeError messages.
import type { Value } from './values.js';
import { MISSING, Markup, pyError, reprString, tuple, type Undefined } from './values.js';
import type { PyObject } from '../python/ops.js';

/** Runs the macro body with the bound arguments (params, then caller / kwargs / varargs as declared). */
export type MacroBody = (args: Value[]) => string;

export class Macro implements PyObject {
  static pyQualName = 'jinja2.runtime.Macro';
  private readonly explicitCaller: boolean;

  constructor(
    private readonly makeUndefined: (hint: string, name: string) => Undefined,
    private readonly func: MacroBody,
    readonly name: string | null,
    readonly argNames: string[],
    readonly catchKwargs: boolean,
    readonly catchVarargs: boolean,
    readonly caller: boolean,
  ) {
    this.explicitCaller = argNames.includes('caller');
  }

  invoke(args: Value[], kwargsIn: Map<string, Value>, autoescape: boolean): string | Markup {
    const kwargs = new Map(kwargsIn);
    const count = this.argNames.length;
    const values: Value[] = args.slice(0, count);
    let foundCaller = false;
    if (values.length !== count) {
      for (const name of this.argNames.slice(values.length)) {
        let v: Value = MISSING;
        if (kwargs.has(name)) {
          v = kwargs.get(name);
          kwargs.delete(name);
        }
        if (name === 'caller') foundCaller = true;
        values.push(v);
      }
    } else foundCaller = this.explicitCaller;

    if (this.caller && !foundCaller) {
      let caller = kwargs.get('caller');
      kwargs.delete('caller');
      if (caller === undefined || caller === null) caller = this.makeUndefined('No caller defined', 'caller');
      values.push(caller);
    }
    const label = this.name === null ? 'None' : reprString(this.name);
    if (this.catchKwargs) values.push(new Map<Value, Value>(kwargs));
    else if (kwargs.size) {
      if (kwargs.has('caller')) {
        throw pyError('TypeError', `macro ${label} was invoked with two values for the special caller argument. This is most likely a bug.`);
      }
      throw pyError('TypeError', `macro ${label} takes no keyword argument ${reprString(kwargs.keys().next().value!)}`);
    }
    if (this.catchVarargs) values.push(tuple(args.slice(count)));
    else if (args.length > count) {
      throw pyError('TypeError', `macro ${label} takes not more than ${count} argument(s)`);
    }
    const rv = this.func(values);
    return autoescape ? new Markup(rv) : rv;
  }

  __getattr__(name: string): Value | typeof MISSING {
    switch (name) {
      case 'name':
        return this.name;
      case 'arguments':
        return tuple([...this.argNames]);
      case 'catch_kwargs':
        return this.catchKwargs;
      case 'catch_varargs':
        return this.catchVarargs;
      case 'caller':
        return this.caller;
    }
    return MISSING;
  }

  __repr__(): string {
    return `<Macro ${this.name === null ? 'anonymous' : reprString(this.name)}>`;
  }
}
