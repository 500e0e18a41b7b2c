// A ConfigMap referred to (valuesFrom, envFrom, configMapKeyRef, volumes, chart values, ExternalSecret templateFrom)
// that nothing in its namespace creates (no ConfigMap object or configMapGenerator).
import { missingReferences } from '../missing-refs.js';
import type { Rule } from '../rule.js';

export const configMapMissing: Rule = {
  code: 'configmap-missing',
  severity: 'error',
  description: 'a ConfigMap is referred to that nothing in its namespace creates (ConfigMap or configMapGenerator)',
  scope: 'repository',
  run(model) {
    return missingReferences(
      model,
      configMapMissing,
      'ConfigMap',
      (ref) => `create ConfigMap ${ref.name} in namespace ${ref.namespace} (a ConfigMap or a configMapGenerator with disableNameSuffixHash), or fix the name`,
    );
  },
};
