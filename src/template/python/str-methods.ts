// Methods of str (and Markup's escaping overrides), looked up by getAttribute.
import type { CallContext, Value } from '../runtime/values.js';
import { Markup, isStr, pyError, pyTypeName, strOf, tuple } from '../runtime/values.js';
import { cIntArg, indexArg, strArg } from './args.js';
import { NOT_GIVEN, clinicArgs, compileSignature, noArgs, oneArg, positionalArgs, tupleArgs } from './bind.js';
import type { ParamSpec } from './bind.js';
import { escape, hasHtml } from './escape.js';
import { unescapeHtml } from './html-unescape.js';
import * as cs from './str-case.js';
import * as ss from './str-search.js';
import { isIterable, iter } from './sequence.js';
import { strFormat, strFormatMap } from './str-format.js';

type Args = readonly Value[];

/** Argument Clinic's _PyArg_BadArgument names None as `None`, not `NoneType`. */
const clinicType = (t: string): string => (t === 'NoneType' ? 'None' : t);
type Kw = ReadonlyMap<string, Value>;
export type StrMethod = (self: string, args: Args, kwargs: Kw, ctx: CallContext) => Value;

/** The str methods as seen on an instance of `T` (messages name `T.method()`, as bound methods do). */
function strMethodTable(T: 'str' | 'Markup'): Record<string, StrMethod> {
  const noarg = (name: string, f: (s: string) => Value): StrMethod => (s, a, k) => {
    noArgs(`${T}.${name}`, a, k);
    return f(s);
  };

  const searchMethod = (name: string, f: (s: string, a: Args) => Value): StrMethod => (s, a, k) =>
    f(s, tupleArgs(`${T}.${name}`, 1, 3, a, k));

  function padMethod(how: 'center' | 'ljust' | 'rjust'): StrMethod {
    return (s, a, k) => {
      positionalArgs(`${T}.${how}`, 1, 2, a, k);
      return ss.pad(s, indexArg(a[0]), ss.fillArg(a[1]), how);
    };
  }

  function stripMethod(name: 'strip' | 'lstrip' | 'rstrip'): StrMethod {
    return (s, a, k) => {
      positionalArgs(`${T}.${name}`, 0, 1, a, k);
      return ss.strip(s, ss.stripArg(name, a[0]), name !== 'rstrip', name !== 'lstrip');
    };
  }

  function splitMethod(name: 'split' | 'rsplit'): StrMethod {
    return (s, a, k) => {
      const [sepV, maxV] = clinicArgs(name, ['sep', 'maxsplit'], [], 0, a, k);
      const max = maxV === NOT_GIVEN ? -1 : indexArg(maxV);
      const sep = sepV === NOT_GIVEN || sepV === null ? null : strArg(sepV, (t) => `must be str or None, not ${t}`);
      return ss.split(s, sep, max, name === 'rsplit');
    };
  }

  function join(sep: string, a: Args, k: Kw): string {
    const seq = oneArg(`${T}.join`, a, k);
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

  return {
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
      positionalArgs(`${T}.replace`, 2, 3, a, k);
      const old = strArg(a[0], (t) => `replace() argument 1 must be str, not ${clinicType(t)}`);
      const repl = strArg(a[1], (t) => `replace() argument 2 must be str, not ${clinicType(t)}`);
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
    zfill: (s, a, k) => ss.zfill(s, indexArg(oneArg(`${T}.zfill`, a, k))),
    expandtabs: (s, a, k) => {
      const [size] = clinicArgs('expandtabs', ['tabsize'], [], 0, a, k);
      return ss.expandtabs(s, size === NOT_GIVEN ? 8 : cIntArg(size));
    },
    partition: (s, a, k) => tuple(ss.partition(s, oneArg(`${T}.partition`, a, k), false)),
    rpartition: (s, a, k) => tuple(ss.partition(s, oneArg(`${T}.rpartition`, a, k), true)),
    removeprefix: (s, a, k) => {
      const p = strArg(oneArg(`${T}.removeprefix`, a, k), (t) => `removeprefix() argument must be str, not ${clinicType(t)}`);
      return p && s.startsWith(p) ? s.slice(p.length) : s;
    },
    removesuffix: (s, a, k) => {
      const p = strArg(oneArg(`${T}.removesuffix`, a, k), (t) => `removesuffix() argument must be str, not ${clinicType(t)}`);
      return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
    format: (s, a, k, ctx) => strFormat(s, a, k, ctx, false),
    format_map: (s, a, k, ctx) => {
      return strFormatMap(s, oneArg(`${T}.format_map`, a, k), ctx, false);
    },
  };
}

export const STR_METHODS = strMethodTable('str');
// Markup's inherited (not overridden) str methods: same behaviour, messages name Markup
const MARKUP_INHERITED = strMethodTable('Markup');

// Markup overrides these to escape their str arguments and return Markup (markupsafe's _simple_escaping_wrapper);
// the wrapped str method reports argument errors under its own name (`str.upper()`).
const MARKUP_WRAPPED = new Set([
  'capitalize', 'title', 'lower', 'upper', 'replace', 'ljust', 'rjust', 'lstrip', 'rstrip', 'center', 'strip',
  'expandtabs', 'swapcase', 'zfill',
]);

const escArg = (v: Value): Value => (isStr(v) || hasHtml(v) ? escape(v) : v);

/** A method markupsafe writes in Python: arguments bound with Python's rules, `self` counted in messages. */
function pyMethod(name: string, params: readonly ParamSpec[], f: (s: string, bound: Value[], ctx: CallContext) => Value): StrMethod {
  const binder = compileSignature(`Markup.${name}`, ['self', ...params]);
  return (s, a, k, ctx) => f(s, binder([s, ...a], k).slice(1), ctx);
}

const none = new Map<string, Value>();

const MARKUP_OVERRIDES: Record<string, StrMethod> = {
  split: pyMethod('split', [['sep', null], ['maxsplit', -1n]], (s, [sep, max], ctx) =>
    (STR_METHODS['split']!(s, [sep, max], none, ctx) as string[]).map((x) => new Markup(x))),
  rsplit: pyMethod('rsplit', [['sep', null], ['maxsplit', -1n]], (s, [sep, max], ctx) =>
    (STR_METHODS['rsplit']!(s, [sep, max], none, ctx) as string[]).map((x) => new Markup(x))),
  splitlines: pyMethod('splitlines', [['keepends', false]], (s, [keep], ctx) =>
    (STR_METHODS['splitlines']!(s, [keep], none, ctx) as string[]).map((x) => new Markup(x))),
  partition: pyMethod('partition', ['sep'], (s, [sep]) => tuple(ss.partition(s, escape(sep).s, false).map((x) => new Markup(x)))),
  rpartition: pyMethod('rpartition', ['sep'], (s, [sep]) => tuple(ss.partition(s, escape(sep).s, true).map((x) => new Markup(x)))),
  join: pyMethod('join', ['seq'], (s, [seq]) => new Markup([...iter(seq)].map((x) => escape(x).s).join(s))),
  format: pyMethod('format', ['*args', '**kwargs'], (s, [args, kwargs], ctx) =>
    new Markup(strFormat(s, args as Value[], kwargs as Map<string, Value>, ctx, true))),
  unescape: pyMethod('unescape', [], (s) => unescapeHtml(s)),
  striptags: pyMethod('striptags', [], (s) => striptags(s)),
};

/** Markup.escape is a classmethod: `cls` counts in its messages. */
const markupEscape: StrMethod = (_s, a, k) => escape(compileSignature('Markup.escape', ['cls', 's'])([null, ...a], k)[1]);

/** The method `name` of a Markup, or undefined. */
export function markupMethod(name: string): StrMethod | undefined {
  if (Object.prototype.hasOwnProperty.call(MARKUP_OVERRIDES, name)) return MARKUP_OVERRIDES[name];
  if (name === 'escape') return markupEscape;
  const base = STR_METHODS[name];
  if (base && MARKUP_WRAPPED.has(name)) {
    return (s, a, k, ctx) => {
      const ea = a.map(escArg);
      const ek = new Map([...k].map(([n, v]) => [n, escArg(v)]));
      return new Markup(base(s, ea, ek, ctx) as string);
    };
  }
  return Object.prototype.hasOwnProperty.call(MARKUP_INHERITED, name) ? MARKUP_INHERITED[name] : undefined;
}

/** Markup.striptags(): drop comments and tags, collapse whitespace, unescape entities. */
export function striptags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[\s\S]*?>/g, '');
  const collapsed = ss.split(noTags, null, -1, false).join(' ');
  return unescapeHtml(collapsed);
}

