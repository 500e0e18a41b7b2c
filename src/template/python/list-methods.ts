// Methods of list and tuple.
import type { CallContext, Value } from '../runtime/values.js';
import { pyError } from '../runtime/values.js';
import { indexArg } from './args.js';
import { NOT_GIVEN, clinicArgs, noArgs, oneArg, positionalArgs } from './bind.js';
import { eq } from './compare.js';
import { repr } from './repr.js';
import { iterate } from './sequence.js';
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

