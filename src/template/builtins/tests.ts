// Every builtin test (jinja2/tests.py), with Jinja's argument handling.
import type { TestFn, Value } from '../runtime/values.js';
import { Markup, Undefined, isStr, pyTypeQualName, strOf } from '../runtime/values.js';
import { binary } from '../python/arith.js';
import { compare, eq } from '../python/compare.js';
import { hashKey } from '../python/dict-keys.js';
import { hasHtml } from '../python/escape.js';
import { PyComplex } from '../python/numbers.js';
import { asPyObject } from '../python/protocol.js';
import { str } from '../python/repr.js';
import { contains, hasLen, isIterable, len } from '../python/sequence.js';
import { islower, isupper } from '../python/str-case.js';
import { cOneArg, operatorTest, pyTest } from './define.js';
import { isSubscriptable } from './subscriptable.js';

/** Python's `callable()`: functions, classes and objects with __call__. */
export function isCallableValue(v: Value): boolean {
  if (typeof v === 'function') return true;
  // Undefined defines __call__ (to raise), so Python calls it callable
  if (v instanceof Undefined) return true;
  const o = asPyObject(v) as { __call__?: unknown } | null;
  if (typeof o?.__call__ === 'function') return true;
  return CALLABLE_RUNTIME_TYPES.has(pyTypeQualName(v));
}

// Runtime classes with a Python __call__ (macros, and loop for recursive loops).
const CALLABLE_RUNTIME_TYPES = new Set(['jinja2.runtime.Macro', 'jinja2.runtime.LoopContext']);

/** `a is b`: identity where JS can see it. CPython caches small ints and interns short strings; other numbers
 * built separately are distinct objects, which a template cannot observe except through this test. */
function sameAs(a: Value, b: Value): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b && a >= -5n && a <= 256n;
  if (typeof a === 'number' && typeof b === 'number') return false;
  return a === b;
}

function isSequence(v: Value): boolean {
  try {
    if (!hasLen(v)) return false;
    len(v);
  } catch {
    return false;
  }
  return isSubscriptable(v);
}

const cmp = (op: '<' | '<=' | '>' | '>=') => operatorTest(op === '<' ? 'lt' : op === '<=' ? 'le' : op === '>' ? 'gt' : 'ge', (a, b) => compare(op, a, b));
const eqTest = operatorTest('eq', eq);
const neTest = operatorTest('ne', (a, b) => !eq(a, b));
const lt = cmp('<');
const le = cmp('<=');
const gt = cmp('>');
const ge = cmp('>=');

const one = (name: string, f: (v: Value) => boolean): TestFn => pyTest(name, ['value'], 0, (_ctx, v) => f(v));

export const builtinTestTable: Record<string, TestFn> = {
  odd: one('test_odd', (v) => eq(binary('%', v, 2n), 1n)),
  even: one('test_even', (v) => eq(binary('%', v, 2n), 0n)),
  divisibleby: pyTest('test_divisibleby', ['value', 'num'], 0, (_ctx, v, n) => eq(binary('%', v, n), 0n)),
  defined: one('test_defined', (v) => !(v instanceof Undefined)),
  undefined: one('test_undefined', (v) => v instanceof Undefined),
  filter: pyTest('test_filter', ['env', 'value'], 1, (ctx, v) => (hashKey(v), isStr(v) && ctx.env.hasFilter(strOf(v)))),
  test: pyTest('test_test', ['env', 'value'], 1, (ctx, v) => (hashKey(v), isStr(v) && ctx.env.hasTest(strOf(v)))),
  none: one('test_none', (v) => v === null),
  boolean: one('test_boolean', (v) => v === true || v === false),
  false: one('test_false', (v) => v === false),
  true: one('test_true', (v) => v === true),
  integer: one('test_integer', (v) => typeof v === 'bigint'),
  float: one('test_float', (v) => typeof v === 'number'),
  lower: one('test_lower', (v) => islower(str(v))),
  upper: one('test_upper', (v) => isupper(str(v))),
  string: one('test_string', (v) => typeof v === 'string' || v instanceof Markup),
  mapping: one('test_mapping', (v) => v instanceof Map),
  number: one('test_number', (v) => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' || v instanceof PyComplex),
  sequence: one('test_sequence', isSequence),
  iterable: one('test_iterable', (v) => {
    if (v instanceof Undefined) v.checkUsable();
    return isIterable(v);
  }),
  callable: cOneArg('callable', (_ctx, v) => isCallableValue(v)),
  sameas: pyTest('test_sameas', ['value', 'other'], 0, (_ctx, a, b) => sameAs(a, b)),
  escaped: one('test_escaped', hasHtml),
  in: pyTest('test_in', ['value', 'seq'], 0, (_ctx, v, seq) => contains(seq, v)),
  '==': eqTest,
  eq: eqTest,
  equalto: eqTest,
  '!=': neTest,
  ne: neTest,
  '>': gt,
  gt,
  greaterthan: gt,
  ge,
  '>=': ge,
  '<': lt,
  lt,
  lessthan: lt,
  '<=': le,
  le,
};
