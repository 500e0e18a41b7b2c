// Python slice objects and index normalisation.
import type { Value } from '../runtime/values.js';
import { MISSING, pyError } from '../runtime/values.js';
import type { PyObject } from './protocol.js';
import { repr } from './repr.js';

const BIG = 2 ** 62;

/** A slice index (None, int, bool) as a JS number, clamped like Py_ssize_t; null for None. */
function sliceIndex(v: Value): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v > BigInt(BIG) ? BIG : v < BigInt(-BIG) ? -BIG : Number(v);
  throw pyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

export class PySlice implements PyObject {
  static pyQualName = 'slice';
  constructor(
    readonly start: Value,
    readonly stop: Value,
    readonly step: Value,
  ) {}

  /** slice.indices(length): concrete start, stop, step and the number of items selected. */
  indices(length: number): { start: number; stop: number; step: number; count: number } {
    const stepIdx = sliceIndex(this.step);
    const step = stepIdx ?? 1;
    if (step === 0) throw pyError('ValueError', 'slice step cannot be zero');
    const startIdx = sliceIndex(this.start);
    const stopIdx = sliceIndex(this.stop);
    const clamp = (i: number | null, dflt: number): number => {
      if (i === null) return dflt;
      if (i < 0) {
        i += length;
        if (i < 0) i = step < 0 ? -1 : 0;
      } else if (i >= length) i = step < 0 ? length - 1 : length;
      return i;
    };
    const start = clamp(startIdx, step < 0 ? length - 1 : 0);
    const stop = clamp(stopIdx, step < 0 ? -1 : length);
    let count = 0;
    if (step < 0) {
      if (stop < start) count = Math.floor((start - stop - 1) / -step) + 1;
    } else if (start < stop) count = Math.floor((stop - start - 1) / step) + 1;
    return { start, stop, step, count };
  }

  /** The selected items of a sequence. */
  apply<T>(items: readonly T[]): T[] {
    const { start, step, count } = this.indices(items.length);
    if (step === 1) return items.slice(start, start + count);
    const out: T[] = [];
    for (let i = 0, j = start; i < count; i++, j += step) out.push(items[j]!);
    return out;
  }

  __repr__(): string {
    return `slice(${repr(this.start)}, ${repr(this.stop)}, ${repr(this.step)})`;
  }
  /** Slices are unhashable before Python 3.12, so `d[1:]` on a dict is `unhashable type: 'slice'`. */
  __hash__(): string {
    throw pyError('TypeError', "unhashable type: 'slice'");
  }
  __eq__(o: Value): boolean {
    return o instanceof PySlice && repr(o) === repr(this);
  }
  __getattr__(name: string): Value | typeof MISSING {
    if (name === 'start') return this.start;
    if (name === 'stop') return this.stop;
    if (name === 'step') return this.step;
    return MISSING;
  }
}

/** The slice object for `x[start:stop:step]` (absent parts are None). */
export function makeSlice(start: Value, stop: Value, step: Value): PySlice {
  return new PySlice(start ?? null, stop ?? null, step ?? null);
}
