// The same object applied by two Flux Kustomizations of one cluster. Different definitions fight: whichever applies
// last wins, on every reconcile. Identical copies (a shared OCIRepository in each app folder) only swap the owner
// labels back and forth, and Flux's garbage collection leaves objects another Kustomization has labelled: a warning.
// Versions do not matter (one object).
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap } from '../../core/resource.js';
import type { ModelResource } from '../model.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

/** The object without what each applying Kustomization adds (owner labels, commonMetadata) or Kubernetes keeps apart. */
function content(obj: YMap): string {
  const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
  const { labels: _l, annotations: _a, ...rest } = meta;
  const { apiVersion: _v, metadata: _m, ...body } = obj;
  return JSON.stringify([rest, body]);
}

export const duplicateResource: Rule = {
  code: 'duplicate-resource',
  severity: 'error',
  description: 'the same object is applied by two Flux Kustomizations of one cluster (they fight over it, prune deletes it)',
  scope: 'repository',
  run(model) {
    const groups = new Map<string, ModelResource[]>();
    for (const r of model.resources) {
      if (r.unit === undefined) continue;
      const key = [r.tree, r.group, r.kind, r.namespace, r.name].join('|');
      const list = groups.get(key);
      if (!list) groups.set(key, [r]);
      else if (!list.some((x) => x.unit === r.unit)) list.push(r);
    }
    const out: Finding[] = [];
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const [first, ...rest] = list as [ModelResource, ...ModelResource[]];
      for (const r of rest) {
        const same = content(r.object) === content(first.object);
        out.push(
          fieldFinding(
            model,
            duplicateResource,
            r,
            ['metadata', 'name'],
            `${describe(r)} is applied by Kustomization ${r.unit} and by Kustomization ${first.unit} (${first.origin.file}:${first.origin.line})${same ? ': identical copies, each Kustomization takes it over on every reconcile' : ' with different content: whichever applies last wins'}`,
            'keep the object in one Kustomization only; the other can dependsOn it',
            same ? 'warning' : 'error',
          ),
        );
      }
    }
    return out;
  },
};
