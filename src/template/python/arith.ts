// Binary and unary operators (+ - * / // % **) with Python's type rules, exact ints and CPython's errors.
import type { Value } from '../runtime/values.js';
import { Markup, Undefined, isStr, isTuple, pyError, pyTypeName, strOf, tuple } from '../runtime/values.js';
import { truthy } from './compare.js';
import { escape } from './escape.js';
import {
  PyComplex,
  asInt,
  floatFloorDiv,
  floatMod,
  floatPow,
  intFloorDiv,
  intMod,
  intTrueDiv,
  isNumeric,
  toFloat,
} from './numbers.js';
import { percentFormat } from './printf.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type UnaryOp = '-' | '+' | 'not';

function unsupported(op: BinaryOp, a: Value, b: Value) {
  const sym = op === '**' ? '** or pow()' : op;
  return pyError('TypeError', `unsupported operand type(s) for ${sym}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Python `a op b`. */
export function binary(op: BinaryOp, a: Value, b: Value): Value {
  if (a instanceof Undefined) a.fail();
  // str.__mod__ runs before Undefined.__rmod__, so '%s' % undefined formats it
  if (b instanceof Undefined && !(op === '%' && isStr(a))) b.fail();
  if (isNumeric(a) && isNumeric(b)) return numeric(op, a, b);
  switch (op) {
    case '+':
      return add(a, b);
    case '*':
      return multiply(a, b);
    case '%':
      if (isStr(a)) {
        return a instanceof Markup ? new Markup(percentFormat(a.s, b, true)) : percentFormat(a, b);
      }
      break;
  }
  throw unsupported(op, a, b);
}

function add(a: Value, b: Value): Value {
  if (isStr(a)) {
    if (isStr(b)) {
      if (a instanceof Markup || b instanceof Markup) return new Markup(escape(a).s + escape(b).s);
      return (a as string) + (b as string);
    }
    throw pyError('TypeError', `can only concatenate str (not "${pyTypeName(b)}") to str`);
  }
  if (Array.isArray(a)) {
    const kind = isTuple(a) ? 'tuple' : 'list';
    if (Array.isArray(b) && isTuple(a) === isTuple(b)) {
      const r = [...a, ...b];
      return isTuple(a) ? tuple(r) : r;
    }
    throw pyError('TypeError', `can only concatenate ${kind} (not "${pyTypeName(b)}") to ${kind}`);
  }
  throw unsupported('+', a, b);
}

const isSeq = (v: Value): boolean => isStr(v) || Array.isArray(v);

function multiply(a: Value, b: Value): Value {
  if (isSeq(a)) return repeat(a, b);
  if (isSeq(b)) return repeat(b, a);
  throw unsupported('*', a, b);
}

const MAX_SSIZE = 2n ** 63n - 1n;

function repeat(seq: Value, count: Value): Value {
  if (typeof count !== 'bigint' && typeof count !== 'boolean') {
    throw pyError('TypeError', `can't multiply sequence by non-int of type '${pyTypeName(count)}'`);
  }
  const n = asInt(count);
  if (n > MAX_SSIZE || n < -MAX_SSIZE - 1n) {
    throw pyError('OverflowError', "cannot fit 'int' into an index-sized integer");
  }
  const k = n < 0n ? 0 : Number(n);
  if (isStr(seq)) {
    const s = strOf(seq);
    if (s.length * k > 2 ** 29) throw pyError('OverflowError', 'repeated string is too long');
    const r = s.repeat(k);
    return seq instanceof Markup ? new Markup(r) : r;
  }
  const items = seq as readonly Value[];
  if (items.length * k > 2 ** 27) throw pyError('OverflowError', 'repeated list is too long');
  const out: Value[] = [];
  for (let i = 0; i < k; i++) out.push(...items);
  return isTuple(seq) ? tuple(out) : out;
}

function numeric(op: BinaryOp, a: bigint | number | boolean, b: bigint | number | boolean): Value {
  if (typeof a !== 'number' && typeof b !== 'number') {
    const x = asInt(a);
    const y = asInt(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return intTrueDiv(x, y);
      case '//':
        return intFloorDiv(x, y);
      case '%':
        return intMod(x, y);
      case '**':
        if (y >= 0n) return intPow(x, y);
        if (x === 0n) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return floatPow(toFloat(x), toFloat(y));
    }
  }
  const x = toFloat(a);
  const y = toFloat(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return x / y;
    case '//':
      return floatFloorDiv(x, y);
    case '%':
      return floatMod(x, y);
    case '**':
      return floatPow(x, y);
  }
}

function intPow(x: bigint, y: bigint): bigint {
  if (x === 0n || x === 1n) return y === 0n ? 1n : x;
  if (x === -1n) return y % 2n === 0n ? 1n : -1n;
  // Python would grind (and eventually run out of memory) on results of millions of digits
  if (y > 10_000_000n) throw pyError('OverflowError', 'exponent too large');
  return x ** y;
}

/** Python `-v`, `+v`, `not v`. */
export function unary(op: UnaryOp, v: Value): Value {
  if (op === 'not') return !truthy(v);
  if (v instanceof Undefined) return v.fail();
  if (typeof v === 'boolean') v = v ? 1n : 0n;
  if (typeof v === 'bigint') return op === '-' ? -v : v;
  if (typeof v === 'number') return op === '-' ? -v : v;
  if (v instanceof PyComplex) return op === '-' ? new PyComplex(-v.re, -v.im) : v;
  throw pyError('TypeError', `bad operand type for unary ${op}: '${pyTypeName(v)}'`);
}
