// `labels:`, `commonLabels:` and `commonAnnotations:` — set string entries in every map the field specs reach.
import { KustomizeError } from '../errors.js';
import { applyFieldSpec } from '../fieldspec.js';
import type { ResMap } from '../resmap.js';
import type { FieldSpec } from '../types.js';
import { isMap, setKey, typeName } from '../value.js';

export function applyStringMap(m: ResMap, entries: Record<string, string>, specs: FieldSpec[]): void {
  const keys = Object.keys(entries).sort();
  if (keys.length === 0) return;
  for (const r of m.list) {
    for (const k of keys) {
      for (const fs of specs) {
        applyFieldSpec(
          r.obj,
          fs,
          (holder, key) => {
            const target = holder[key];
            if (target === null) return; // kyaml leaves a null map alone unless the spec created it
            if (!isMap(target)) throw new KustomizeError(`expected a map at '${fs.path}', found ${typeName(target)}`);
            setKey(target, k, entries[k] as string);
          },
          'map',
        );
      }
    }
  }
}
