// `replicas:` — sets spec.replicas of the named workloads.
import { KustomizeError } from '../errors.js';
import { applyFieldSpec } from '../fieldspec.js';
import type { ResMap } from '../resmap.js';
import { gvkSelected } from '../resid.js';
import type { FieldSpec, Replica } from '../types.js';

export function applyReplicas(m: ResMap, replicas: Replica[], specs: FieldSpec[]): void {
  for (const rep of replicas) {
    let found = false;
    for (const fs of specs) {
      const hits = m.matchingAnyId((id) => id.name === rep.name && gvkSelected(id, fs));
      if (hits.length) found = true;
      for (const r of hits) applyFieldSpec(r.obj, fs, (h, k) => void (h[k] = rep.count), 'scalar');
    }
    if (!found) {
      const gvks = specs.map((f) => `${f.kind || '[noKind]'}.${f.version || '[noVer]'}.${f.group || '[noGrp]'}`);
      throw new KustomizeError(
        `resource with name ${rep.name} does not match a config with the following GVK [${gvks.join(' ')}]`,
      );
    }
  }
}
