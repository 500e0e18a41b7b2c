// Python's case operations and character classes on str (Unicode-aware, by code point).

/** Python's whitespace (str.split(), strip(), isspace()): JS's \s differs (it has U+FEFF, lacks U+001C–U+001F, U+0085). */
export const WS_CHARS = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const WS_SET = new Set(WS_CHARS);
export const isWs = (ch: string): boolean => WS_SET.has(ch);

/** str.splitlines() boundaries. */
export const LINE_BREAKS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);

const CASED = /\p{Cased}/u;
const LOWER = /\p{Lowercase}/u;
const UPPER = /\p{Uppercase}/u;
const TITLE = /\p{Lt}/u;

// Title-case forms that differ from the upper-case form (Unicode digraphs).
const TITLE_MAP: Record<string, string> = {
  '\u01c4': '\u01c5', '\u01c5': '\u01c5', '\u01c6': '\u01c5',
  '\u01c7': '\u01c8', '\u01c8': '\u01c8', '\u01c9': '\u01c8',
  '\u01ca': '\u01cb', '\u01cb': '\u01cb', '\u01cc': '\u01cb',
  '\u01f1': '\u01f2', '\u01f2': '\u01f2', '\u01f3': '\u01f2',
};

export function toTitleChar(ch: string): string {
  const t = TITLE_MAP[ch];
  if (t) return t;
  const u = ch.toUpperCase();
  if (u.length > ch.length && [...u].length > 1) {
    const [first, ...rest] = [...u];
    return first + rest.join('').toLowerCase();
  }
  return u;
}

const isCased = (ch: string): boolean => CASED.test(ch);

/** Lower-case chars[i], with the final-sigma rule evaluated in the whole string (as CPython's lower_ucs4). */
function lowerAt(chars: string[], i: number): string {
  const ch = chars[i]!;
  if (ch === '\u03a3') return finalSigma(chars, i) ? '\u03c2' : '\u03c3';
  return ch.toLowerCase();
}

export function title(s: string): string {
  const chars = [...s];
  let out = '';
  let prevCased = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    out += prevCased ? lowerAt(chars, i) : toTitleChar(ch);
    prevCased = isCased(ch);
  }
  return out;
}

export function capitalize(s: string): string {
  const chars = [...s];
  if (chars.length === 0) return '';
  let out = toTitleChar(chars[0]!);
  for (let i = 1; i < chars.length; i++) out += lowerAt(chars, i);
  return out;
}

export function swapcase(s: string): string {
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (UPPER.test(ch)) {
      // Greek capital sigma lowers to final sigma at the end of a word
      if (ch === '\u03a3') out += finalSigma(chars, i) ? '\u03c2' : '\u03c3';
      else out += ch.toLowerCase();
    } else if (LOWER.test(ch)) out += ch.toUpperCase();
    else out += ch;
  }
  return out;
}

function finalSigma(chars: string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\p{Case_Ignorable}/u.test(chars[j]!)) j--;
  if (j < 0 || !isCased(chars[j]!)) return false;
  let k = i + 1;
  while (k < chars.length && /\p{Case_Ignorable}/u.test(chars[k]!)) k++;
  return k >= chars.length || !isCased(chars[k]!);
}

export function casefold(s: string): string {
  // per character, so no final-sigma context applies (casefold maps ς to σ)
  let out = '';
  for (const ch of s) out += ch.toUpperCase().toLowerCase();
  return out;
}

export function islower(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (UPPER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && LOWER.test(ch)) cased = true;
  }
  return cased;
}

export function isupper(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (LOWER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && UPPER.test(ch)) cased = true;
  }
  return cased;
}

export function istitle(s: string): boolean {
  let cased = false;
  let prevCased = false;
  for (const ch of s) {
    if (UPPER.test(ch) || TITLE.test(ch)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (LOWER.test(ch)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
}

// Numeric_Type=Digit characters outside Nd (superscripts, circled digits…), and CJK ideographs with numeric values.
const DIGIT_EXTRA = /[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{1f100}-\u{1f10a}]/u;
const CJK_NUMERIC = /[\u3007\u4e00\u4e03\u4e07\u4e09\u4e5d\u4e8c\u4e94\u516b\u516d\u5341\u5343\u56db\u767e\u842c\u5104\u5146\u96f6\u58f9\u8d30\u53c1\u8086\u4f0d\u9646\u67d2\u634c\u7396\u62fe\u4f70\u4edf]/u;

const every = (s: string, re: (ch: string) => boolean): boolean => {
  if (s.length === 0) return false;
  for (const ch of s) if (!re(ch)) return false;
  return true;
};

export const isdecimalChar = (ch: string): boolean => /\p{Nd}/u.test(ch);
export const isdigitChar = (ch: string): boolean => isdecimalChar(ch) || DIGIT_EXTRA.test(ch);
export const isnumericChar = (ch: string): boolean => /\p{N}/u.test(ch) || CJK_NUMERIC.test(ch);
export const isalphaChar = (ch: string): boolean => /\p{L}/u.test(ch);

export const isalpha = (s: string): boolean => every(s, isalphaChar);
export const isdecimal = (s: string): boolean => every(s, isdecimalChar);
export const isdigit = (s: string): boolean => every(s, isdigitChar);
export const isnumeric = (s: string): boolean => every(s, isnumericChar);
export const isalnum = (s: string): boolean =>
  every(s, (ch) => isalphaChar(ch) || isdecimalChar(ch) || isdigitChar(ch) || isnumericChar(ch));
export const isspace = (s: string): boolean => every(s, isWs);
export const isascii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);
export const isprintable = (s: string): boolean =>
  ![...s].some((ch) => ch !== ' ' && /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch));
export function isidentifier(s: string): boolean {
  const chars = [...s];
  if (chars.length === 0) return false;
  if (!(chars[0] === '_' || /\p{XID_Start}/u.test(chars[0]!))) return false;
  return chars.slice(1).every((ch) => /\p{XID_Continue}/u.test(ch));
}
