// The `loop` variable of for loops (Jinja's LoopContext): index/length bookkeeping, one-item look-ahead for
// `last`/`nextitem`, `cycle`, `changed`, and the recursive `loop(children)` call.
import type { Value } from './values.js';
import { MISSING, Markup, pyCallable, pyError, tuple, type Undefined } from './values.js';
import type { PyObject } from '../python/ops.js';
import { eq, hasLen, iter, len } from '../python/ops.js';

export type LoopRecurse = (iterable: Value, depth: number) => string | Markup;

export class LoopContext implements PyObject {
  static pyQualName = 'jinja2.runtime.LoopContext';
  index0 = -1;
  private lengthCache: number | null = null;
  private after: Value = MISSING;
  private current: Value = MISSING;
  private before: Value = MISSING;
  private lastChanged: Value = MISSING;
  private iterator: Iterator<Value>;

  constructor(
    private readonly iterable: Value,
    private readonly makeUndefined: (hint: string) => Undefined,
    private readonly recurse: LoopRecurse | null,
    readonly depth0: number,
  ) {
    this.iterator = iter(iterable)[Symbol.iterator]();
  }

  get length(): number {
    if (this.lengthCache !== null) return this.lengthCache;
    if (hasLen(this.iterable)) this.lengthCache = len(this.iterable);
    else {
      const rest: Value[] = [];
      for (let r = this.iterator.next(); !r.done; r = this.iterator.next()) rest.push(r.value);
      this.iterator = rest[Symbol.iterator]();
      this.lengthCache = rest.length + this.index0 + 1 + (this.after !== MISSING ? 1 : 0);
    }
    return this.lengthCache;
  }

  private peekNext(): Value {
    if (this.after !== MISSING) return this.after;
    const r = this.iterator.next();
    this.after = r.done ? MISSING : r.value;
    return this.after;
  }

  /** Advance; MISSING when exhausted. */
  advance(): Value {
    let rv: Value;
    if (this.after !== MISSING) {
      rv = this.after;
      this.after = MISSING;
    } else {
      const r = this.iterator.next();
      if (r.done) return MISSING;
      rv = r.value;
    }
    this.index0++;
    this.before = this.current;
    this.current = rv;
    return rv;
  }

  call(args: Value[], kwargs: Map<string, Value>): Value {
    if (args.length === 0 && !kwargs.has('iterable')) {
      throw pyError('TypeError', "LoopContext.__call__() missing 1 required positional argument: 'iterable'");
    }
    if (args.length > 1) {
      throw pyError('TypeError', `LoopContext.__call__() takes 2 positional arguments but ${args.length + 1} were given`);
    }
    if (this.recurse === null) {
      throw pyError('TypeError', "The loop must have the 'recursive' marker to be called recursively.");
    }
    if (args.length === 0) return this.recurse(kwargs.get('iterable'), this.depth0 + 1);
    return this.recurse(args[0], this.depth0 + 1);
  }

  __getattr__(name: string): Value | typeof MISSING {
    switch (name) {
      case 'index0':
        return BigInt(this.index0);
      case 'index':
        return BigInt(this.index0 + 1);
      case 'revindex0':
        return BigInt(this.length - (this.index0 + 1));
      case 'revindex':
        return BigInt(this.length - this.index0);
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.peekNext() === MISSING;
      case 'length':
        return BigInt(this.length);
      case 'depth0':
        return BigInt(this.depth0);
      case 'depth':
        return BigInt(this.depth0 + 1);
      case 'previtem':
        return this.index0 === 0 ? this.makeUndefined('there is no previous item') : this.before;
      case 'nextitem': {
        const rv = this.peekNext();
        return rv === MISSING ? this.makeUndefined('there is no next item') : rv;
      }
      case 'cycle':
        return pyCallable('LoopContext.cycle', (args) => {
          if (args.length === 0) throw pyError('TypeError', 'no items for cycling given');
          return args[this.index0 % args.length];
        });
      case 'changed':
        return pyCallable('LoopContext.changed', (args) => {
          const value = tuple([...args]);
          if (this.lastChanged === MISSING || !eq(this.lastChanged, value)) {
            this.lastChanged = value;
            return true;
          }
          return false;
        });
    }
    return MISSING;
  }

  __len__(): number {
    return this.length;
  }

  __repr__(): string {
    return `<LoopContext ${this.index0 + 1}/${this.length}>`;
  }
}

