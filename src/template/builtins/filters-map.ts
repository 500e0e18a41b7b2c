// Filters that apply attributes, filters or tests over a sequence (map, select, reject, selectattr, rejectattr,
// groupby), plus dictsort, items, attr and default.
import type { CallContext, FilterFn, Value } from '../runtime/values.js';
import { MISSING, Markup, Undefined, isStr, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { eq, truthy } from '../python/compare.js';
import { indexArg } from '../python/args.js';
import { generator } from '../python/iterator.js';
import { repr } from '../python/repr.js';
import { iter, iterate } from '../python/sequence.js';
import { sortIndexes } from '../python/sort.js';
import { getAttribute } from '../python/attributes.js';
import { hashKey } from '../python/dict-keys.js';
import { namedTuple } from '../python/named-tuple.js';
import { ignoreCase, makeAttrGetter } from './attrgetter.js';
import { pyFilter } from './define.js';
import { callMethod } from './pyfuncs.js';

/**
 * The name given to map/select/reject as a filter or test name. Environment.call_filter looks it up in a dict, so
 * a Markup works like its str, an unhashable value is a TypeError, and anything else is "No filter named …".
 */
function callableName(ctx: CallContext, name: Value, kind: 'filter' | 'test'): string {
  if (typeof name === 'string') return name;
  if (name instanceof Markup && (kind === 'filter' ? ctx.env.hasFilter(name.s) : ctx.env.hasTest(name.s))) return name.s;
  hashKey(name);
  let msg = `No ${kind} named ${repr(name)}.`;
  if (name instanceof Undefined) msg += ` (${name.message}; did you forget to quote the callable name?)`;
  throw pyError('TemplateRuntimeError', msg);
}

function prepareMap(ctx: CallContext, args: Value[], kwargs: Map<string, Value>): (item: Value) => Value {
  if (args.length === 0 && kwargs.has('attribute')) {
    const kw = new Map(kwargs);
    const attribute = kw.get('attribute');
    kw.delete('attribute');
    const dflt = kw.has('default') ? kw.get('default') : null;
    kw.delete('default');
    if (kw.size) throw pyError('FilterArgumentError', `Unexpected keyword argument ${repr([...kw.keys()][0])}`);
    return makeAttrGetter(ctx, attribute, undefined, dflt);
  }
  if (args.length === 0) throw pyError('FilterArgumentError', 'map requires a filter argument');
  const name = args[0];
  const rest = args.slice(1);
  return (item) => ctx.env.callFilter(callableName(ctx, name, 'filter'), item, rest, kwargs, ctx);
}

function prepareSelect(ctx: CallContext, args: Value[], kwargs: Map<string, Value>, lookupAttr: boolean): (item: Value) => boolean {
  let trans = (x: Value): Value => x;
  let off = 0;
  if (lookupAttr) {
    if (args.length === 0) throw pyError('FilterArgumentError', 'Missing parameter for attribute name');
    trans = makeAttrGetter(ctx, args[0]);
    off = 1;
  }
  if (args.length <= off) return (item) => truthy(trans(item));
  const name = args[off];
  const rest = args.slice(off + 1);
  return (item) => ctx.env.callTest(callableName(ctx, name, 'test'), trans(item), rest, kwargs, ctx);
}

function selectOrReject(ctx: CallContext, value: Value, args: Value[], kwargs: Map<string, Value>, keep: boolean, lookupAttr: boolean): Value {
  return generator('select_or_reject', (function* () {
    if (!truthy(value)) return;
    const test = prepareSelect(ctx, args, kwargs, lookupAttr);
    for (const item of iter(value)) if (test(item) === keep) yield item;
  })());
}

const selectLike = (pyName: string, keep: boolean, lookupAttr: boolean): FilterFn =>
  pyFilter(pyName, ['context', 'value', '*args', '**kwargs'], 1, (ctx, value, args, kwargs) =>
    selectOrReject(ctx, value, args as Value[], kwargs as Map<string, Value>, keep, lookupAttr),
  );

/** sorted()'s reverse argument: an int-like flag. */
const reverseFlag = (v: Value): boolean => indexArg(v) !== 0;

export const mapFilters: Record<string, FilterFn> = {
  map: pyFilter('sync_do_map', ['context', 'value', '*args', '**kwargs'], 1, (ctx, value, args, kwargs) =>
    generator('sync_do_map', (function* () {
      if (!truthy(value)) return;
      const f = prepareMap(ctx, args as Value[], kwargs as Map<string, Value>);
      for (const item of iter(value)) yield f(item);
    })()),
  ),
  select: selectLike('sync_do_select', true, false),
  reject: selectLike('sync_do_reject', false, false),
  selectattr: selectLike('sync_do_selectattr', true, true),
  rejectattr: selectLike('sync_do_rejectattr', false, true),
  groupby: pyFilter(
    'sync_do_groupby',
    ['environment', 'value', 'attribute', ['default', null], ['case_sensitive', false]],
    1,
    (ctx, value, attribute, dflt, caseSensitive) => {
      const cs = truthy(caseSensitive);
      const expr = makeAttrGetter(ctx, attribute, cs ? undefined : ignoreCase, dflt);
      const items = iterate(value);
      const keys = items.map(expr);
      const order = sortIndexes(keys, false);
      const groups: { key: Value; items: Value[] }[] = [];
      for (const i of order) {
        const k = keys[i];
        const last = groups[groups.length - 1];
        if (last && eq(last.key, k)) last.items.push(items[i]);
        else groups.push({ key: k, items: [items[i]] });
      }
      const outKey = cs ? null : makeAttrGetter(ctx, attribute, undefined, dflt);
      return groups.map((g) => groupTuple(outKey ? outKey(g.items[0]) : g.key, g.items));
    },
  ),
  dictsort: pyFilter('do_dictsort', ['value', ['case_sensitive', false], ['by', 'key'], ['reverse', false]], 0, (ctx, value, cs, by, reverse) => {
    let pos: number;
    if (eq(by, 'key')) pos = 0;
    else if (eq(by, 'value')) pos = 1;
    else throw pyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
    const items = iterate(callMethod(value, 'items', [], new Map(), ctx));
    const keys = items.map((it) => {
      const v = (it as readonly Value[])[pos];
      return truthy(cs) ? v : ignoreCase(v);
    });
    return sortIndexes(keys, reverseFlag(reverse)).map((i) => items[i]);
  }),
  items: pyFilter('do_items', ['value'], 0, (ctx, value) =>
    generator('do_items', (function* () {
      if (value instanceof Undefined) return;
      if (!(value instanceof Map)) throw pyError('TypeError', 'Can only get item pairs from a mapping.');
      yield* iter(callMethod(value, 'items', [], new Map(), ctx));
    })()),
  ),
  attr: pyFilter('do_attr', ['environment', 'obj', 'name'], 1, (ctx, obj, name) => {
    if (!isStr(name)) throw pyError('TypeError', `attribute name must be string, not '${pyTypeName(name)}'`);
    const v = getAttribute(obj, strOf(name));
    return v === MISSING ? ctx.env.undefined(undefined, obj, name) : v;
  }),
  default: pyFilter('do_default', ['value', ['default_value', ''], ['boolean', false]], 0, (_ctx, value, dflt, boolean) =>
    value instanceof Undefined || (truthy(boolean) && !truthy(value)) ? dflt : value,
  ),
};
mapFilters['d'] = mapFilters['default']!;

/** groupby's (grouper, list) named tuple. */
function groupTuple(grouper: Value, list: Value[]): readonly Value[] {
  return namedTuple(['grouper', 'list'], [grouper, list]);
}

