// Python value semantics for the template runtime: the one import the runtime needs. Everything here follows
// CPython 3.11 (results and exact error types/messages) on the value model of runtime/values.ts.
//
// Classes that take part (range, Namespace, Cycler, LoopContext, Macro, generators, plugin objects) implement
// the optional dunder methods of PyObject (protocol.ts): __repr__, __str__, __bool__, __len__, __iter__,
// __contains__, __eq__, __hash__, __getattr__, __getitem__, __html__, __format__.
export { str, repr, intStr, floatRepr } from './repr.js';
export { truthy, eq, compare, numCmp, compareStrings } from './compare.js';
export type { CompareOp } from './compare.js';
export { binary, unary } from './arith.js';
export type { BinaryOp, UnaryOp } from './arith.js';
export { iter, iterate, isIterable, len, hasLen, contains, getItem, subscript } from './sequence.js';
export { getAttribute, boundMethod } from './attributes.js';
export { PySlice, makeSlice } from './slice.js';
export { PyRange, makeRange } from './range.js';
export { PyIterator, pyIterator, generator } from './iterator.js';
export { hashKey, findKey, dictGet, dictSet, dictHas, dictDelete } from './dict-keys.js';
export { percentFormat } from './printf.js';
export { strFormat, strFormatMap } from './str-format.js';
export { formatValue } from './format-spec.js';
export { escape, escapeText, softStr, hasHtml } from './escape.js';
export { intToFloat, toFloat, floatToInt, PyComplex } from './numbers.js';
export { roundFloat } from './float-digits.js';
export { sortValues, sortIndexes } from './sort.js';
export { bind, noArgs, oneArg, positionalArgs } from './bind.js';
export type { ParamSpec } from './bind.js';
export { asPyObject, fakeAddress } from './protocol.js';
export type { PyObject } from './protocol.js';
export { DictView, dictView, updateDict } from './dict-methods.js';
