// Methods of list, tuple and dict, and the dict views (dict_keys / dict_values / dict_items).
import type { CallContext, Value } from '../runtime/values.js';
import { Undefined, isTuple, pyError, tuple } from '../runtime/values.js';
import { indexArg } from './args.js';
import { NOT_GIVEN, clinicArgs, noArgs, oneArg, positionalArgs } from './bind.js';
import { eq } from './compare.js';
import { dictDelete, dictGet, dictHas, dictSet, hashKey } from './dict-keys.js';
import { pyIterator } from './iterator.js';
import type { PyObject } from './protocol.js';
import { repr } from './repr.js';
import { iter, iterate } from './sequence.js';
import { sortIndexes } from './sort.js';

type Args = readonly Value[];
type Kw = ReadonlyMap<string, Value>;
export type Method<T> = (self: T, args: Args, kwargs: Kw, ctx: CallContext) => Value;

/** list.index / tuple.index bounds: ints only (None is refused, unlike str methods). */
function boundArg(v: Value | undefined, dflt: number, n: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'bigint' && typeof v !== 'boolean') {
    throw pyError('TypeError', 'slice indices must be integers or have an __index__ method');
  }
  let i = Number(v);
  if (i < 0) i = Math.max(0, i + n);
  return Math.min(i, n);
}

function seqIndex(kind: 'list' | 'tuple', self: readonly Value[], a: Args, k: Kw): Value {
  positionalArgs(`${kind}.index`, 1, 3, a, k);
  const start = boundArg(a[1], 0, self.length);
  const stop = boundArg(a[2], self.length, self.length);
  for (let i = start; i < stop; i++) if (self[i] === a[0] || eq(self[i], a[0])) return BigInt(i);
  if (kind === 'tuple') throw pyError('ValueError', 'tuple.index(x): x not in tuple');
  throw pyError('ValueError', `${repr(a[0])} is not in list`);
}

function seqCount(kind: string, self: readonly Value[], a: Args, k: Kw): Value {
  const x = oneArg(`${kind}.count`, a, k);
  let n = 0n;
  for (const v of self) if (v === x || eq(v, x)) n++;
  return n;
}

export const TUPLE_METHODS: Record<string, Method<readonly Value[]>> = {
  index: (s, a, k) => seqIndex('tuple', s, a, k),
  count: (s, a, k) => seqCount('tuple', s, a, k),
};

