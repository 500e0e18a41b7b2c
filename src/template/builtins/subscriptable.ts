// Does a value have __getitem__ (test_sequence's second check)?
import type { Value } from '../runtime/values.js';
import { Markup, Undefined } from '../runtime/values.js';
import { asPyObject } from '../python/protocol.js';

export function isSubscriptable(v: Value): boolean {
  if (typeof v === 'string' || v instanceof Markup || Array.isArray(v) || v instanceof Map || v instanceof Undefined) return true;
  return typeof asPyObject(v)?.__getitem__ === 'function';
}
