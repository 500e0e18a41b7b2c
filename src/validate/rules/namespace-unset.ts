// A namespaced object with no namespace, applied by a Flux Kustomization without targetNamespace: kustomize-controller
// refuses the whole Kustomization ("<Kind>/<name> namespace not specified"). Only kinds known to be namespaced count.
import type { Finding } from '../../core/finding.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const NAMESPACED = new Set([
  'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'PersistentVolumeClaim', 'Pod', 'Deployment', 'StatefulSet',
  'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Ingress', 'NetworkPolicy', 'Role', 'RoleBinding', 'Endpoints',
  'EndpointSlice', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'LimitRange', 'ResourceQuota',
  'HelmRelease', 'Kustomization', 'GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmChart', 'Alert',
  'Provider', 'Receiver', 'ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation',
  'ExternalSecret', 'SecretStore', 'PushSecret', 'Certificate', 'Issuer', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute',
  'TLSRoute', 'Gateway', 'ReferenceGrant', 'ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'ScaledObject',
]);

export const namespaceUnset: Rule = {
  code: 'namespace-unset',
  severity: 'error',
  description: 'a namespaced object without a namespace, applied by a Flux Kustomization without targetNamespace',
  scope: 'repository',
  run(model) {
    const out: Finding[] = [];
    for (const r of model.resources) {
      if (r.namespace || r.unit === undefined || !NAMESPACED.has(r.kind) || model.scopes.isClusterScoped(r.kind)) continue;
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
