// A namespaced object with no namespace, applied by a Flux Kustomization without targetNamespace: kustomize-controller
// refuses the whole Kustomization ("<Kind>/<name> namespace not specified"). Only kinds known to be namespaced count
// (the repository's CRDs or the schema bundle say so, as for every scope question of the model).
import type { Finding } from '../../core/finding.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

export const namespaceUnset: Rule = {
  code: 'namespace-unset',
  severity: 'error',
  description: 'a namespaced object without a namespace, applied by a Flux Kustomization without targetNamespace',
  scope: 'repository',
  run(model) {
    const out: Finding[] = [];
    for (const r of model.resources) {
      if (r.namespace || r.unit === undefined || !model.scopes.isNamespaced(r.kind, r.apiVersion)) continue;
      out.push(
        fieldFinding(
          model,
          namespaceUnset,
          r,
          ['metadata'],
          `${describe({ ...r, namespace: '' })} has no namespace and Kustomization ${r.unit} sets no targetNamespace: Flux refuses to apply it ("namespace not specified")`,
          `set metadata.namespace, a namespace: in the kustomization, or spec.targetNamespace of Kustomization ${r.unit}`,
        ),
      );
    }
    return out;
  },
};
