// `namePrefix:` / `nameSuffix:` — renames resources (not CRDs, APIServices or Namespaces) and remembers the old id so
// references can follow.
import { applyFieldSpec } from '../fieldspec.js';
import type { ResMap } from '../resmap.js';
import { gvkSelected } from '../resid.js';
import type { FieldSpec, Gvk } from '../types.js';
import { scalarText } from '../value.js';

const SKIP: Gvk[] = [
  { group: '', version: '', kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', version: '', kind: 'APIService' },
  { group: '', version: '', kind: 'Namespace' },
];

export function applyAffix(m: ResMap, affix: string, specs: FieldSpec[], where: 'prefix' | 'suffix'): void {
  if (!affix) return;
  for (const r of m.list) {
    const id = r.orgId();
    if (SKIP.some((s) => gvkSelected(id, s))) continue;
    for (const fs of specs) {
      if (!gvkSelected(id, fs)) continue;
      if (fs.path === 'metadata/name') {
        if (where === 'prefix') r.prefixes.push(affix);
        else r.suffixes.push(affix);
        r.storePreviousId();
      }
      applyFieldSpec(
        r.obj,
        fs,
        (holder, key) => {
          const v = scalarText(holder[key]);
          holder[key] = where === 'prefix' ? affix + v : v + affix;
        },
        'scalar',
      );
    }
  }
}
