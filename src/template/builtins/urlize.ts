// The urlize filter (jinja2.utils.urlize): links http(s)://, www., mailto: and e-mail addresses in escaped text.
import type { CallContext, Value } from '../runtime/values.js';
import { Markup, isStr, pyError, strOf } from '../runtime/values.js';
import { compare, truthy } from '../python/compare.js';
import { escape, escapeText } from '../python/escape.js';
import { iterate } from '../python/sequence.js';
import { repr, str } from '../python/repr.js';
import { WS_CHARS } from '../python/str-case.js';
import { cpLength, cpSlice } from '../python/text.js';

const ws = `[${WS_CHARS.replace(/[\]\\-]/g, '\\$&')}]`;
const nws = `[^${WS_CHARS.replace(/[\]\\-]/g, '\\$&')}]`;
const w = '[\\p{L}\\p{N}_]';

const HTTP_RE = new RegExp(
  '^(' +
    `(https?://|www\\.)((${w.slice(0, -1)}%-]+\\.)+)?([a-z]{2,63}|xn--${w.slice(0, -1)}%]{2,59})` +
    `|(${w.slice(0, -1)}%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)` +
    '|(https?://)(((\\p{Nd}{1,3})(\\.\\p{Nd}{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}\\]))' +
    ')' +
    '(?::\\p{Nd}{1,5})?' +
    `(?:[/?#]${nws}*)?` +
    '$',
  'iu',
);
const EMAIL_RE = new RegExp(`^${nws}+@${w}[\\p{L}\\p{N}_.-]*\\.${w}+$`, 'u');
const SCHEME_RE = new RegExp(`^([\\p{L}\\p{N}_.+-]{2,}:(/){0,2})$`, 'u');
const SPLIT_RE = new RegExp(`(${ws}+)`, 'u');

export interface UrlizeOptions {
  trimUrlLimit: Value;
  rel: string | null;
  target: Value;
  extraSchemes: string[] | null;
}

function countOf(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

export function urlize(text: Value, opts: UrlizeOptions): string {
  const trim = (x: string): string => {
    if (opts.trimUrlLimit === null) return x;
    if (compare('>', BigInt(cpLength(x)), opts.trimUrlLimit)) return `${cpSlice(x, 0, Number(opts.trimUrlLimit))}...`;
    return x;
  };
  const words = escape(text).s.split(SPLIT_RE);
  const relAttr = opts.rel ? ` rel="${escapeText(opts.rel)}"` : '';
  const targetAttr = truthy(opts.target) ? ` target="${escape(opts.target).s}"` : '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let head = '';
    let middle = word;
    let tail = '';
    const lead = /^(?:[(<]|&lt;)+/.exec(middle);
    if (lead) {
      head = lead[0];
      middle = middle.slice(head.length);
    }
    if (/(?:[)>.,\n]|&gt;)$/.test(middle)) {
      const m = /(?:[)>.,\n]|&gt;)+$/.exec(middle);
      if (m) {
        tail = m[0];
        middle = middle.slice(0, m.index);
      }
    }
    for (const [startChar, endChar] of [['(', ')'], ['<', '>'], ['&lt;', '&gt;']] as const) {
      const startCount = countOf(middle, startChar);
      if (startCount <= countOf(middle, endChar)) continue;
      const moves = Math.min(startCount, countOf(tail, endChar));
      for (let k = 0; k < moves; k++) {
        const endIndex = tail.indexOf(endChar) + endChar.length;
        middle += tail.slice(0, endIndex);
        tail = tail.slice(endIndex);
      }
    }
    if (HTTP_RE.test(middle)) {
      if (middle.startsWith('https://') || middle.startsWith('http://')) {
        middle = `<a href="${middle}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
      } else {
        middle = `<a href="https://${middle}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
      }
    } else if (middle.startsWith('mailto:') && EMAIL_RE.test(middle.slice(7))) {
      middle = `<a href="${middle}">${middle.slice(7)}</a>`;
    } else if (middle.includes('@') && !middle.startsWith('www.') && !middle.includes(':') && EMAIL_RE.test(middle)) {
      middle = `<a href="mailto:${middle}">${middle}</a>`;
    } else if (opts.extraSchemes !== null) {
      for (const scheme of opts.extraSchemes) {
        if (middle !== scheme && middle.startsWith(scheme)) middle = `<a href="${middle}"${relAttr}${targetAttr}>${middle}</a>`;
      }
    }
    words[i] = head + middle + tail;
  }
  return words.join('');
}

/** The urlize filter's argument handling (rel/target/extra_schemes policies). */
export function doUrlize(
  ctx: CallContext,
  value: Value,
  trimUrlLimit: Value,
  nofollow: Value,
  target: Value,
  rel: Value,
  extraSchemes: Value,
): Value {
  const policies = ctx.env.policies;
  const relParts = new Set(strOf(truthy(rel) ? (rel as string) : '').split(/\s+/).filter(Boolean));
  if (truthy(nofollow)) relParts.add('nofollow');
  const policyRel = policies.get('urlize.rel') ?? 'noopener';
  for (const p of str(truthy(policyRel) ? policyRel : '').split(/\s+/).filter(Boolean)) relParts.add(p);
  const relStr = [...relParts].sort().join(' ') || null;
  if (target === null) target = policies.get('urlize.target') ?? null;
  let schemes: Value[] | null;
  if (extraSchemes === null) {
    const p = policies.get('urlize.extra_schemes') ?? null;
    schemes = truthy(p) ? iterate(p) : [];
  } else schemes = iterate(extraSchemes);
  for (const s of schemes) {
    if (!isStr(s) || !SCHEME_RE.test(strOf(s))) throw pyError('FilterArgumentError', `${repr(s)} is not a valid URI scheme prefix.`);
  }
  const rv = urlize(value, { trimUrlLimit, rel: relStr, target, extraSchemes: schemes.map((s) => strOf(s as string)) });
  return ctx.autoescape ? new Markup(rv) : rv;
}
