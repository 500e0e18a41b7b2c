// How JS objects take part in Python semantics. Template-visible classes (range, Namespace, Cycler, LoopContext,
// Macro, generators, plugin values) implement whichever of these optional dunder-named methods they need; the
// operations in this folder (str, repr, truthiness, ==, iteration, len, in, attribute and item access) consult them.
// Anything not implemented falls back to Python's `object` defaults (identity equality, truthy, not iterable).
import type { Value } from '../runtime/values.js';
import type { MISSING } from '../runtime/values.js';

export interface PyObject {
  __repr__?(): string;
  /** str(); defaults to __repr__. */
  __str__?(): string;
  __bool__?(): boolean;
  __len__?(): number;
  /** Items of `iter(obj)`. A one-shot iterator (generator) returns the remaining items and is exhausted after. */
  __iter__?(): Iterable<Value>;
  __contains__?(item: Value): boolean;
  __eq__?(other: Value): boolean;
  /** Python hash() as a string key; objects without it hash by identity. */
  __hash__?(): string;
  /** Attribute lookup: the value or MISSING. Objects without it expose their public JS properties. */
  __getattr__?(name: string): Value | typeof MISSING;
  /** Item lookup: the value, MISSING (KeyError/IndexError), or throws PyError. */
  __getitem__?(key: Value): Value | typeof MISSING;
  /** Presence marks the object callable (`is callable`); the runtime decides how to call it. */
  __call__?(...args: never[]): unknown;
  /** markupsafe's __html__: the object's already-safe HTML. */
  __html__?(): string;
}

/** The object as a PyObject if it is a non-null object or function (so its dunder methods may be present). */
export function asPyObject(v: Value): PyObject | null {
  return (typeof v === 'object' && v !== null) || typeof v === 'function' ? (v as PyObject) : null;
}

// Python prints objects without __repr__ with their address. We cannot reproduce CPython's addresses, so each
// object gets a stable fake one (never compared in tests).
const addresses = new WeakMap<object, number>();
let nextAddress = 0x7f0000001000;

export function fakeAddress(o: object): string {
  let a = addresses.get(o);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x40;
    addresses.set(o, a);
  }
  return '0x' + a.toString(16);
}

