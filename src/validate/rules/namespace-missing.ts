// Objects applied into a namespace that nothing creates: the apply fails ("namespaces ... not found"). Namespaces
// come from Namespace objects anywhere in the repository, HelmReleases with install.createNamespace, Kubernetes
// itself (default, kube-*), and Flux bootstrap (flux-system).
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import { absence } from '../absence.js';
import { helmReleases } from '../helm.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const BUILT_IN = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'flux-system'];

export const namespaceMissing: Rule = {
  code: 'namespace-missing',
  severity: 'error',
  description: 'objects are applied into a namespace that no Namespace object (or HelmRelease createNamespace) creates',
  scope: 'repository',
  run(model) {
    const created = new Set(BUILT_IN);
    for (const r of model.byKind('Namespace')) if (r.group === '') created.add(r.name);
    for (const h of helmReleases(model)) {
      const install = isMap(h.resource.object['spec']) ? h.resource.object['spec']['install'] : undefined;
      if (isMap(install) && install['createNamespace'] === true) created.add(h.namespace);
    }
    const out: Finding[] = [];
    const reported = new Set<string>();
    for (const r of model.resources) {
      if (r.clusterScoped || !r.namespace || created.has(r.namespace) || r.namespace.includes('${')) continue;
      const key = `${r.unit ?? ''}|${r.namespace}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const count = model.resources.filter((x) => x.unit === r.unit && x.namespace === r.namespace && !x.clusterScoped).length;
      const { severity, note } = absence(model, r.namespace);
      out.push(
        fieldFinding(
          model,
          namespaceMissing,
          r,
          ['metadata', 'namespace'],
          `${describe(r)}${count > 1 ? ` and ${count - 1} more object${count > 2 ? 's' : ''}` : ''}${r.unit ? ` of Kustomization ${r.unit}` : ''} go into namespace ${r.namespace}, which nothing creates${note}`,
          `add a Namespace ${r.namespace} (e.g. namespace.yaml in the namespace's kustomization), or fix the namespace / targetNamespace`,
          severity,
        ),
      );
    }
    return out;
  },
};
