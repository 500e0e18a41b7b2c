// Go (RE2) regular expressions as JavaScript RegExps, for patch targets, replacement list selectors and image names:
// leading inline flags `(?i)`, named groups `(?P<n>…)`, and `\A`/`\z` are translated; the rest of RE2's syntax is
// a subset of JavaScript's.
import { KustomizeError } from './errors.js';

const cache = new Map<string, RegExp>();

export function goRegExp(pattern: string, anchored: boolean): RegExp {
  const key = `${anchored ? 1 : 0}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = compile(pattern, anchored);
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function compile(pattern: string, anchored: boolean): RegExp {
  let flags = '';
  let p = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1] as string) if (f !== 'U' && !flags.includes(f)) flags += f;
    p = p.slice(lead[0].length);
  }
  p = p.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$');
  if (anchored) p = `^(?:${p})$`;
  try {
    return new RegExp(p, flags);
  } catch (e) {
    throw new KustomizeError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}
