// How go-yaml resolves a plain scalar. kustomize reads with go-yaml v3 (via kyaml) and writes with go-yaml v2 (via
// sigs.k8s.io/yaml), so both tables live here: v3 decides what a plain scalar in an input file *is*, v2 decides
// whether a string must be quoted on output because, written plain, it would read back as something else.
// The two differ only in YAML 1.1 booleans (v2: y/yes/on/n/no/off and case variants), base-60 floats (v2 quotes),
// timestamps (v2 keeps their text when decoding into JSON) and v3's extra `0o…` retry (`0o-7` is -7 only in v3).
import { maybeTimestamp, parseTimestamp } from './timestamp.js';

/** Integer bounds go-yaml accepts: int64, then uint64. */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// First-character hints, as go-yaml's resolveTable: S sign, D digit, M "maybe in the map", '.' float.
const HINT = new Uint8Array(128);
for (const c of '+-') HINT[c.charCodeAt(0)] = 83; // 'S'
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 68; // 'D'
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 77; // 'M'
HINT[46] = 46; // '.'

export type PlainValue = null | boolean | number | bigint | string;

const V3_MAP = new Map<string, PlainValue>();
for (const s of ['true', 'True', 'TRUE']) V3_MAP.set(s, true);
for (const s of ['false', 'False', 'FALSE']) V3_MAP.set(s, false);
for (const s of ['~', 'null', 'Null', 'NULL']) V3_MAP.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) V3_MAP.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) V3_MAP.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) V3_MAP.set(s, -Infinity);

const V2_NON_STRINGS = new Set<string>([...V3_MAP.keys(), '<<']);
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) {
  V2_NON_STRINGS.add(s);
}

const INT_SYNTAX = /^(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** Go's strconv.ParseUint(s, 0, 64) (no sign, base prefixes, leading 0 = octal); null on error. */
function parseUintBase0(s: string): bigint | null {
  if (!INT_SYNTAX.test(s)) return null;
  const c1 = s.charCodeAt(1) | 0x20;
  const v = s.length > 1 && s[0] === '0' && c1 !== 0x78 && c1 !== 0x6f && c1 !== 0x62 ? BigInt('0o' + s.slice(1)) : BigInt(s);
  return v <= UINT64_MAX ? v : null;
}

/** Go's strconv.ParseInt(s, 0, 64); null on syntax or range error. */
export function parseIntBase0(s: string): bigint | null {
  const sign = s[0] === '-' ? -1n : 1n;
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const u = parseUintBase0(body);
  if (u === null) return null;
  const v = sign * u;
  return v >= INT64_MIN && v <= INT64_MAX ? v : null;
}

/** Go's strconv.ParseInt(s, base, 64) for base 2 or 8 (sign allowed, no prefix). */
function parseIntBase(s: string, base: 2 | 8): bigint | null {
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (!m) return null;
  const digits = m[2]!;
  if (base === 2 ? /[^01]/.test(digits) : /[89]/.test(digits)) return null;
  const v = (m[1] === '-' ? -1n : 1n) * BigInt((base === 2 ? '0b' : '0o') + digits);
  return v >= INT64_MIN && v <= INT64_MAX ? v : null;
}

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9_]+([eE][-+]?[0-9_]+)?$/;

