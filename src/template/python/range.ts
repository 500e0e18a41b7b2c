// Python's range object (the `range` global): lazy, indexable, prints as `range(0, 3)`.
import type { Value } from '../runtime/values.js';
import { MISSING, pyCallable, pyError, pyTypeName } from '../runtime/values.js';
import { oneArg } from './bind.js';
import { repr } from './repr.js';
import type { PyObject } from './protocol.js';
import { PySlice } from './slice.js';
import { intStr } from './repr.js';

export class PyRange implements PyObject {
  static pyQualName = 'range';
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {}

  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start - 1n) / step + 1n : 0n;
    return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
  }
  /** The i-th item (0 <= i < length). */
  at(i: bigint): bigint {
    return this.start + i * this.step;
  }
  *__iter__(): Generator<Value> {
    const n = this.length;
    for (let i = 0n; i < n; i++) yield this.at(i);
  }
  __len__(): number {
    const n = this.length;
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw pyError('OverflowError', 'Python int too large to convert to C ssize_t');
    return Number(n);
  }
  __bool__(): boolean {
    return this.length > 0n;
  }
  __repr__(): string {
    const base = `range(${intStr(this.start)}, ${intStr(this.stop)}`;
    return this.step === 1n ? base + ')' : `${base}, ${intStr(this.step)})`;
  }
  __eq__(o: Value): boolean {
    if (!(o instanceof PyRange)) return false;
    const n = this.length;
    if (n !== o.length) return false;
    if (n === 0n) return true;
    if (this.start !== o.start) return false;
    return n === 1n || this.step === o.step;
  }
  __hash__(): string {
    const n = this.length;
    return `r${n}:${n === 0n ? '' : this.start}:${n <= 1n ? '' : this.step}`;
  }
  /** Index of an int in the range, or -1. */
  indexOf(v: Value): bigint {
    const k = typeof v === 'boolean' ? BigInt(v) : typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
    if (k === null) return -1n;
    const off = k - this.start;
    if (off % this.step !== 0n) return -1n;
    const i = off / this.step;
    return i >= 0n && i < this.length ? i : -1n;
  }
  __contains__(v: Value): boolean {
    return this.indexOf(v) >= 0n;
  }
  __getattr__(name: string): Value | typeof MISSING {
    switch (name) {
      case 'start':
        return this.start;
      case 'stop':
        return this.stop;
      case 'step':
        return this.step;
      case 'count':
        return pyCallable('count', (a, k) => {
          const x = oneArg('range.count', a, k);
          return this.indexOf(x) >= 0n ? 1n : 0n;
        });
      case 'index':
        return pyCallable('index', (a, k) => {
          const x = oneArg('range.index', a, k);
          const i = this.indexOf(x);
          if (i < 0n) throw pyError('ValueError', `${repr(x)} is not in range`);
          return i;
        });
    }
    return MISSING;
  }
  __getitem__(key: Value): Value | typeof MISSING {
    if (key instanceof PySlice) {
      const n = this.length;
      const len = n > BigInt(2 ** 53) ? 2 ** 53 : Number(n);
      const { start, stop, step } = key.indices(len);
      return new PyRange(this.at(BigInt(start)), this.at(BigInt(stop)), this.step * BigInt(step));
    }
    if (typeof key === 'bigint' || typeof key === 'boolean') {
      let i = BigInt(key);
      if (i < 0n) i += this.length;
      if (i < 0n || i >= this.length) throw pyError('IndexError', 'range object index out of range');
      return this.at(i);
    }
    throw pyError('TypeError', `range indices must be integers or slices, not ${pyTypeName(key)}`);
  }
}

/** range(stop) / range(start, stop[, step]) with Python's argument errors. */
export function makeRange(args: Value[]): PyRange {
  if (args.length === 0) throw pyError('TypeError', 'range expected at least 1 argument, got 0');
  if (args.length > 3) throw pyError('TypeError', `range expected at most 3 arguments, got ${args.length}`);
  const ints = args.map(indexArg);
  if (ints.length === 1) return new PyRange(0n, ints[0]!, 1n);
  const step = ints[2] ?? 1n;
  if (step === 0n) throw pyError('ValueError', 'range() arg 3 must not be zero');
  return new PyRange(ints[0]!, ints[1]!, step);
}

function indexArg(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw pyError('TypeError', `'${pyTypeName(v)}' object cannot be interpreted as an integer`);
}
