// Which kinds are cluster-scoped, so that rules compare namespaces only where they matter. kustomize sets a namespace
// on custom resources it does not know, cluster-scoped or not; the API server ignores it for cluster-scoped kinds.
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';

/** Built-in cluster-scoped kinds (Kubernetes 1.35) and those of the CRDs home-ops repositories commonly install. */
const CLUSTER_KINDS = new Set([
  // Kubernetes
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ClusterTrustBundle', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'DeviceClass', 'FlowSchema', 'IngressClass', 'IPAddress',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PriorityClass', 'PriorityLevelConfiguration', 'ResourceSlice', 'RuntimeClass', 'ServiceCIDR',
  'StorageClass', 'StorageVersionMigration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'VolumeAttributesClass',
  // CRDs (scope: Cluster in their upstream definitions)
  'CiliumBGPAdvertisement', 'CiliumBGPClusterConfig', 'CiliumBGPNodeConfig', 'CiliumBGPNodeConfigOverride',
  'CiliumBGPPeerConfig', 'CiliumCIDRGroup', 'CiliumEgressGatewayPolicy', 'CiliumEndpointSlice', 'CiliumIdentity',
  'CiliumL2AnnouncementPolicy', 'CiliumLoadBalancerIPPool', 'CiliumNode', 'CiliumPodIPPool', 'GatewayClass', 'XMesh',
  'VolumeGroupSnapshotClass', 'VolumeGroupSnapshotContent', 'VolumeSnapshotClass', 'VolumeSnapshotContent',
  'NodeFeatureRule', 'ObjectBucket', 'Silence', 'KubernetesUpgrade', 'TalosUpgrade',
]);

/** Kinds named `Cluster<Something>` (ClusterIssuer, ClusterSecretStore, ClusterPolicy, ...) are cluster-scoped. */
const CLUSTER_PREFIX = /^Cluster[A-Z]/;

export class Scopes {
  private readonly fromCrds = new Map<string, boolean>();

  /** Learns the scope of the kinds the repository's own CustomResourceDefinitions define. */
  addCrd(obj: YMap): void {
    const spec = isMap(obj['spec']) ? obj['spec'] : {};
    const names = isMap(spec['names']) ? spec['names'] : {};
    if (typeof names['kind'] === 'string') this.fromCrds.set(names['kind'], spec['scope'] === 'Cluster');
  }

  isClusterScoped(kind: string): boolean {
    const known = this.fromCrds.get(kind);
    if (known !== undefined) return known;
    return CLUSTER_KINDS.has(kind) || CLUSTER_PREFIX.test(kind);
  }
}
