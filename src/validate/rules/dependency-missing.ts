// dependsOn naming a Flux Kustomization or HelmRelease that does not exist: Flux waits for it forever
// ("dependency ... not found"). The bootstrap Kustomization (flux-system, or a FluxInstance's sync) is taken to exist.
import type { Finding } from '../../core/finding.js';
import { absence } from '../absence.js';
import { createdByFluxInstance } from '../flux-instance.js';
import { dependsOnGraphs } from '../depends-on.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

export const dependencyMissing: Rule = {
  code: 'dependency-missing',
  severity: 'error',
  description: 'dependsOn names a Flux Kustomization or HelmRelease that is not defined',
  scope: 'repository',
  run(model) {
    const out: Finding[] = [];
    for (const g of dependsOnGraphs(model)) {
      for (const e of g.edges) {
        if (g.nodes.has(e.toKey) || e.toKey.includes('${')) continue;
        const ns = e.toKey.slice(0, e.toKey.indexOf('/'));
        const name = e.toKey.slice(e.toKey.indexOf('/') + 1);
        if (g.kind === 'Kustomization' && (e.toKey === 'flux-system/flux-system' || createdByFluxInstance(model, 'Kustomization', ns, name))) continue;
        const { severity, note } = absence(model, name);
        out.push(
          fieldFinding(
            model,
            dependencyMissing,
            e.from,
            e.path,
            `${describe(e.from)} depends on ${g.kind} ${e.toKey}, which is not defined${note}; Flux will wait for it forever`,
            `fix the dependsOn name (and namespace: it defaults to the ${g.kind}'s own), or remove the entry`,
            severity,
          ),
        );
      }
    }
    return out;
  },
};
