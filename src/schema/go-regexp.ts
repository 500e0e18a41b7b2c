// Kubernetes schemas carry Go (RE2) patterns; JavaScript reads almost all of them the same way. The few RE2-only forms
// seen in CRDs are rewritten: inline `(?i)` (applied to the whole pattern: broader, never a false error), `\z`/`\A`,
// POSIX classes, `\pL`-style classes. A pattern that still does not compile accepts everything (kubeconform's
// validator would have rejected the schema; we prefer to keep checking the rest of the document).

export interface RegExpLike {
  test(s: string): boolean;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const ACCEPT_ALL: RegExpLike = { test: () => true };
const cache = new Map<string, RegExpLike>();

/** Compiles an RE2 pattern to a JavaScript RegExp (unanchored search, as Go's MatchString). */
export function goRegExp(pattern: string): RegExpLike {
  let re = cache.get(pattern);
  if (!re) {
    re = compile(pattern);
    cache.set(pattern, re);
  }
  return re;
}

// Escapes that JavaScript (without the u flag) would silently read as plain letters, and RE2-only groups.
const RE2_ONLY = /\\[pPzAQ]|\(\?[a-zA-Z]|\[:\^?[a-z]+:\]/;

function compile(pattern: string): RegExpLike {
  if (!RE2_ONLY.test(pattern)) {
    try {
      return new RegExp(pattern);
    } catch {
      // fall through to the rewrites
    }
  }
  let flags = '';
  let p = pattern;
  if (/\(\?[a-zA-Z]*i[a-zA-Z]*\)/.test(p)) {
    flags += 'i';
    p = p.replace(/\(\?[a-zA-Z]+\)/g, '');
  }
  p = p.replace(/\(\?[a-zA-Z]*i[a-zA-Z]*:/g, () => {
    if (!flags.includes('i')) flags += 'i';
    return '(?:';
  });
  p = p.replace(/\\z/g, '$').replace(/\\A/g, '^');
  p = p.replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => (POSIX[name] && !neg ? POSIX[name] : m));
  p = p.replace(/\\Q(.*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  const unicode = /\\[pP]/.test(p);
  if (unicode) p = p.replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}');
  for (const f of unicode ? [flags + 'u'] : [flags, flags + 'u']) {
    try {
      return new RegExp(p, f);
    } catch {
      // try the next form
    }
  }
  return ACCEPT_ALL;
}

/** Whether a pattern compiles (the `regex` format). */
export function isGoRegExp(pattern: string): boolean {
  return goRegExp(pattern) !== ACCEPT_ALL;
}

/** For ajv's `code.regExp` option: ajv passes its own flags ('' here, as unicodeRegExp is off). */
export const ajvRegExpEngine = Object.assign((pattern: string, _flags: string): RegExpLike => goRegExp(pattern), {
  code: 'goRegExp',
});
