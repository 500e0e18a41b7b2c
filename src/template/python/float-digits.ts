// Exact decimal expansion of doubles, for Python's float repr, round() and the f/e/g/% format types. JS's
// toFixed/toExponential round ties away from zero on the exact binary value; Python (David Gay's dtoa) rounds
// half to even, so we round the exact expansion ourselves.

/** Shortest round-trip digits of a finite non-zero |x| and the decimal point position: |x| = 0.DIGITS × 10^decpt. */
export function shortestDigits(x: number): { digits: string; decpt: number } {
  const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  if (!m) throw new Error(`unexpected toExponential output for ${x}`);
  return { digits: m[1]! + (m[2] ?? ''), decpt: Number(m[3]) + 1 };
}

/** Python repr(float) / str(float). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, decpt } = shortestDigits(x);
  if (decpt > -4 && decpt <= 16) return sign + placePoint(digits, decpt, true);
  const exp = decpt - 1;
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** DIGITS with the decimal point at decpt; `addDotZero` gives integers a trailing `.0`. */
export function placePoint(digits: string, decpt: number, addDotZero: boolean): string {
  if (decpt <= 0) return '0.' + '0'.repeat(-decpt) + digits;
  if (decpt >= digits.length) return digits + '0'.repeat(decpt - digits.length) + (addDotZero ? '.0' : '');
  return digits.slice(0, decpt) + '.' + digits.slice(decpt);
}

const view = new DataView(new ArrayBuffer(8));

/** Exact decimal expansion of a finite non-zero |x|: |x| = 0.DIGITS × 10^decpt (digits may end in zeros). */
export function exactDigits(x: number): { digits: string; decpt: number } {
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biasedExp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = biasedExp - 1075;
  }
  if (e >= 0) {
    const digits = (mant << BigInt(e)).toString();
    return { digits, decpt: digits.length };
  }
  const k = -e;
  const digits = (mant * 5n ** BigInt(k)).toString();
  return { digits, decpt: digits.length - k };
}

/**
 * Round 0.DIGITS × 10^decpt half-to-even to `keep` digits after the decimal point (keep may be negative: round to
 * tens, hundreds…). Returns the integer R with value ≈ R × 10^-keep.
 */
export function roundDigits(digits: string, decpt: number, keep: number): bigint {
  const cut = decpt + keep;
  if (cut < 0) return 0n;
  const head = cut <= digits.length ? digits.slice(0, cut) : digits + '0'.repeat(cut - digits.length);
  const rest = cut < digits.length ? digits.slice(cut) : '';
  let r = head === '' ? 0n : BigInt(head);
  const first = rest.charCodeAt(0) - 48;
  if (rest !== '' && first >= 5) {
    const exactHalf = first === 5 && /^50*$/.test(rest);
    if (!exactHalf || (r & 1n) === 1n) r += 1n;
  }
  return r;
}

/** |x| with exactly `prec` digits after the point (Python's `%.Nf` without sign). x finite. */
export function toFixedDigits(x: number, prec: number): string {
  if (x === 0) return prec > 0 ? '0.' + '0'.repeat(prec) : '0';
  const { digits, decpt } = exactDigits(x);
  const r = roundDigits(digits, decpt, prec).toString();
  if (prec === 0) return r;
  const padded = r.padStart(prec + 1, '0');
  return padded.slice(0, padded.length - prec) + '.' + padded.slice(padded.length - prec);
}

/** |x| rounded to `sig` significant digits: the digit string (length sig) and the exponent of its first digit. */
export function toSignificant(x: number, sig: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0'.repeat(sig), exp: 0 };
  const { digits, decpt } = exactDigits(x);
  let r = roundDigits(digits, decpt, sig - decpt).toString();
  let exp = decpt - 1;
  if (r.length > sig) {
    // rounding carried into a new digit (9.99 → 10.0)
    r = r.slice(0, sig);
    exp += 1;
  }
  return { digits: r, exp };
}

/** Python round(x, ndigits) for a float: correctly rounded, half to even, result re-read as a double. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 323) return x;
  if (ndigits < -308) return 0 * x;
  const { digits, decpt } = exactDigits(x);
  const r = roundDigits(digits, decpt, ndigits);
  const v = Number(`${r}e${-ndigits}`);
  if (!Number.isFinite(v)) return v;
  return x < 0 ? -v : v;
}
