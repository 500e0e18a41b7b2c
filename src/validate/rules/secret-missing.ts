// A Secret referred to (HelmRelease valuesFrom, pod envFrom/secretKeyRef/volumes, chart values such as existingSecret
// or app-template's envFrom, Gateway certificateRefs, issuers, CloudNativePG) that nothing creates in its namespace:
// no Secret or SOPS file, no ExternalSecret target, no Certificate secretName, no operator that makes it.
import { missingReferences } from '../missing-refs.js';
import type { Rule } from '../rule.js';

export const secretMissing: Rule = {
  code: 'secret-missing',
  severity: 'error',
  description: 'a Secret is referred to that nothing in its namespace creates (Secret, SOPS file, ExternalSecret, Certificate, ...)',
  scope: 'repository',
  run(model) {
    return missingReferences(
      model,
      secretMissing,
      'Secret',
      (ref) => `create Secret ${ref.name} in namespace ${ref.namespace} (an ExternalSecret with target.name ${ref.name}, a SOPS-encrypted Secret, ...) and list it in the app's kustomization, or fix the name`,
    );
  },
};
