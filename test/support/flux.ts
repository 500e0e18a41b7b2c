// Flux objects as YAML text, for tests that write a repository into memory.

/**
 * A Flux Kustomization (flux-system namespace by default) applying `path` from the GitRepository flux-system; `extra`
 * is appended as written (more `spec` fields, two-space indented). `sourceNamespace` adds `sourceRef.namespace`.
 */
export function fluxKs(name: string, path: string, extra = '', opts: { namespace?: string; sourceNamespace?: string } = {}): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: ${opts.namespace ?? 'flux-system'}
spec:
  interval: 1h
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${opts.sourceNamespace ? `    namespace: ${opts.sourceNamespace}\n` : ''}${extra}`;
}