/** A JS number for an int64/uint64 when it is exact, else the bigint. */
function intValue(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Go's strconv.ParseFloat for a string starting with '.', as go-yaml tries it; null on error. */
function dotFloat(s: string): number | null {
  if (!DOT_FLOAT.test(s) || (s.includes('_') && !underscoreOK(s))) return null;
  const f = Number(s.replace(/_/g, ''));
  return Number.isFinite(f) ? f : null;
}

/** Digit/sign-led scalars: timestamp, int, uint, float, then go-yaml's 0b/0o fallbacks. */
function numeric(s: string, v3: boolean): PlainValue | undefined {
  if (maybeTimestamp(s)) {
    const t = parseTimestamp(s);
    if (t !== null) return t;
  }
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const i = parseIntBase0(plain) ?? (plain[0] === '+' || plain[0] === '-' ? null : parseUintBase0(plain));
  if (i !== null) return intValue(i);
  if (YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return f;
  }
  // go-yaml retries "0b…" in base 2 (and v3 "0o…" in base 8) without the prefix; a sign may follow the prefix.
  if (plain.startsWith('0b')) {
    const v = parseIntBase(plain.slice(2), 2) ?? parseUintBase0('0b' + plain.slice(2));
    if (v !== null) return intValue(v);
  } else if (plain.startsWith('-0b')) {
    const v = parseIntBase('-' + plain.slice(3), 2);
    if (v !== null) return intValue(v);
  }
  if (v3 && plain.startsWith('0o')) {
    const v = parseIntBase(plain.slice(2), 8);
    if (v !== null) return intValue(v);
  } else if (v3 && plain.startsWith('-0o')) {
    const v = parseIntBase('-' + plain.slice(3), 8);
    if (v !== null) return intValue(v);
  }
  return undefined;
}

/**
 * The value of an untagged plain scalar under go-yaml v3 rules, as kustomize's output sees it: null, a boolean, a
 * number (ints beyond 2^53 as bigint), or a string. Timestamps come back as their RFC3339Nano string.
 * The empty plain scalar is null. `<<` is returned as the string `<<` (merge keys are the caller's business).
 */
export function resolvePlain(s: string): PlainValue {
  return resolveCommon(s, true);
}

/** What v2 and v3 share once v2's YAML 1.1 booleans are out of the way; only v3 has the `0o…` fallback. */
function resolveCommon(s: string, v3: boolean): PlainValue {
  if (s === '') return null;
  const c = s.charCodeAt(0);
  const hint = c < 128 ? HINT[c] : 0;
  if (!hint) return s;
  const known = V3_MAP.get(s);
  if (known !== undefined) return known;
  if (hint === 77) return s;
  if (hint === 46) return dotFloat(s) ?? s;
  return numeric(s, v3) ?? s;
}

const V2_BOOLS = new Map<string, boolean>();
for (const t of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']) V2_BOOLS.set(t, true);
for (const t of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) V2_BOOLS.set(t, false);

/**
 * The value of an untagged plain scalar under go-yaml v2 rules as sigs.k8s.io/yaml reads it (kustomization files,
 * Kubernetes clients): YAML 1.1 booleans (`yes`, `on`, `y`, …), and timestamps stay their own text.
 */
export function resolvePlainV2(s: string): PlainValue {
  const b = V2_BOOLS.get(s);
  if (b !== undefined) return b;
  if (maybeTimestamp(s) && parseTimestamp(s) !== null) return s;
  return resolveCommon(s, false);
}

/** Whether a plain scalar that resolves to a number is an int for go-yaml (else a float). */
export function isIntText(s: string): boolean {
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  if (parseIntBase0(plain) !== null || parseUintBase0(plain) !== null) return true;
  // go-yaml's "0b…"/"0o…" fallbacks (a sign may follow the prefix) also give ints.
  return /^-?0[bo][+-]?[0-9]+$/.test(plain) && numeric(s, true) !== undefined;
}

/** True when go-yaml v3 would resolve this untagged plain scalar to a non-string (including timestamps). */
export function isNonStringV3(s: string): boolean {
  return typeof resolvePlain(s) !== 'string' || parseTimestamp(s) !== null;
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Whether go-yaml v2 must quote string `s`: written plain it would resolve to a bool (YAML 1.1), null, number,
 * timestamp or merge key, or it looks like a base-60 float. Such strings are written double-quoted.
 */
export function v2NeedsQuotes(s: string): boolean {
  if (s === '') return true;
  const c = s.charCodeAt(0);
  const hint = c < 128 ? HINT[c] : 0;
  if (!hint) return false;
  if (V2_NON_STRINGS.has(s)) return true;
  if (hint === 77) return false;
  if (hint === 46) return dotFloat(s) !== null;
  if (numeric(s, false) !== undefined) return true;
  return s.includes(':') && BASE60.test(s);
}
