// Number filters (abs, int, float, round, filesizeformat) and the formatting ones (pprint, tojson, xmlattr,
// urlencode, urlize, wordwrap).
import type { FilterFn, Value } from '../runtime/values.js';
import { Markup, PyError, Undefined, isStr, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { binary } from '../python/arith.js';
import { compare, eq, truthy } from '../python/compare.js';
import { escape } from '../python/escape.js';
import { hashKey } from '../python/dict-keys.js';
import { formatValue } from '../python/format-spec.js';
import { pformat } from '../python/pprint.js';
import { repr, str } from '../python/repr.js';
import { isIterable, iter, iterate } from '../python/sequence.js';
import { wrap } from '../python/textwrap.js';
import { indexArg } from '../python/args.js';
import { cOneArg, pyFilter } from './define.js';
import { callMethod, mathRound, pyAbs, pyFloat, pyInt, pyIntBase, pyRound } from './pyfuncs.js';
import { doUrlize } from './urlize.js';
import { tojson } from './tojson.js';

const isPyErr = (e: unknown, ...types: string[]): boolean => e instanceof PyError && types.includes(e.pyType);

const SAFE = /[A-Za-z0-9_.\-~]/;

/** urllib.parse.quote_from_bytes(str(obj).encode('utf-8'), safe) with Jinja's for_qs tweaks. */
export function urlQuote(v: Value, forQs: boolean): string {
  const s = isStr(v) ? strOf(v) : str(v);
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (SAFE.test(ch) || (!forQs && ch === '/')) out += ch;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return forQs ? out.replace(/%20/g, '+') : out;
}

const ATTR_KEY = /[\t\n\v\f\r \x1c-\x1f/>=]/;

const PREFIXES_DEC = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const PREFIXES_BIN = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

export const miscFilters: Record<string, FilterFn> = {
  abs: cOneArg('abs', (_ctx, v) => pyAbs(v)),
  int: pyFilter('do_int', ['value', ['default', 0n], ['base', 10n]], 0, (_ctx, value, dflt, base) => {
    try {
      return isStr(value) ? pyIntBase(value, base) : pyInt(value);
    } catch (e) {
      if (!isPyErr(e, 'TypeError', 'ValueError')) throw e;
    }
    try {
      return pyInt(pyFloat(value));
    } catch (e) {
      if (!isPyErr(e, 'TypeError', 'ValueError')) throw e;
      return dflt;
    }
  }),
  float: pyFilter('do_float', ['value', ['default', 0]], 0, (_ctx, value, dflt) => {
    try {
      return pyFloat(value);
    } catch (e) {
      if (!isPyErr(e, 'TypeError', 'ValueError')) throw e;
      return dflt;
    }
  }),
  round: pyFilter('do_round', ['value', ['precision', 0n], ['method', 'common']], 0, (_ctx, value, precision, method) => {
    hashKey(method); // `method not in {...}` hashes it
    const m = ['common', 'ceil', 'floor'].find((x) => eq(method, x));
    if (!m) throw pyError('FilterArgumentError', 'method must be common, ceil or floor');
    if (m === 'common') return pyRound(value, precision);
    const scale = binary('**', 10n, precision);
    return binary('/', mathRound(binary('*', value, scale), m === 'ceil'), scale);
  }),
  filesizeformat: pyFilter('do_filesizeformat', ['value', ['binary', false]], 0, (_ctx, value, bin) => {
    const bytes = pyFloat(value);
    const isBin = truthy(bin);
    const base = isBin ? 1024n : 1000n;
    const prefixes = isBin ? PREFIXES_BIN : PREFIXES_DEC;
    if (bytes === 1) return '1 Byte';
    if (bytes < Number(base)) return `${str(pyInt(bytes))} Bytes`;
    let unit: Value = 0n;
    let prefix = '';
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** BigInt(i + 2);
      prefix = prefixes[i]!;
      if (compare('<', bytes, unit)) break;
    }
    const n = binary('/', binary('*', base, bytes), unit);
    return `${formatValue(n, '.1f')} ${prefix}`;
  }),
  pprint: pyFilter('do_pprint', ['value'], 0, (_ctx, v) => pformat(v)),
  tojson: pyFilter('do_tojson', ['eval_ctx', 'value', ['indent', null]], 1, tojson),
  xmlattr: pyFilter('do_xmlattr', ['eval_ctx', 'd', ['autospace', true]], 1, (ctx, d, autospace) => {
    const items: string[] = [];
    for (const pair of iter(callMethod(d, 'items', [], new Map(), ctx))) {
      const [key, value] = pair as readonly Value[];
      if (value === null || value instanceof Undefined) continue;
      if (!isStr(key)) throw pyError('TypeError', `expected string or bytes-like object, got '${pyTypeName(key)}'`);
      if (ATTR_KEY.test(strOf(key))) throw pyError('ValueError', `Invalid character in attribute name: ${repr(key)}`);
      items.push(`${escape(key).s}="${escape(value).s}"`);
    }
    let rv = items.join(' ');
    if (truthy(autospace) && rv) rv = ' ' + rv;
    return ctx.autoescape ? new Markup(rv) : rv;
  }),
  urlencode: pyFilter('do_urlencode', ['value'], 0, (_ctx, value) => {
    // a str or a non-iterable is quoted whole; a dict or iterable of pairs becomes a query string
    if (isStr(value) || !isIterable(value)) return urlQuote(value, false);
    const items = value instanceof Map ? [...value] : iterate(value).map(unpackPair);
    return items.map(([k, v]) => `${urlQuote(k, true)}=${urlQuote(v, true)}`).join('&');
  }),
  urlize: pyFilter(
    'do_urlize',
    ['eval_ctx', 'value', ['trim_url_limit', null], ['nofollow', false], ['target', null], ['rel', null], ['extra_schemes', null]],
    1,
    doUrlize,
  ),
  wordwrap: pyFilter(
    'do_wordwrap',
    ['environment', 's', ['width', 79n], ['break_long_words', true], ['wrapstring', null], ['break_on_hyphens', true]],
    1,
    (ctx, s, width, breakLong, wrapstring, breakHyphens) => {
      const sep: Value = wrapstring === null ? ctx.env.newlineSequence : wrapstring;
      const lines = iterate(callMethod(s, 'splitlines', [], new Map(), ctx));
      const paragraphs = lines.map((line) => {
        // TextWrapper checks the width only when it wraps a line
        if (compare('<=', width, 0n)) throw pyError('ValueError', `invalid width ${repr(width)} (must be > 0)`);
        const w = typeof width === 'number' ? width : Number(indexArg(width));
        const opts = { width: w, breakLongWords: truthy(breakLong), breakOnHyphens: truthy(breakHyphens) };
        return callMethod(sep, 'join', [wrap(str(line), opts)], new Map(), ctx);
      });
      return callMethod(sep, 'join', [paragraphs], new Map(), ctx);
    },
  ),
};

function unpackPair(item: Value): [Value, Value] {
  let parts: Value[];
  try {
    parts = iterate(item);
  } catch (e) {
    if (isPyErr(e, 'TypeError')) throw pyError('TypeError', `cannot unpack non-iterable ${pyTypeName(item)} object`);
    throw e;
  }
  if (parts.length > 2) throw pyError('ValueError', 'too many values to unpack (expected 2)');
  if (parts.length < 2) throw pyError('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
  return [parts[0], parts[1]];
}

