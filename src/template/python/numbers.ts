// Numeric conversions shared by arithmetic, formatting and filters.
import type { Value } from '../runtime/values.js';
import { pyError } from '../runtime/values.js';
import { floatRepr } from './float-digits.js';
import { positivePow } from './pow.js';
import { intTrueDiv, ldexp } from './numbers-core.js';

export { intTrueDiv, ldexp };

/** float(int): exact when possible, OverflowError past the double range (CPython's message). */
export function intToFloat(v: bigint): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw pyError('OverflowError', 'int too large to convert to float');
  return x;
}

/** float(x) for a bool/int/float. */
export function toFloat(v: bigint | number | boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return intToFloat(v);
}

/** int(x) for a float: truncation, with Python's errors for inf/nan. */
export function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw pyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(x));
}

/** A bool/int as bigint. */
export const asInt = (v: bigint | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);

export const isNumeric = (v: Value): v is bigint | number | boolean =>
  typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';

export function intFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function intMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** CPython's float divmod: floor quotient and modulo with the divisor's sign. */
export function floatDivMod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1;
    }
  } else mod = wx < 0 ? -0 : 0;
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = (vx / wx < 0 || Object.is(vx / wx, -0)) ? -0 : 0;
  return [floordiv, mod];
}

export function floatMod(a: number, b: number): number {
  if (b === 0) throw pyError('ZeroDivisionError', 'float modulo');
  let mod = a % b;
  if (mod) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = b < 0 ? -0 : 0;
  return mod;
}

export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw pyError('ZeroDivisionError', 'float floor division by zero');
  return floatDivMod(a, b)[0];
}

const isOddInteger = (y: number): boolean => Number.isInteger(y) && Math.abs(y % 2) === 1;

/** A complex result (negative base, fractional exponent): Python prints it, nothing else uses it. */
export class PyComplex {
  static pyQualName = 'complex';
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
  __repr__(): string {
    const part = (x: number): string => {
      const r = floatRepr(x);
      return r.endsWith('.0') ? r.slice(0, -2) : r;
    };
    if (this.re === 0 && !Object.is(this.re, -0)) return `${part(this.im)}j`;
    const im = part(this.im);
    return `(${part(this.re)}${im.startsWith('-') ? '' : '+'}${im}j)`;
  }
  __bool__(): boolean {
    return this.re !== 0 || this.im !== 0;
  }
  __eq__(o: unknown): boolean {
    if (o instanceof PyComplex) return o.re === this.re && o.im === this.im;
    if (this.im !== 0) return false;
    if (typeof o === 'number') return o === this.re;
    if (typeof o === 'bigint' || typeof o === 'boolean') return Number.isInteger(this.re) && BigInt(this.re) === BigInt(o);
    return false;
  }
}

/** float ** float with CPython's special cases and errors. */
export function floatPow(x: number, y: number): number | PyComplex {
  if (y === 0) return 1;
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return x === 1 ? 1 : y;
  if (!Number.isFinite(y)) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    return y > 0 === ax > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(x)) {
    const odd = isOddInteger(y);
    if (y > 0) return odd ? x : Math.abs(x);
    return odd ? (x < 0 ? -0 : 0) : 0;
  }
  if (x === 0) {
    if (y < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    return isOddInteger(y) ? x : 0;
  }
  let negate = false;
  if (x < 0) {
    if (!Number.isInteger(y)) {
      // CPython hands this to complex pow
      const len = Math.pow(-x, y);
      const phase = Math.PI * y;
      return new PyComplex(len * Math.cos(phase), len * Math.sin(phase));
    }
    x = -x;
    negate = isOddInteger(y);
  }
  if (x === 1) return negate ? -1 : 1;
  // C's pow is correctly rounded, V8's Math.pow is not always: integer powers are computed exactly, sqrt is exact
  const r = positivePow(x, y);
  if (!Number.isFinite(r)) throw pyError('OverflowError', "(34, 'Numerical result out of range')");
  return negate ? -r : r;
}
