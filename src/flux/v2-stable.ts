// Flux re-reads every resource it substituted (kustomize's YAML → envsubst → go-yaml v2), even when envsubst left
// the text as it was. That trip is not always the identity: it sorts map keys, turns a string that v2 types (in
// theory) into a bool or number, turns integral numbers beyond 2^53 into bigints and -0 into 0, replaces broken
// surrogates, folds NEL, fails on non-finite numbers. This module answers, without writing or parsing, what the
// trip gives back when it cannot change any value — a copy with keys in v2's order — and `undefined` when it
// might (then the caller makes the real trip).
import type { YMap, YValue } from '../core/resource.js';
import { sortKeysV2 } from '../io/go-format.js';
import { resolvePlainV2, v2NeedsQuotes } from '../io/scalar-rules.js';
import { checkString } from '../io/yaml-write-scalars.js';

class Unstable extends Error {}
const UNSTABLE = new Unstable();

/** Whether a string comes back from the writer and the v2 reader unchanged. */
function stableString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    // beyond ASCII the writer may fail or rewrite (control characters, NEL, broken surrogates)
    if (s.charCodeAt(i) >= 0x7f) {
      try {
        if (checkString(s, []) !== s) return false;
      } catch {
        return false;
      }
      break;
    }
  }
  // a string the writer leaves plain is typed by the reader
  if (v2NeedsQuotes(s)) return true;
  return typeof resolvePlainV2(s) === 'string';
}

function copy(v: YValue | undefined, depth: number): YValue {
  if (depth > 500) throw UNSTABLE; // the reader gives up at this depth; let it say so
  switch (typeof v) {
    case 'string':
      if (!stableString(v)) throw UNSTABLE;
      return v;
    case 'boolean':
      return v;
    case 'number':
      // non-finite: the writer fails; -0 reads back as 0; integers past 2^53 read back as bigints
      if (!Number.isFinite(v) || Object.is(v, -0) || (Number.isInteger(v) && !Number.isSafeInteger(v))) throw UNSTABLE;
      return v;
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) {
        const out: YValue[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = copy(v[i], depth + 1);
        return out;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) throw UNSTABLE;
      const keys = sortKeysV2(Object.keys(v));
      const out: YMap = {};
      for (const k of keys) {
        if (k === '__proto__' || !stableString(k)) throw UNSTABLE;
        out[k] = copy(v[k], depth + 1);
      }
      return out;
    }
    default:
      // bigint (its range decides what comes back), undefined (dropped or null), anything else
      throw UNSTABLE;
  }
}

/**
 * What `readV2(stringifyYaml(object))` returns, when that is certain to equal `object` up to key order; undefined
 * when the trip might change a value or fail.
 */
export function v2RoundTrip(object: YMap): YMap | undefined {
  try {
    return copy(object, 0) as YMap;
  } catch (e) {
    if (e instanceof Unstable) return undefined;
    throw e;
  }
}

/** Whether any string of the object (keys included) holds a `$`: without one, envsubst has nothing to do. */
export function mentionsDollar(v: YValue | undefined): boolean {
  if (typeof v === 'string') return v.includes('$');
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(mentionsDollar);
  for (const k in v) if (k.includes('$') || mentionsDollar(v[k])) return true;
  return false;
}
