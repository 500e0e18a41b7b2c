// Shell-pattern matching as Flux's envsubst does it for `${V#p}`, `${V%p}` and friends: Go's path.Match with the
// `/` special cases removed (`*` and `?` also match `/`), working on UTF-8 bytes like the Go original.

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;

/** Decodes one UTF-8 rune at `i` as Go does: invalid input gives U+FFFD with width 1. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const need = c0 >= 0xf0 && c0 < 0xf5 ? 4 : c0 >= 0xe0 ? 3 : c0 >= 0xc2 ? 2 : 0;
  if (need === 0 || i + need > b.length) return [0xfffd, 1];
  let cp = c0 & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let k = 1; k < need; k++) {
    const c = b[i + k]!;
    if ((c & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (c & 0x3f);
  }
  const min = need === 2 ? 0x80 : need === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [0xfffd, 1];
  return [cp, need];
}

/** Splits off the next chunk: leading stars, then literal text up to the next star outside a class. */
function scanChunk(p: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let star = false;
  while (p.length > 0 && p[0] === STAR) {
    p = p.subarray(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (c === LBRACKET) inRange = true;
    else if (c === RBRACKET) inRange = false;
    else if (c === STAR && !inRange) break;
  }
  return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
}

function getEsc(chunk: Uint8Array): [number, Uint8Array] {
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === RBRACKET) throw new BadPatternError();
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) throw new BadPatternError();
  }
  const [r, n] = decodeRune(chunk, 0);
  if (r === 0xfffd && n === 1) throw new BadPatternError();
  const next = chunk.subarray(n);
  if (next.length === 0) throw new BadPatternError();
  return [r, next];
}

/** Matches `chunk` (no stars) at the start of `s`; the rest of `s`, or null. Throws on a malformed chunk. */
function matchChunk(chunk: Uint8Array, s: Uint8Array): Uint8Array | null {
  while (chunk.length > 0) {
    if (s.length === 0) return null;
    const c = chunk[0];
    if (c === LBRACKET) {
      const [r, n] = decodeRune(s, 0);
      s = s.subarray(n);
      chunk = chunk.subarray(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === CARET) {
        negated = true;
        chunk = chunk.subarray(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === RBRACKET && nrange > 0) {
          chunk = chunk.subarray(1);
          break;
        }
        let lo: number;
        [lo, chunk] = getEsc(chunk);
        let hi = lo;
        if (chunk[0] === DASH) [hi, chunk] = getEsc(chunk.subarray(1));
        if (lo <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) return null;
    } else if (c === QUESTION) {
      s = s.subarray(decodeRune(s, 0)[1]);
      chunk = chunk.subarray(1);
    } else {
      if (c === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPatternError();
      }
      if (chunk[0] !== s[0]) return null;
      s = s.subarray(1);
      chunk = chunk.subarray(1);
    }
  }
  return s;
}

/** Whether `name` matches `pattern` entirely; throws BadPatternError for a malformed pattern. */
export function globMatch(pattern: Uint8Array, name: Uint8Array): boolean {
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    // A trailing star matches whatever is left.
    if (star && chunk.length === 0) return true;
    let err: unknown = null;
    let t: Uint8Array | null = null;
    try {
      t = matchChunk(chunk, name);
    } catch (e) {
      err = e;
    }
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let i = 0; i < name.length; i++) {
        const t2 = matchChunk(chunk, name.subarray(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    return false;
  }
  return name.length === 0;
}
