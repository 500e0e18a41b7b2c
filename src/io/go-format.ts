// Go formatting rules that shape kustomize's output: how a number prints after its trip through encoding/json and
// go-yaml v2, and the order go-yaml v2 gives map keys.

const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

/** Go's strconv.FormatFloat(x, 'g', -1, 64) for a finite x. */
export function formatFloatG(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  const e = Math.abs(x).toExponential(); // shortest round-trip digits, like Go's shortest mode
  const at = e.indexOf('e');
  const digits = e.slice(0, at).replace('.', '');
  const exp = Number(e.slice(at + 1));
  let out: string;
  if (exp < -4 || exp >= 6) {
    const ae = Math.abs(exp);
    out = `${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (exp < 0) {
    out = '0.' + '0'.repeat(-exp - 1) + digits;
  } else {
    const dp = exp + 1;
    out = digits.length <= dp ? digits + '0'.repeat(dp - digits.length) : `${digits.slice(0, dp)}.${digits.slice(dp)}`;
  }
  return neg ? '-' + out : out;
}

/** Go's strconv.FormatFloat(x, 'g', -1, 32): the shortest digits that identify x as a float32. */
export function formatFloat32G(x: number): string {
  const f = Math.fround(x);
  if (f === 0 || !Number.isFinite(f)) return formatFloatG(f);
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return formatFloatG(d);
  }
  return formatFloatG(f);
}

/**
 * A number as kustomize prints it. encoding/json writes an integral float64 below 1e21 as plain digits, which
 * go-yaml v2 reads back as an int (int64 or uint64) when it fits; everything else prints as Go's %g.
 * Non-finite numbers have no JSON form (kustomize fails); the caller reports them.
 */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && x >= -TWO63 && x < TWO64) {
    return Number.isSafeInteger(x) ? String(x === 0 ? 0 : x) : BigInt(x).toString();
  }
  return formatFloatG(x);
}

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return /\p{L}/u.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return /\p{Nd}/u.test(String.fromCodePoint(cp));
}

/** Digit value as go-yaml computes it (`r - '0'`, even for non-ASCII digits). */
function digitVal(cp: number): number {
  return cp - 48;
}

type Runes = string | number[];

/** ASCII strings are used as they are; others become code point arrays (Go compares runes). */
function runes(s: string): Runes {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 128) {
      const out: number[] = [];
      for (const ch of s) out.push(ch.codePointAt(0)!);
      return out;
    }
  }
  return s;
}

function at(r: Runes, i: number): number {
  return typeof r === 'string' ? r.charCodeAt(i) : r[i]!;
}

/** A run of digits as go-yaml accumulates it in an int64 (wrapping on overflow). */
function digitRun(r: Runes, from: number, seed: number): [value: number | bigint, end: number] {
  let end = from;
  while (end < r.length && isDigit(at(r, end))) end++;
  if (end - from < 15) {
    let v = seed;
    for (let k = from; k < end; k++) v = v * 10 + digitVal(at(r, k));
    return [v, end];
  }
  let v = BigInt(seed);
  for (let k = from; k < end; k++) v = BigInt.asIntN(64, v * 10n + BigInt(digitVal(at(r, k))));
  return [v, end];
}

function lessRunes(ar: Runes, br: Runes): boolean {
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = at(ar, i);
    const bc = at(br, i);
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let seed = 0;
    if (ac === 48 || bc === 48) {
      for (let j = i - 1; j >= 0 && isDigit(at(ar, j)); j--) {
        if (at(ar, j) !== 48) {
          seed = 1;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, seed);
    const [bn, bi] = digitRun(br, i, seed);
    if (an != bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

/**
 * go-yaml v2's keyList.Less for two string keys: runes compared one by one; letters sort after non-letters and
 * among themselves by code point; runs of digits compare by numeric value ("a9" < "a10"), then by length.
 */
export function keyLessV2(a: string, b: string): boolean {
  return lessRunes(runes(a), runes(b));
}

/** Comparator for Array.prototype.sort giving go-yaml v2's key order. */
export function compareKeysV2(a: string, b: string): number {
  if (a === b) return 0;
  return keyLessV2(a, b) ? -1 : keyLessV2(b, a) ? 1 : 0;
}

/** Keys of a map in go-yaml v2 output order (sorted in place and returned). */
export function sortKeysV2(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keyLessV2(keys[i - 1]!, keys[i]!);
  if (sorted) return keys;
  const dec = keys.map((k) => ({ k, r: runes(k) }));
  dec.sort((x, y) => (x.k === y.k ? 0 : lessRunes(x.r, y.r) ? -1 : lessRunes(y.r, x.r) ? 1 : 0));
  for (let i = 0; i < dec.length; i++) keys[i] = dec[i]!.k;
  return keys;
}
