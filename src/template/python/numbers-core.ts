// Exact int → float division (CPython's long_true_divide), shared by `/` and exact powers.
import { pyError } from '../runtime/values.js';

/** x × 2^e without intermediate overflow of 2^e itself. */
export function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/** int / int, correctly rounded like CPython's long_true_divide. */
export function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw pyError('ZeroDivisionError', 'division by zero');
  const LIMIT = 2n ** 53n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  if (absA <= LIMIT && absB <= LIMIT) return Number(a) / Number(b);
  const neg = a < 0n !== b < 0n;
  // scale so the quotient has 55+ significant bits, keep a sticky bit for exact rounding
  const shift = 55 - (bitLength(absA) - bitLength(absB));
  const num = shift > 0 ? absA << BigInt(shift) : absA;
  const den = shift < 0 ? absB << BigInt(-shift) : absB;
  let q = num / den;
  if (num % den !== 0n) q |= 1n;
  const r = ldexp(Number(q), -shift);
  if (!Number.isFinite(r)) throw pyError('OverflowError', 'integer division result too large for a float');
  return neg ? -r : r;
}
