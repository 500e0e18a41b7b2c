// One-shot iterators (Python generators and reverse iterators). Filters like map/select/reject return these, so
// templates see Python's behaviour: they are truthy, have no len(), cannot be indexed, and are exhausted once
// iterated. They pull lazily from a JS iterator, so a filter's errors surface when (and only if) items are consumed.
import type { Value } from '../runtime/values.js';
import type { PyObject } from './protocol.js';
import { fakeAddress } from './protocol.js';

export class PyIterator implements PyObject {
  static pyQualName = 'generator';
  private readonly source: Iterator<Value>;
  private done = false;
  /** `repr` label, e.g. `generator object sync_do_map` or `list_reverseiterator object`. */
  readonly label: string;
  constructor(label: string, source: Iterable<Value>) {
    this.label = label;
    this.source = source[Symbol.iterator]();
  }
  /** The next item, or `end` when exhausted. */
  next<T>(end: T): Value | T {
    if (this.done) return end;
    const r = this.source.next();
    if (r.done) {
      this.done = true;
      return end;
    }
    return r.value;
  }
  *__iter__(): Generator<Value> {
    const end = Symbol();
    for (;;) {
      const v = this.next(end);
      if (v === end) return;
      yield v;
    }
  }
  __repr__(): string {
    return `<${this.label} at ${fakeAddress(this)}>`;
  }
  __bool__(): boolean {
    return true;
  }
}

const kinds = new Map<string, typeof PyIterator>();

/** A one-shot iterator whose Python type is `typeName` (generator, list_reverseiterator, …). */
export function pyIterator(typeName: string, source: Iterable<Value>, label = `${typeName} object`): PyIterator {
  let cls = kinds.get(typeName);
  if (!cls) {
    cls = class extends PyIterator {
      static override pyQualName = typeName;
    };
    kinds.set(typeName, cls);
  }
  return new cls(label, source);
}

/** A Python generator object as made by the named generator function (repr `<generator object NAME at …>`). */
export function generator(fnName: string, source: Iterable<Value>): PyIterator {
  return pyIterator('generator', source, `generator object ${fnName}`);
}
