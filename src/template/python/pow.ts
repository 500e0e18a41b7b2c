// x ** y for doubles, correctly rounded in all but astronomically rare cases: CPython calls the C library's pow,
// which is correctly rounded for ~99.9% of arguments, while V8's Math.pow is off in the last bit for ~10% of
// fractional exponents. Integer exponents are computed exactly; others in double-double arithmetic (~106 bits)
// through ln and exp.
import { intTrueDiv, ldexp } from './numbers-core.js';

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): DD {
  const t = 134217729 * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(x: DD, y: DD): DD {
  const [s1, s2] = twoSum(x[0], y[0]);
  const [t1, t2] = twoSum(x[1], y[1]);
  const [u1, u2] = quickTwoSum(s1, s2 + t1);
  return quickTwoSum(u1, u2 + t2);
}

function mul(x: DD, y: DD): DD {
  const [p, e] = twoProd(x[0], y[0]);
  return quickTwoSum(p, e + (x[0] * y[1] + x[1] * y[0]));
}

function mulD(x: DD, d: number): DD {
  const [p, e] = twoProd(x[0], d);
  return quickTwoSum(p, e + x[1] * d);
}

function div(x: DD, y: DD): DD {
  const q1 = x[0] / y[0];
  let r = add(x, mulD(y, -q1));
  const q2 = r[0] / y[0];
  r = add(r, mulD(y, -q2));
  const q3 = r[0] / y[0];
  const [a, b] = quickTwoSum(q1, q2);
  return add([a, b], [q3, 0]);
}

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** ln(x) for finite x > 0, in double-double. */
function ln(x: number): DD {
  let e = 0;
  if (x < 2 ** -1000) {
    x *= 2 ** 200;
    e -= 200;
  }
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2))
  const ex = Math.floor(Math.log2(x));
  let m = x / 2 ** ex;
  e += ex;
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // ln(m) = 2 atanh(z), z = (m - 1) / (m + 1); m - 1 is exact
  const z = div([m - 1, 0], twoSum(m, 1));
  const z2 = mul(z, z);
  let term: DD = z;
  let sum: DD = z;
  for (let k = 3; k < 60; k += 2) {
    term = mul(term, z2);
    const t = div(term, [k, 0]);
    sum = add(sum, t);
    if (Math.abs(t[0]) < 1e-36 * Math.abs(sum[0])) break;
  }
  return add(mulD(sum, 2), mulD(LN2, e));
}

/** exp(t) as [mantissa dd, power of two]. */
function exp(t: DD): [DD, number] {
  const k = Math.round(t[0] / LN2[0]);
  const r = add(t, mulD(LN2, -k));
  const rs: DD = [r[0] / 512, r[1] / 512];
  let sum: DD = [1, 0];
  let term: DD = [1, 0];
  for (let n = 1; n < 20; n++) {
    term = div(mul(term, rs), [n, 0]);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-36) break;
  }
  for (let i = 0; i < 9; i++) sum = mul(sum, sum);
  return [sum, k];
}


/** x ** n for finite x > 0 and an integer n, exactly rounded (rational arithmetic). */
function exactIntPow(x: number, n: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  const mk = m ** BigInt(Math.abs(n));
  const ek = e * Math.abs(n);
  let num = ek >= 0 ? mk << BigInt(ek) : mk;
  let den = ek >= 0 ? 1n : 1n << BigInt(-ek);
  if (n < 0) [num, den] = [den, num];
  if (den === 1n) return Number(num);
  try {
    return intTrueDiv(num, den);
  } catch {
    return Infinity;
  }
}

/** x ** y for finite x > 0 and finite y (special cases are the caller's). */
export function positivePow(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= 2048) return exactIntPow(x, y);
  if (y === 0.5) return Math.sqrt(x);
  const t = mulD(ln(x), y);
  if (t[0] > 710) return Infinity;
  if (t[0] < -746) return 0;
  const [m, k] = exp(t);
  return ldexp(m[0] + m[1], k);
}
