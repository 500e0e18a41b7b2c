// Methods of dict and the dict views (dict_keys / dict_values / dict_items).
import type { CallContext, Value } from '../runtime/values.js';
import { Undefined, isTuple, pyError, tuple } from '../runtime/values.js';
import { noArgs, positionalArgs } from './bind.js';
import { eq } from './compare.js';
import { dictDelete, dictGet, dictHas, dictSet, hashKey } from './dict-keys.js';
import { pyIterator } from './iterator.js';
import type { PyObject } from './protocol.js';
import { repr } from './repr.js';
import { iter, iterate } from './sequence.js';
import type { Method } from './list-methods.js';
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

