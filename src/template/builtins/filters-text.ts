// String filters: case, whitespace, replace, format, indent, truncate, striptags, escaping.
import type { CallContext, FilterFn, Value } from '../runtime/values.js';
import { Markup, isStr, isTuple, pyError, strOf, tuple } from '../runtime/values.js';
import { binary } from '../python/arith.js';
import { compare, truthy } from '../python/compare.js';
import { escape, escapeText, hasHtml, softStr } from '../python/escape.js';
import { str } from '../python/repr.js';
import { getItem, iterate, len, subscript } from '../python/sequence.js';
import { makeSlice } from '../python/slice.js';
import { striptags } from '../python/str-methods.js';
import { WS_CHARS } from '../python/str-case.js';
import { asPyObject } from '../python/protocol.js';
import { cOneArg, pyFilter } from './define.js';
import { callMethod } from './pyfuncs.js';

const noKw = new Map<string, Value>();
/** soft_str(value).method(*args) */
const strCall = (ctx: CallContext, value: Value, method: string, ...args: Value[]): Value =>
  callMethod(softStr(value), method, args, noKw, ctx);

const simple = (pyName: string, method: string): FilterFn =>
  pyFilter(pyName, ['s'], 0, (ctx, s) => strCall(ctx, s, method));

const WORD_BEGINNING = new RegExp(`([-${WS_CHARS.replace(/[\]\\-]/g, '\\$&')}({\\[<]+)`, 'u');

function title(s: string | Markup): Value {
  const parts = strOf(s).split(WORD_BEGINNING).filter((p) => p !== '');
  const out = parts.map((item) => {
    const [first, ...rest] = [...item];
    return first!.toUpperCase() + rest.join('').toLowerCase();
  });
  return out.join('');
}

/** Undefined/objects with __html__: their HTML; everything else as is. */
const htmlOf = (v: Value): Value => {
  if (v instanceof Markup) return v.s;
  if (hasHtml(v)) {
    const o = asPyObject(v);
    return o?.__html__ ? o.__html__() : str(v);
  }
  return v;
};

export const textFilters: Record<string, FilterFn> = {
  e: cOneArg('markupsafe._speedups.escape', (_ctx, v) => escape(v)),
  upper: simple('do_upper', 'upper'),
  lower: simple('do_lower', 'lower'),
  capitalize: simple('do_capitalize', 'capitalize'),
  title: pyFilter('do_title', ['s'], 0, (_ctx, s) => title(softStr(s))),
  center: pyFilter('do_center', ['value', ['width', 80n]], 0, (ctx, v, w) => strCall(ctx, v, 'center', w)),
  trim: pyFilter('do_trim', ['value', ['chars', null]], 0, (ctx, v, chars) => strCall(ctx, v, 'strip', chars)),
  string: cOneArg('markupsafe._speedups.soft_str', (_ctx, v) => softStr(v)),
  escape: cOneArg('markupsafe._speedups.escape', (_ctx, v) => escape(v)),
  forceescape: pyFilter('do_forceescape', ['value'], 0, (_ctx, v) => new Markup(escapeText(str(htmlOf(v))))),
  safe: pyFilter('do_mark_safe', ['value'], 0, (_ctx, v) => new Markup(hasHtml(v) ? escape(v).s : str(v))),
  striptags: pyFilter('do_striptags', ['value'], 0, (_ctx, v) => striptags(str(htmlOf(v)))),
  wordcount: pyFilter('do_wordcount', ['s'], 0, (_ctx, s) => {
    const m = strOf(softStr(s)).match(/[\p{L}\p{N}_]+/gu);
    return BigInt(m ? m.length : 0);
  }),
  replace: pyFilter('do_replace', ['eval_ctx', 's', 'old', 'new', ['count', null]], 1, (ctx, s, old, repl, count) => {
    const n = count === null ? -1n : count;
    if (!ctx.autoescape) return callMethod(str(s), 'replace', [str(old), str(repl), n], noKw, ctx);
    let subject: Value;
    if (hasHtml(old) || (hasHtml(repl) && !hasHtml(s))) subject = escape(s);
    else subject = softStr(s);
    return callMethod(subject, 'replace', [softStr(old), softStr(repl), n], noKw, ctx);
  }),
  format: pyFilter('do_format', ['value', '*args', '**kwargs'], 0, (_ctx, v, args, kwargs) => {
    const a = args as Value[];
    const k = kwargs as Map<string, Value>;
    if (a.length && k.size) throw pyError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
    const operand = k.size ? new Map<Value, Value>(k) : tuple(a);
    return binary('%', softStr(v), operand);
  }),
  indent: pyFilter('do_indent', ['s', ['width', 4n], ['first', false], ['blank', false]], 0, (ctx, s, width, first, blank) => {
    let indention: Value = isStr(width) ? width : binary('*', ' ', width);
    let newline: Value = '\n';
    if (s instanceof Markup) {
      indention = new Markup(str(indention));
      newline = new Markup('\n');
    }
    s = augmentedAdd(s, newline);
    const lines = callMethod(s, 'splitlines', [], noKw, ctx) as Value[];
    let rv: Value;
    if (truthy(blank)) {
      rv = callMethod(binary('+', newline, indention), 'join', [lines], noKw, ctx);
    } else {
      rv = lines.shift() ?? '';
      if (lines.length) {
        const parts = lines.map((line) => (truthy(line) ? binary('+', indention, line) : line));
        rv = binary('+', binary('+', rv, newline), callMethod(newline, 'join', [parts], noKw, ctx));
      }
    }
    if (truthy(first)) rv = binary('+', indention, rv);
    return rv;
  }),
  truncate: pyFilter(
    'do_truncate',
    ['env', 's', ['length', 255n], ['killwords', false], ['end', '...'], ['leeway', null]],
    1,
    (ctx, s, length, killwords, end, leeway) => {
      if (leeway === null) leeway = ctx.env.policies.get('truncate.leeway') ?? 5n;
      const endLen = BigInt(len(end));
      if (!compare('>=', length, endLen)) throw pyError('AssertionError', `expected length >= ${endLen}, got ${str(length)}`);
      if (!compare('>=', leeway, 0n)) throw pyError('AssertionError', `expected leeway >= 0, got ${str(leeway)}`);
      if (compare('<=', BigInt(len(s)), binary('+', length, leeway))) return s;
      const head = subscript(s, makeSlice(null, binary('-', length, endLen), null));
      if (truthy(killwords)) return binary('+', head, end);
      const parts = callMethod(head, 'rsplit', [' ', 1n], noKw, ctx);
      return binary('+', getItem(parts, 0n), end);
    },
  ),
};


/** `s += x` (the augmented form names the operator `+=` in its TypeError). */
function augmentedAdd(a: Value, b: Value): Value {
  // list += iterable extends the list in place
  if (Array.isArray(a) && !isTuple(a)) {
    (a as Value[]).push(...iterate(b));
    return a;
  }
  try {
    return binary('+', a, b);
  } catch (e) {
    if (e instanceof Error && (e as { pyType?: string }).pyType === 'TypeError' && e.message.startsWith('unsupported operand type(s) for +:')) {
      e.message = e.message.replace('for +:', 'for +=:');
    }
    throw e;
  }
}

