// Methods of str (and Markup's escaping overrides), looked up by getAttribute.
import type { CallContext, Value } from '../runtime/values.js';
import { Markup, isStr, pyError, pyTypeName, strOf, tuple } from '../runtime/values.js';
import { indexArg, strArg } from './args.js';
import { NOT_GIVEN, clinicArgs, noArgs, oneArg, positionalArgs, tupleArgs } from './bind.js';
import { escape, hasHtml } from './escape.js';
import { unescapeHtml } from './html-unescape.js';
import * as cs from './str-case.js';
import * as ss from './str-search.js';
import { isIterable, iter } from './sequence.js';
import { strFormat, strFormatMap } from './str-format.js';

type Args = readonly Value[];
type Kw = ReadonlyMap<string, Value>;
export type StrMethod = (self: string, args: Args, kwargs: Kw, ctx: CallContext) => Value;

const noarg = (name: string, f: (s: string) => Value): StrMethod => (s, a, k) => {
  noArgs(`str.${name}`, a, k);
  return f(s);
};

const searchMethod = (name: string, f: (s: string, a: Args) => Value): StrMethod => (s, a, k) =>
  f(s, tupleArgs(`str.${name}`, 1, 3, a, k));

function padMethod(how: 'center' | 'ljust' | 'rjust'): StrMethod {
  return (s, a, k) => {
    positionalArgs(`str.${how}`, 1, 2, a, k);
    return ss.pad(s, indexArg(a[0]), ss.fillArg(a[1]), how);
  };
}

function stripMethod(name: 'strip' | 'lstrip' | 'rstrip'): StrMethod {
  return (s, a, k) => {
    positionalArgs(`str.${name}`, 0, 1, a, k);
    return ss.strip(s, ss.stripArg(name, a[0]), name !== 'rstrip', name !== 'lstrip');
  };
}

function splitMethod(name: 'split' | 'rsplit'): StrMethod {
  return (s, a, k) => {
    const [sepV, maxV] = clinicArgs(name, ['sep', 'maxsplit'], [], 0, a, k);
    const sep = sepV === NOT_GIVEN || sepV === null ? null : strArg(sepV, (t) => `must be str or None, not ${t}`);
    const max = maxV === NOT_GIVEN ? -1 : indexArg(maxV);
    return ss.split(s, sep, max, name === 'rsplit');
  };
}

function join(sep: string, a: Args, k: Kw): string {
  const seq = oneArg('str.join', a, k);
  if (!isIterable(seq)) throw pyError('TypeError', 'can only join an iterable');
  const parts: string[] = [];
  let i = 0;
  for (const item of iter(seq)) {
    if (!isStr(item)) throw pyError('TypeError', `sequence item ${i}: expected str instance, ${pyTypeName(item)} found`);
    parts.push(strOf(item));
    i++;
  }
  return parts.join(sep);
}

