// A PersistentVolumeClaim referred to (existingClaim in chart values, claimName in volumes) that nothing defines in
// its namespace: the pod stays Pending ("persistentvolumeclaim ... not found").
import { missingReferences } from '../missing-refs.js';
import type { Rule } from '../rule.js';

export const pvcMissing: Rule = {
  code: 'pvc-missing',
  severity: 'error',
  description: 'a PersistentVolumeClaim is referred to (existingClaim, claimName) that nothing in its namespace defines',
  scope: 'repository',
  run(model) {
    return missingReferences(
      model,
      pvcMissing,
      'PersistentVolumeClaim',
      (ref) => `add a PersistentVolumeClaim named ${ref.name} in namespace ${ref.namespace} (e.g. a pvc.yaml listed in the app's kustomization, or a volume component), or fix the ${ref.via}`,
    );
  },
};
