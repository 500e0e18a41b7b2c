// Python value semantics for the template runtime: the one import the runtime needs. Everything here follows
// CPython 3.11 (results and exact error types/messages) on the value model of runtime/values.ts.
//
// Classes that take part (range, Namespace, Cycler, LoopContext, Macro, generators, plugin objects) implement
// the optional dunder methods of PyObject (protocol.ts): __repr__, __str__, __bool__, __len__, __iter__,
// __contains__, __eq__, __hash__, __getattr__, __getitem__, __html__, __format__.
export { str, repr } from './repr.js';
export { truthy, eq, compare } from './compare.js';
export { binary, unary } from './arith.js';
export { iter, iterate, isIterable, len, hasLen, contains, getItem, subscript } from './sequence.js';
export { getAttribute } from './attributes.js';
export { makeSlice } from './slice.js';
export { generator } from './iterator.js';
export { dictSet } from './dict-keys.js';
export { escape, softStr, hasHtml } from './escape.js';
export { asPyObject, fakeAddress } from './protocol.js';
export type { PyObject } from './protocol.js';