export const STR_METHODS: Record<string, StrMethod> = {
  upper: noarg('upper', (s) => s.toUpperCase()),
  lower: noarg('lower', (s) => s.toLowerCase()),
  title: noarg('title', cs.title),
  capitalize: noarg('capitalize', cs.capitalize),
  swapcase: noarg('swapcase', cs.swapcase),
  casefold: noarg('casefold', cs.casefold),
  isalpha: noarg('isalpha', cs.isalpha),
  isalnum: noarg('isalnum', cs.isalnum),
  isascii: noarg('isascii', cs.isascii),
  isdecimal: noarg('isdecimal', cs.isdecimal),
  isdigit: noarg('isdigit', cs.isdigit),
  isnumeric: noarg('isnumeric', cs.isnumeric),
  isidentifier: noarg('isidentifier', cs.isidentifier),
  islower: noarg('islower', cs.islower),
  isupper: noarg('isupper', cs.isupper),
  istitle: noarg('istitle', cs.istitle),
  isspace: noarg('isspace', cs.isspace),
  isprintable: noarg('isprintable', cs.isprintable),
  strip: stripMethod('strip'),
  lstrip: stripMethod('lstrip'),
  rstrip: stripMethod('rstrip'),
  split: splitMethod('split'),
  rsplit: splitMethod('rsplit'),
  splitlines: (s, a, k) => {
    const [keep] = clinicArgs('splitlines', ['keepends'], [], 0, a, k);
    return ss.splitlines(s, keep === NOT_GIVEN ? false : indexArg(keep) !== 0);
  },
  join: (s, a, k) => join(s, a, k),
  replace: (s, a, k) => {
    positionalArgs('str.replace', 2, 3, a, k);
    const old = strArg(a[0], (t) => `replace() argument 1 must be str, not ${t}`);
    const repl = strArg(a[1], (t) => `replace() argument 2 must be str, not ${t}`);
    return ss.replace(s, old, repl, a.length > 2 ? indexArg(a[2]) : -1);
  },
  find: searchMethod('find', (s, a) => BigInt(ss.find(s, a[0], a[1], a[2], false))),
  rfind: searchMethod('rfind', (s, a) => BigInt(ss.find(s, a[0], a[1], a[2], true))),
  index: searchMethod('index', (s, a) => {
    const i = ss.find(s, a[0], a[1], a[2], false);
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return BigInt(i);
  }),
  rindex: searchMethod('rindex', (s, a) => {
    const i = ss.find(s, a[0], a[1], a[2], true);
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return BigInt(i);
  }),
  count: searchMethod('count', (s, a) => BigInt(ss.count(s, a[0], a[1], a[2]))),
  startswith: searchMethod('startswith', (s, a) => ss.startsOrEndsWith('startswith', s, a[0], a[1], a[2])),
  endswith: searchMethod('endswith', (s, a) => ss.startsOrEndsWith('endswith', s, a[0], a[1], a[2])),
  center: padMethod('center'),
  ljust: padMethod('ljust'),
  rjust: padMethod('rjust'),
  zfill: (s, a, k) => ss.zfill(s, indexArg(oneArg('str.zfill', a, k))),
  expandtabs: (s, a, k) => {
    const [size] = clinicArgs('expandtabs', ['tabsize'], [], 0, a, k);
    return ss.expandtabs(s, size === NOT_GIVEN ? 8 : indexArg(size));
  },
  partition: (s, a, k) => tuple(ss.partition(s, oneArg('str.partition', a, k), false)),
  rpartition: (s, a, k) => tuple(ss.partition(s, oneArg('str.rpartition', a, k), true)),
  removeprefix: (s, a, k) => {
    const p = strArg(oneArg('str.removeprefix', a, k), (t) => `removeprefix() argument must be str, not ${t}`);
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a, k) => {
    const p = strArg(oneArg('str.removesuffix', a, k), (t) => `removesuffix() argument must be str, not ${t}`);
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  format: (s, a, k, ctx) => strFormat(s, a, k, ctx, false),
  format_map: (s, a, k, ctx) => {
    return strFormatMap(s, oneArg('str.format_map', a, k), ctx, false);
  },
};

// Markup overrides these to escape their str arguments and return Markup (markupsafe's _simple_escaping_wrapper).
const MARKUP_WRAPPED = new Set([
  'capitalize', 'title', 'lower', 'upper', 'replace', 'ljust', 'rjust', 'lstrip', 'rstrip', 'center', 'strip',
  'expandtabs', 'swapcase', 'zfill',
]);

const escArg = (v: Value): Value => (isStr(v) || hasHtml(v) ? escape(v).s : v);

/** The method `name` of a Markup, or undefined. */
export function markupMethod(name: string): StrMethod | undefined {
  const base = STR_METHODS[name];
  if (base && MARKUP_WRAPPED.has(name)) {
    return (s, a, k, ctx) => {
      const ea = a.map(escArg);
      const ek = new Map([...k].map(([n, v]) => [n, escArg(v)]));
      return new Markup(base(s, ea, ek, ctx) as string);
    };
  }
  switch (name) {
    case 'split':
    case 'rsplit':
    case 'splitlines':
      return (s, a, k, ctx) => (base!(s, a, k, ctx) as string[]).map((x) => new Markup(x));
    case 'partition':
    case 'rpartition':
      return (s, a, k) => {
        const sep = escArg(oneArg(`str.${name}`, a, k));
        return tuple(ss.partition(s, sep, name === 'rpartition').map((x) => new Markup(x)));
      };
    case 'join':
      return (s, a, k) => {
        const seq = oneArg('str.join', a, k);
        const items = [...iter(seq)].map((x) => escape(x));
        return new Markup(join(s, [items], new Map()));
      };
    case 'format':
      return (s, a, k, ctx) => new Markup(strFormat(s, a, k, ctx, true));
    case 'format_map':
      return (s, a, k, ctx) => new Markup(strFormatMap(s, oneArg('str.format_map', a, k), ctx, true));
    case 'unescape':
      return (s, a, k) => {
        noArgs('Markup.unescape', a, k);
        return unescapeHtml(s);
      };
    case 'striptags':
      return (s, a, k) => {
        noArgs('Markup.striptags', a, k);
        return striptags(s);
      };
    case 'escape':
      return (_s, a, k) => escape(oneArg('Markup.escape', a, k));
  }
  return base;
}

/** Markup.striptags(): drop comments and tags, collapse whitespace, unescape entities. */
export function striptags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[\s\S]*?>/g, '');
  const collapsed = ss.split(noTags, null, -1, false).join(' ');
  return unescapeHtml(collapsed);
}

