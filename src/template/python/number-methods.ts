// Attributes and methods of int, bool and float.
import type { Value } from '../runtime/values.js';
import { MISSING, pyError, tuple } from '../runtime/values.js';
import { noArgs } from './bind.js';
import type { Method } from './list-methods.js';

const bitLength = (n: bigint): bigint => BigInt(n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length);

/** Plain attributes (not methods) of an int/bool. */
export function intAttribute(v: bigint, name: string): Value | typeof MISSING {
  switch (name) {
    case 'real':
    case 'numerator':
      return v;
    case 'imag':
      return 0n;
    case 'denominator':
      return 1n;
  }
  return MISSING;
}

export const INT_METHODS: Record<string, Method<bigint>> = {
  bit_length: (v, a, k) => (noArgs('int.bit_length', a, k), bitLength(v)),
  bit_count: (v, a, k) => (noArgs('int.bit_count', a, k), BigInt([...(v < 0n ? -v : v).toString(2)].filter((c) => c === '1').length)),
  conjugate: (v, a, k) => (noArgs('int.conjugate', a, k), v),
  as_integer_ratio: (v, a, k) => (noArgs('int.as_integer_ratio', a, k), tuple([v, 1n])),
};

export function floatAttribute(v: number, name: string): Value | typeof MISSING {
  if (name === 'real') return v;
  if (name === 'imag') return 0;
  return MISSING;
}

function ratio(x: number): Value {
  if (Number.isNaN(x)) throw pyError('ValueError', 'cannot convert NaN to integer ratio');
  if (!Number.isFinite(x)) throw pyError('OverflowError', 'cannot convert Infinity to integer ratio');
  let num = x;
  let den = 1n;
  let exp = 0;
  while (!Number.isInteger(num)) {
    num *= 2;
    exp++;
  }
  den = 1n << BigInt(exp);
  return tuple([BigInt(num), den]);
}

function floatHex(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax === 0) return `${sign}0x0.0p+0`;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, ax);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, '0');
  const lead = biased === 0 ? '0' : '1';
  const exp = biased === 0 ? -1022 : biased - 1023;
  return `${sign}0x${lead}.${mant}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

export const FLOAT_METHODS: Record<string, Method<number>> = {
  is_integer: (v, a, k) => (noArgs('float.is_integer', a, k), Number.isInteger(v)),
  conjugate: (v, a, k) => (noArgs('float.conjugate', a, k), v),
  as_integer_ratio: (v, a, k) => (noArgs('float.as_integer_ratio', a, k), ratio(v)),
  hex: (v, a, k) => (noArgs('float.hex', a, k), floatHex(v)),
};