export const LIST_METHODS: Record<string, Method<Value[]>> = {
  append: (s, a, k) => {
    s.push(oneArg('list.append', a, k));
    return null;
  },
  extend: (s, a, k) => {
    s.push(...iterate(oneArg('list.extend', a, k)));
    return null;
  },
  insert: (s, a, k) => {
    positionalArgs('list.insert', 2, 2, a, k);
    let i = indexArg(a[0]);
    if (i < 0) i = Math.max(0, i + s.length);
    s.splice(Math.min(i, s.length), 0, a[1]);
    return null;
  },
  pop: (s, a, k) => {
    positionalArgs('list.pop', 0, 1, a, k);
    let i = a.length ? indexArg(a[0]) : -1;
    if (s.length === 0) throw pyError('IndexError', 'pop from empty list');
    if (i < 0) i += s.length;
    if (i < 0 || i >= s.length) throw pyError('IndexError', 'pop index out of range');
    return s.splice(i, 1)[0];
  },
  remove: (s, a, k) => {
    const x = oneArg('list.remove', a, k);
    const i = s.findIndex((v) => v === x || eq(v, x));
    if (i < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
    s.splice(i, 1);
    return null;
  },
  index: (s, a, k) => seqIndex('list', s, a, k),
  count: (s, a, k) => seqCount('list', s, a, k),
  reverse: (s, a, k) => {
    noArgs('list.reverse', a, k);
    s.reverse();
    return null;
  },
  copy: (s, a, k) => {
    noArgs('list.copy', a, k);
    return s.slice();
  },
  clear: (s, a, k) => {
    noArgs('list.clear', a, k);
    s.length = 0;
    return null;
  },
  sort: (s, a, k, ctx) => {
    const [keyFn, rev] = clinicArgs('sort', [], ['key', 'reverse'], 0, a, k);
    const reverse = rev === NOT_GIVEN ? false : indexArg(rev) !== 0;
    const items = s.slice();
    const keys = keyFn === NOT_GIVEN || keyFn === null ? items : items.map((x) => ctx.env.call(keyFn, [x], new Map(), ctx));
    const order = sortIndexes(keys, reverse);
    const sorted = order.map((i) => items[i]);
    s.splice(0, s.length, ...sorted);
    return null;
  },
};

// ---------------------------------------------------------------------------------------------------------------

export class DictView implements PyObject {
  constructor(
    readonly kind: 'keys' | 'values' | 'items',
    readonly dict: Map<Value, Value>,
  ) {}
  items(): Value[] {
    if (this.kind === 'keys') return [...this.dict.keys()];
    if (this.kind === 'values') return [...this.dict.values()];
    return [...this.dict].map(([key, v]) => tuple([key, v]));
  }
  __iter__(): Iterable<Value> {
    return this.items();
  }
  __len__(): number {
    return this.dict.size;
  }
  __repr__(): string {
    return `dict_${this.kind}([${this.items().map((x) => repr(x)).join(', ')}])`;
  }
  __contains__(x: Value): boolean {
    if (this.kind === 'keys') return dictHas(this.dict, x);
    if (this.kind === 'values') return this.items().some((v) => v === x || eq(v, x));
    if (!isTuple(x) || x.length !== 2) return false;
    const none = Symbol();
    const v = dictGet(this.dict, x[0], none);
    return v !== none && (v === x[1] || eq(v, x[1]));
  }
  __eq__(o: Value): boolean {
    if (this.kind === 'values' || !(o instanceof DictView) || o.kind !== this.kind) return this === o;
    return this.__len__() === o.__len__() && o.items().every((x) => this.__contains__(x));
  }
  /** reversed(view) */
  reversed(): Value {
    return pyIterator(`dict_reverse${this.kind === 'keys' ? 'key' : this.kind === 'values' ? 'value' : 'item'}iterator`, this.items().reverse());
  }
}
// Python type names for messages (`object of type 'dict_items' …`)
const viewClasses = {
  keys: class extends DictView { static pyQualName = 'dict_keys'; },
  values: class extends DictView { static pyQualName = 'dict_values'; },
  items: class extends DictView { static pyQualName = 'dict_items'; },
};
export const dictView = (kind: 'keys' | 'values' | 'items', d: Map<Value, Value>): DictView => new viewClasses[kind](kind, d);

/** dict.update / dict() positional argument: a mapping or an iterable of pairs. */
export function updateDict(d: Map<Value, Value>, other: Value, ctx: CallContext): void {
  // hasattr(other, 'keys') on an Undefined raises (or, chainable, finds a `keys` that raises when called)
  if (other instanceof Undefined) other.fail();
  if (other instanceof Map) {
    for (const [k, v] of other) dictSet(d, k, v);
    return;
  }
  const keys = typeof other === 'object' && other !== null ? (other as { keys?: unknown }).keys : undefined;
  if (typeof keys === 'function' && !Array.isArray(other)) {
    for (const k of iterate(ctx.env.call(keys.bind(other), [], new Map(), ctx))) dictSet(d, k, ctx.env.getitem(other, k));
    return;
  }
  let i = 0;
  for (const item of iter(other)) {
    let pair: Value[];
    try {
      pair = iterate(item);
    } catch {
      throw pyError('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    }
    if (pair.length !== 2) {
      throw pyError('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    }
    dictSet(d, pair[0], pair[1]);
    i++;
  }
}

export const DICT_METHODS: Record<string, Method<Map<Value, Value>>> = {
  keys: (d, a, k) => (noArgs('dict.keys', a, k), dictView('keys', d)),
  values: (d, a, k) => (noArgs('dict.values', a, k), dictView('values', d)),
  items: (d, a, k) => (noArgs('dict.items', a, k), dictView('items', d)),
  get: (d, a, k) => {
    positionalArgs('dict.get', 1, 2, a, k);
    hashKey(a[0]);
    return dictGet(d, a[0], a.length > 1 ? a[1] : null);
  },
  pop: (d, a, k) => {
    positionalArgs('dict.pop', 1, 2, a, k);
    const none = Symbol();
    const v = dictGet(d, a[0], none);
    if (v === none) {
      hashKey(a[0]);
      if (a.length > 1) return a[1];
      throw pyError('KeyError', repr(a[0]));
    }
    dictDelete(d, a[0]);
    return v;
  },
  popitem: (d, a, k) => {
    noArgs('dict.popitem', a, k);
    const last = [...d.keys()].pop();
    if (d.size === 0) throw pyError('KeyError', "'popitem(): dictionary is empty'");
    const v = d.get(last);
    d.delete(last);
    return tuple([last, v]);
  },
  setdefault: (d, a, k) => {
    positionalArgs('dict.setdefault', 1, 2, a, k);
    const none = Symbol();
    const v = dictGet(d, a[0], none);
    if (v !== none) return v;
    const dflt = a.length > 1 ? a[1] : null;
    dictSet(d, a[0], dflt);
    return dflt;
  },
  update: (d, a, k, ctx) => {
    if (a.length > 1) throw pyError('TypeError', `update expected at most 1 argument, got ${a.length}`);
    if (a.length) updateDict(d, a[0], ctx);
    for (const [name, v] of k) dictSet(d, name, v);
    return null;
  },
  copy: (d, a, k) => (noArgs('dict.copy', a, k), new Map(d)),
  clear: (d, a, k) => {
    noArgs('dict.clear', a, k);
    d.clear();
    return null;
  },
  fromkeys: (_d, a, k) => {
    positionalArgs('dict.fromkeys', 1, 2, a, k);
    const out = new Map<Value, Value>();
    for (const key of iter(a[0])) dictSet(out, key, a.length > 1 ? a[1] : null);
    return out;
  },
};

