// The string operations of Flux's envsubst (`${#V}`, `${V:1:2}`, `${V/a/b}`, `${V^^}`, `${V#p}`...). Flux is written
// in Go, so lengths and offsets count UTF-8 bytes and case mapping is rune by rune; these follow that.
import { BadPatternError, decodeRune, globMatch } from './glob-match.js';

export type SubstituteFunc = (value: string, args: string[]) => string;

/** Raised when an operation cuts a multi-byte character: Flux then fails to re-read the YAML. */
export class InvalidUtf8Error extends Error {
  constructor() {
    super('yaml: invalid UTF-8 sequence in substituted text');
    this.name = 'InvalidUtf8Error';
  }
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
function fromUtf8(b: Uint8Array): string {
  try {
    return strictDecoder.decode(b);
  } catch {
    throw new InvalidUtf8Error();
  }
}

/** Go's strconv.Atoi: optional sign, decimal digits, 64-bit range; null when it would fail. */
function atoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
  return Number(n);
}

function upperRune(c: string): string {
  const u = c.toUpperCase();
  // Go maps one rune to one rune; JS special cases like ß → SS have no simple mapping there.
  return [...u].length === 1 ? u : c;
}
function lowerRune(c: string): string {
  if (c === '\u0130') return 'i';
  const l = c.toLowerCase();
  return [...l].length === 1 ? l : c;
}
const mapRunes = (s: string, f: (c: string) => string): string => Array.from(s, f).join('');

function firstRune(s: string, f: (c: string) => string): string {
  if (s === '') return s;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return f(first) + s.slice(first.length);
}

/** Go's strings.Replace, including its handling of an empty `old` (insert at rune boundaries). */
function goReplace(s: string, old: string, neu: string, n: number): string {
  if (old === '') {
    const runes = Array.from(s);
    if (n === 1) return neu + s;
    return neu + runes.map((r) => r + neu).join('');
  }
  if (n === 1) {
    const i = s.indexOf(old);
    return i < 0 ? s : s.slice(0, i) + neu + s.slice(i + old.length);
  }
  return s.split(old).join(neu);
}

function substr(s: string, args: string[]): string {
  if (args.length === 0) return s;
  let pos = atoi(args[0]!);
  // bash returns the value unchanged when the offset is not a number
  if (pos === null) return s;
  const b = utf8(s);
  if (pos < 0) pos = Math.max(0, b.length + pos);
  if (args.length === 1) return pos < b.length ? fromUtf8(b.subarray(pos)) : '';
  const length = atoi(args[1]!);
  if (length === null) return s;
  if (pos + length >= b.length) return pos < b.length ? fromUtf8(b.subarray(pos)) : '';
  // Go slices s[pos:pos+length]; a negative length panics there and the reconciliation fails.
  if (length < 0) throw new Error(`slice bounds out of range [${pos}:${pos + length}]`);
  return fromUtf8(b.subarray(pos, pos + length));
}

function reverseRunes(b: Uint8Array): Uint8Array {
  const runes: string[] = [];
  for (let i = 0; i < b.length; ) {
    const [r, n] = decodeRune(b, i);
    runes.push(String.fromCodePoint(r));
    i += n;
  }
  return utf8(runes.reverse().join(''));
}

function trimShortest(s: Uint8Array, pattern: Uint8Array): Uint8Array {
  let shortest = -1;
  try {
    for (let i = 0; i < s.length; i++) if (globMatch(pattern, s.subarray(0, s.length - i))) shortest = s.length - i;
  } catch (e) {
    if (e instanceof BadPatternError) return s;
    throw e;
  }
  return shortest > 0 ? s.subarray(shortest) : s;
}

function trimLongest(s: Uint8Array, pattern: Uint8Array): Uint8Array {
  try {
    for (let i = 0; i < s.length; i++) if (globMatch(pattern, s.subarray(0, s.length - i))) return s.subarray(s.length - i);
  } catch (e) {
    if (e instanceof BadPatternError) return s;
    throw e;
  }
  return s;
}

const trimPrefix =
  (trim: typeof trimShortest): SubstituteFunc =>
  (s, args) =>
    args.length === 0 ? s : fromUtf8(trim(utf8(s), utf8(args[0]!)));
// Suffix removal runs the prefix removal on the rune-reversed text, as upstream does.
const trimSuffix =
  (trim: typeof trimShortest): SubstituteFunc =>
  (s, args) =>
    args.length === 0 ? s : fromUtf8(reverseRunes(trim(reverseRunes(utf8(s)), reverseRunes(utf8(args[0]!)))));

const toDefault: SubstituteFunc = (s, args) => (s.length === 0 && args.length > 0 ? args.join('') : s);

/** The function for an operator, as upstream's lookup: unknown operators behave like a default. */
export function lookupFunc(name: string, nargs: number): SubstituteFunc {
  switch (name) {
    case ',':
      return (s) => firstRune(s, lowerRune);
    case ',,':
      return (s) => mapRunes(s, lowerRune);
    case '^':
      return (s) => firstRune(s, upperRune);
    case '^^':
      return (s) => mapRunes(s, upperRune);
    case '#':
      return nargs === 0 ? (s) => String(Buffer.byteLength(s, 'utf8')) : trimPrefix(trimShortest);
    case '##':
      return trimPrefix(trimLongest);
    case '%':
      return trimSuffix(trimShortest);
    case '%%':
      return trimSuffix(trimLongest);
    case ':':
      return substr;
    case '/#':
      return (s, a) => (a.length !== 2 ? s : s.startsWith(a[0]!) ? goReplace(s, a[0]!, a[1]!, 1) : s);
    case '/%':
      return (s, a) => (a.length !== 2 ? s : s.endsWith(a[0]!) ? s.slice(0, s.length - a[0]!.length) + a[1]! : s);
    case '/':
      return (s, a) => (a.length === 0 ? s : goReplace(s, a[0]!, a[1] ?? '', 1));
    case '//':
      return (s, a) => (a.length === 0 ? s : goReplace(s, a[0]!, a[1] ?? '', -1));
    default:
      return toDefault;
  }
}

/** Operators that supply their own value for an unset variable (strict mode lets these through). */
export function isDefaultOp(name: string): boolean {
  return ['-', '+', '=', '?', ':-', ':+', ':=', ':?'].includes(name);
}

const OPERATORS = new Set([',', ',,', '^', '^^', '#', '##', '%', '%%', ':', '/#', '/%', '/', '//']);
/** Whether the operator only falls back to its arguments when the value is empty (all defaults, unknown ops). */
export function usesArgsOnlyWhenEmpty(name: string): boolean {
  return !OPERATORS.has(name);
}
