// Python builtins the filters are made of: int(), float(), abs(), round(), math.ceil/floor, and calling a
// value's method.
import type { CallContext, PyCallable, Value } from '../runtime/values.js';
import { MISSING, PY_CALL, Undefined, isStr, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { callBuiltinMethod, getAttribute } from '../python/attributes.js';
import { intFloorDiv } from '../python/numbers.js';
import { floatToInt, intToFloat } from '../python/numbers.js';
import { roundFloat } from '../python/float-digits.js';
import { parseFloatStr, parseIntStr } from '../python/parse-number.js';
import { indexArg } from '../python/args.js';
import { repr } from '../python/repr.js';
import { PyComplex } from '../python/numbers.js';

/** obj.name(*args, **kwargs) for builtin methods. */
export function callMethod(obj: Value, name: string, args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Value {
  const direct = callBuiltinMethod(obj, name, args, kwargs, ctx);
  if (direct !== MISSING) return direct;
  const m = getAttribute(obj, name);
  if (m === MISSING) throw pyError('AttributeError', `'${pyTypeName(obj)}' object has no attribute '${name}'`);
  const f = m as Partial<PyCallable>;
  if (f[PY_CALL]) return f[PY_CALL](args, kwargs, ctx);
  return ctx.env.call(m, args, kwargs, ctx);
}

/** Python int(v). */
export function pyInt(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return floatToInt(v);
  if (isStr(v)) return parseIntStr(strOf(v), 10, repr(v));
  if (v instanceof Undefined) return v.fail();
  throw pyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`);
}

/** Python int(s, base). */
export function pyIntBase(v: Value, base: Value): bigint {
  if (!isStr(v)) throw pyError('TypeError', "int() can't convert non-string with explicit base");
  return parseIntStr(strOf(v), indexArg(base), repr(v));
}

/** Python float(v). */
export function pyFloat(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isStr(v)) return parseFloatStr(strOf(v), repr(v));
  if (v instanceof Undefined) return v.fail();
  throw pyError('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

export function pyAbs(v: Value): Value {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  if (typeof v === 'number') return Math.abs(v);
  if (v instanceof PyComplex) return Math.hypot(v.re, v.im);
  throw pyError('TypeError', `bad operand type for abs(): '${pyTypeName(v)}'`);
}

/** Python round(number, ndigits). */
export function pyRound(v: Value, ndigits: Value): Value {
  if (typeof v === 'boolean') v = v ? 1n : 0n;
  if (typeof v === 'bigint') {
    if (ndigits === null) return v;
    const n = indexArg(ndigits);
    if (n >= 0) return v;
    const p = 10n ** BigInt(-n);
    // round half to even at 10^-n
    const q = intFloorDiv(v, p);
    const r = v - q * p;
    let k = q;
    if (2n * r > p || (2n * r === p && q % 2n !== 0n)) k = q + 1n;
    return k * p;
  }
  if (typeof v === 'number') {
    if (ndigits === null) {
      const r = roundFloat(v, 0);
      return floatToInt(r);
    }
    const n = indexArg(ndigits);
    const r = roundFloat(v, n);
    if (!Number.isFinite(r) && Number.isFinite(v)) throw pyError('OverflowError', 'rounded value too large to represent');
    return r;
  }
  throw pyError('TypeError', `type ${pyTypeName(v)} doesn't define __round__ method`);
}

/** math.ceil / math.floor. */
export function mathRound(v: Value, up: boolean): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return floatToInt(up ? Math.ceil(v) : Math.floor(v));
  if (v instanceof Undefined) return v.fail();
  throw pyError('TypeError', `must be real number, not ${pyTypeName(v)}`);
}

