// Sequence filters: first/last/list/join/reverse/sort/unique/min/max/sum/batch/slice/random/length.
import type { CallContext, FilterFn, Value } from '../runtime/values.js';
import { Markup, Undefined, isStr, isTuple, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { binary } from '../python/arith.js';
import { compare, eq, truthy } from '../python/compare.js';
import { escape, hasHtml, softStr } from '../python/escape.js';
import { hashKey } from '../python/dict-keys.js';
import { PyIterator, generator, pyIterator } from '../python/iterator.js';
import { asPyObject } from '../python/protocol.js';
import { PyRange } from '../python/range.js';
import { str } from '../python/repr.js';
import { iter, iterate, len, subscript } from '../python/sequence.js';
import { makeSlice } from '../python/slice.js';
import { sortIndexes } from '../python/sort.js';
import { DictView } from '../python/dict-methods.js';
import { indexArg } from '../python/args.js';
import { ignoreCase, makeAttrGetter, makeMultiAttrGetter } from './attrgetter.js';
import { cOneArg, pyFilter } from './define.js';

/** The first item of iter(v), or `end`. */
export function firstOf<T>(v: Value, end: T): Value | T {
  if (v instanceof PyIterator) return v.next(end);
  for (const x of iter(v)) return x;
  return end;
}

/** Python reversed(v): an iterator, or a TypeError for non-reversible values. */
export function reversedOf(v: Value): Value {
  if (isStr(v)) return pyIterator('reversed', [...strOf(v)].reverse());
  if (Array.isArray(v)) return pyIterator(isTuple(v) ? 'reversed' : 'list_reverseiterator', [...v].reverse());
  if (v instanceof Map) return pyIterator('dict_reversekeyiterator', [...v.keys()].reverse());
  if (v instanceof PyRange) return pyIterator('range_iterator', [...v.__iter__()].reverse());
  if (v instanceof DictView) return v.reversed();
  if (v instanceof Undefined) {
    v.checkUsable();
    return pyIterator('reversed', []);
  }
  const o = asPyObject(v);
  if (o?.__len__ && o.__getitem__ && o.__iter__) return pyIterator('reversed', [...o.__iter__()].reverse());
  throw pyError('TypeError', `'${pyTypeName(v)}' object is not reversible`);
}

const END = Symbol('end');

function minOrMax(ctx: CallContext, value: Value, isMax: boolean, caseSensitive: Value, attribute: Value): Value {
  const items = iterate(value);
  if (items.length === 0) return ctx.env.undefined('No aggregated item, sequence was empty.');
  const key = makeAttrGetter(ctx, attribute, truthy(caseSensitive) ? undefined : ignoreCase);
  let best = items[0];
  let bestKey = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    if (compare(isMax ? '>' : '<', k, bestKey)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

/** Python sum(iterable, start). */
export function pySum(items: Iterable<Value>, start: Value): Value {
  if (isStr(start)) throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  let acc = start;
  for (const x of items) acc = binary('+', acc, x);
  return acc;
}

function join(ctx: CallContext, value: Value, d: Value, attribute: Value): Value {
  let items: Value[] = iterate(value);
  if (attribute !== null) {
    const get = makeAttrGetter(ctx, attribute);
    items = items.map(get);
  }
  if (!ctx.autoescape) return items.map((x) => str(x)).join(str(d));
  if (!hasHtml(d)) {
    let doEscape = false;
    const parts = items.map((x) => {
      if (hasHtml(x)) {
        doEscape = true;
        return x;
      }
      return str(x);
    });
    if (doEscape) return new Markup(parts.map((x) => escape(x).s).join(escape(d).s));
    return parts.map((x) => str(x)).join(str(d));
  }
  const sep = softStr(d);
  const joined = items.map((x) => strOf(softStr(x) as string | Markup));
  if (sep instanceof Markup) return new Markup(joined.map((x, i) => (items[i] instanceof Markup ? x : escape(x).s)).join(sep.s));
  return joined.join(sep);
}

export const seqFilters: Record<string, FilterFn> = {
  length: cOneArg('len', (_ctx, v) => BigInt(len(v))),
  count: cOneArg('len', (_ctx, v) => BigInt(len(v))),
  list: pyFilter('sync_do_list', ['value'], 0, (_ctx, v) => iterate(v)),
  first: pyFilter('sync_do_first', ['environment', 'seq'], 1, (ctx, seq) => {
    const v = firstOf(seq, END);
    return v === END ? ctx.env.undefined('No first item, sequence was empty.') : v;
  }),
  last: pyFilter('do_last', ['environment', 'seq'], 1, (ctx, seq) => {
    const r = reversedOf(seq) as PyIterator;
    const v = r.next(END);
    return v === END ? ctx.env.undefined('No last item, sequence was empty.') : v;
  }),
  random: pyFilter('do_random', ['context', 'seq'], 1, (ctx, seq) => {
    const n = len(seq);
    if (n === 0) return ctx.env.undefined('No random item, sequence was empty.');
    return subscript(seq, BigInt(Math.floor(Math.random() * n)));
  }),
  join: pyFilter('sync_do_join', ['eval_ctx', 'value', ['d', ''], ['attribute', null]], 1, join),
  reverse: pyFilter('do_reverse', ['value'], 0, (_ctx, v) => {
    if (isStr(v)) return subscript(v, makeSlice(null, null, -1n));
    try {
      return reversedOf(v);
    } catch (e) {
      if (!(e instanceof Error && (e as { pyType?: string }).pyType === 'TypeError')) throw e;
    }
    try {
      return iterate(v).reverse();
    } catch (e) {
      if (e instanceof Error && (e as { pyType?: string }).pyType === 'TypeError') throw pyError('FilterArgumentError', 'argument must be iterable');
      throw e;
    }
  }),
  sort: pyFilter(
    'do_sort',
    ['environment', 'value', ['reverse', false], ['case_sensitive', false], ['attribute', null]],
    1,
    (ctx, value, reverse, caseSensitive, attribute) => {
      const items = iterate(value);
      const key = makeMultiAttrGetter(ctx, attribute, truthy(caseSensitive) ? undefined : ignoreCase);
      const keys = items.map((x) => key(x));
      return sortIndexes(keys, indexArg(reverse) !== 0).map((i) => items[i]);
    },
  ),
  unique: pyFilter('do_unique', ['environment', 'value', ['case_sensitive', false], ['attribute', null]], 1, (ctx, value, cs, attribute) =>
    generator('do_unique', (function* () {
      const key = makeAttrGetter(ctx, attribute, truthy(cs) ? undefined : ignoreCase);
      const seen = new Set<string>();
      for (const item of iter(value)) {
        const h = hashKey(key(item));
        if (!seen.has(h)) {
          seen.add(h);
          yield item;
        }
      }
    })()),
  ),
  min: pyFilter('do_min', ['environment', 'value', ['case_sensitive', false], ['attribute', null]], 1, (ctx, v, cs, a) => minOrMax(ctx, v, false, cs, a)),
  max: pyFilter('do_max', ['environment', 'value', ['case_sensitive', false], ['attribute', null]], 1, (ctx, v, cs, a) => minOrMax(ctx, v, true, cs, a)),
  sum: pyFilter('sync_do_sum', ['environment', 'iterable', ['attribute', null], ['start', 0n]], 1, (ctx, iterable, attribute, start) => {
    let items: Iterable<Value> = iter(iterable);
    if (attribute !== null) {
      const get = makeAttrGetter(ctx, attribute);
      items = [...items].map(get);
    }
    return pySum(items, start);
  }),
  batch: pyFilter('do_batch', ['value', 'linecount', ['fill_with', null]], 0, (_ctx, value, linecount, fill) =>
    generator('do_batch', (function* () {
      let tmp: Value[] = [];
      for (const item of iter(value)) {
        if (eq(BigInt(tmp.length), linecount)) {
          yield tmp;
          tmp = [];
        }
        tmp.push(item);
      }
      if (tmp.length) {
        if (fill !== null && compare('<', BigInt(tmp.length), linecount)) {
          tmp.push(...(binary('*', [fill], binary('-', linecount, BigInt(tmp.length))) as Value[]));
        }
        yield tmp;
      }
    })()),
  ),
  slice: pyFilter('sync_do_slice', ['value', 'slices', ['fill_with', null]], 0, (_ctx, value, slices, fill) =>
    generator('sync_do_slice', (function* () {
      const seq = iterate(value);
      const length = BigInt(seq.length);
      const perSlice = binary('//', length, slices) as bigint;
      const withExtra = binary('%', length, slices) as bigint;
      let offset = 0n;
      const count = indexArg(slices);
      for (let n = 0n; n < BigInt(count); n++) {
        const start = offset + n * perSlice;
        if (n < withExtra) offset += 1n;
        const end = offset + (n + 1n) * perSlice;
        const tmp = subscript(seq, makeSlice(start, end, null)) as Value[];
        if (fill !== null && n >= withExtra) tmp.push(fill);
        yield tmp;
      }
    })()),
  ),
};

