// How Go's YAML libraries type a plain (unquoted) scalar. Flux re-reads substituted text with go-yaml v2
// (YAML 1.1 booleans: `yes`, `on`, `y`...); SOPS reads files with go-yaml v3 (only `true`/`false` spellings).
// Both turn `0755` into 493, drop `_` in numbers, and keep timestamps as strings when decoding into `any`.

export type GoScalar =
  | { tag: 'str'; value: string }
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string };

const V2_BOOLS: Record<string, boolean> = {
  y: true, Y: true, yes: true, Yes: true, YES: true, true: true, True: true, TRUE: true, on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false, false: false, False: false, FALSE: false, off: false, Off: false, OFF: false,
};
const V3_BOOLS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt, then ParseUint, with base 0 (prefixes 0x 0o 0b, leading-0 octal); `_` already removed. */
function parseGoInt(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  let body = m[2]!;
  let radix = 10;
  if (/^0[xX]/.test(body)) (radix = 16), (body = body.slice(2));
  else if (/^0[oO]/.test(body)) (radix = 8), (body = body.slice(2));
  else if (/^0[bB]/.test(body)) (radix = 2), (body = body.slice(2));
  else if (body.length > 1 && body.startsWith('0')) (radix = 8), (body = body.slice(1));
  if (body === '') return null;
  let n = 0n;
  const big = BigInt(radix);
  for (const c of body.toLowerCase()) n = n * big + BigInt(parseInt(c, radix));
  n *= sign;
  // ParseInt covers int64, ParseUint the positive rest of uint64
  if (n < INT64_MIN || n > UINT64_MAX) return null;
  return n;
}

/** The timestamp forms go-yaml recognises (year of four digits, then `-`). */
function isTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  return (
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]| +)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?( *(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?$/.test(s)
  );
}

/** Resolves a plain scalar the way go-yaml v2 (`version` 2) or v3 does. */
export function resolvePlain(s: string, version: 2 | 3): GoScalar {
  if (s === '') return { tag: 'null', value: null };
  const c = s[0]!;
  const bools = version === 2 ? V2_BOOLS : V3_BOOLS;
  if (Object.hasOwn(bools, s)) return { tag: 'bool', value: bools[s]! };
  if (NULLS.has(s)) return { tag: 'null', value: null };
  if (Object.hasOwn(SPECIAL_FLOATS, s)) return { tag: 'float', value: SPECIAL_FLOATS[s]! };
  if (c === '.') {
    // Go's ParseFloat; the regexp keeps out forms Go rejects such as `.5_0`
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: 'float', value: Number(s) };
    return { tag: 'str', value: s };
  }
  if (!/[-+0-9]/.test(c)) return { tag: 'str', value: s };
  if (isTimestamp(s)) return { tag: 'timestamp', value: s };
  const plain = s.replace(/_/g, '');
  const n = parseGoInt(plain);
  if (n !== null) return { tag: 'int', value: n };
  if (YAML_STYLE_FLOAT.test(plain)) return { tag: 'float', value: Number(plain) };
  return { tag: 'str', value: s };
}
