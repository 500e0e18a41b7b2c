// The digits of a number for the %-operator and the format-spec mini-language (types f F e E g G % and the
// empty type), with CPython's rounding (half-even on the exact value) and exponent style (at least 2 digits).
import { floatRepr, placePoint, shortestDigits, toFixedDigits, toSignificant } from './float-digits.js';

function expSuffix(exp: number, upper: boolean): string {
  return `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function expForm(x: number, prec: number, alt: boolean, upper: boolean): string {
  const { digits, exp } = toSignificant(x, prec + 1);
  const mant = digits.length > 1 || alt ? digits[0] + '.' + digits.slice(1) : digits;
  return mant + expSuffix(exp, upper);
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** %g / {:g}: `addDotZero` is the empty format type's rule that fixed notation keeps a fractional digit. */
function generalForm(x: number, prec: number, alt: boolean, upper: boolean, addDotZero: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (x === 0) {
    // Python treats zero as exponent 0
    const body = alt ? '0.' + '0'.repeat(p - 1) : '0';
    return addDotZero && !body.includes('.') ? body + '.0' : body;
  }
  const { digits, exp } = toSignificant(x, p);
  // the empty type switches to exponent notation one digit earlier (CPython's ADD_DOT_0 rule)
  if (exp >= -4 && exp < (addDotZero ? p - 1 : p)) {
    let body = placePoint(digits, exp + 1, false);
    if (!alt) body = stripZeros(body);
    else if (!body.includes('.')) body += '.';
    if (addDotZero && !body.includes('.')) body += '.0';
    return body;
  }
  let mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  if (!alt) mant = stripZeros(mant);
  else if (!mant.includes('.')) mant += '.';
  return mant + expSuffix(exp, upper);
}

/**
 * The unsigned text of |x| for a float presentation type. `type` '' is the format-spec empty type (repr-like,
 * or %g with a kept `.0` when a precision is given); 'r' is repr. inf and nan come out as `inf`/`nan` (upper-cased
 * for F E G).
 */
export function floatDigits(x: number, type: string, prec: number | null, alt: boolean): string {
  const upper = type === 'F' || type === 'E' || type === 'G';
  const ax = Math.abs(x);
  if (!Number.isFinite(ax)) {
    const s = Number.isNaN(ax) ? 'nan' : 'inf';
    return (upper ? s.toUpperCase() : s) + (type === '%' ? '%' : '');
  }
  switch (type) {
    case 'f':
    case 'F': {
      const s = toFixedDigits(ax, prec ?? 6);
      return alt && !s.includes('.') ? s + '.' : s;
    }
    case '%': {
      const s = toFixedDigits(ax * 100, prec ?? 6);
      return (alt && !s.includes('.') ? s + '.' : s) + '%';
    }
    case 'e':
    case 'E':
      return expForm(ax, prec ?? 6, alt, upper);
    case 'g':
    case 'G':
    case 'n':
      return generalForm(ax, prec ?? 6, alt, upper, false);
    case '':
      if (prec === null) return reprDigits(ax, alt);
      return generalForm(ax, prec, alt, false, true);
    case 'r':
      return reprDigits(ax, alt);
  }
  throw new Error(`unknown float format type ${type}`);
}

function reprDigits(ax: number, alt: boolean): string {
  const s = floatRepr(ax);
  if (!alt || s.includes('.')) return s;
  // '#' forces a decimal point: 1e+16 → 1.e+16
  const { digits } = ax === 0 ? { digits: '0' } : shortestDigits(ax);
  return digits.length === 1 ? s.replace('e', '.e') : s;
}

/** Digits of |n| in a base, lower-case. */
export function intDigits(n: bigint, base: 2 | 8 | 10 | 16): string {
  return (n < 0n ? -n : n).toString(base);
}

/** Insert a grouping separator every `every` digits from the right of an integer digit string. */
export function groupDigits(digits: string, sep: string, every: number): string {
  let out = '';
  let i = digits.length;
  while (i > every) {
    out = sep + digits.slice(i - every, i) + out;
    i -= every;
  }
  return digits.slice(0, i) + out;
}
