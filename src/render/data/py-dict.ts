// Python dict assignment on a Map for data keys: 1, 1.0 and True are one key in Python; the first key object
// inserted stays (with its position), the value is replaced.
import type { Value } from '../../template/runtime/values.js';

function numericKey(k: Value): string | null {
  if (typeof k === 'boolean') return k ? '1' : '0';
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'number' && Number.isInteger(k)) return BigInt(k).toString();
  return null;
}

export function setKey(m: Map<Value, Value>, key: Value, value: Value): void {
  if (m.has(key)) {
    m.set(key, value);
    return;
  }
  const n = numericKey(key);
  if (n !== null) {
    for (const k of m.keys()) {
      if (numericKey(k) === n) {
        m.set(k, value);
        return;
      }
    }
  }
  m.set(key, value);
}
