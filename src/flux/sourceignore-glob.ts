// One path component's glob as source-controller's matcher reads it: Go's filepath.Match (not git's wildmatch), turned
// into a regular expression. Names never hold a slash here (paths are matched component by component).

/**
 * A name glob as Go's filepath.Match reads it (`*`, `?`, `[a-z]`, `[^a-z]`, `\` escapes), as a regular expression;
 * null for a malformed one, which Match rejects whatever the name (so the pattern never matches).
 */
export function compileGlob(glob: string): RegExp | null {
  const cs = Array.from(glob);
  const lit = (c: string): string => `\\u{${c.codePointAt(0)!.toString(16)}}`;
  let re = '';
  let i = 0;
  // one item of a character class; Go rejects an unescaped `-` or `]` there, and a class left open
  const classChar = (): string | null => {
    let c = cs[i];
    if (c === undefined || c === '-' || c === ']') return null;
    if (c === '\\') c = cs[++i];
    if (c === undefined || ++i >= cs.length) return null;
    return c;
  };
  while (i < cs.length) {
    const c = cs[i++]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i >= cs.length) return null;
      re += lit(cs[i++]!);
    } else if (c === '[') {
      const negated = cs[i] === '^';
      if (negated) i++;
      const ranges: string[] = [];
      let count = 0;
      for (;;) {
        if (cs[i] === ']' && count > 0) {
          i++;
          break;
        }
        const lo = classChar();
        if (lo === null) return null;
        let hi = lo;
        if (cs[i] === '-') {
          i++;
          const h = classChar();
          if (h === null) return null;
          hi = h;
        }
        count++;
        // a reversed range matches nothing in Go (and is a syntax error in a JavaScript class)
        if (lo.codePointAt(0)! <= hi.codePointAt(0)!) ranges.push(`${lit(lo)}-${lit(hi)}`);
      }
      if (ranges.length === 0) re += negated ? '[\\s\\S]' : '(?!)';
      else re += `[${negated ? '^' : ''}${ranges.join('')}]`;
    } else re += lit(c);
  }
  return new RegExp(`^${re}$`, 'u');
}
