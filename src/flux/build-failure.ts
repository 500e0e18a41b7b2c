// How a kustomize build that threw is reported (the single Kustomization build and `build path` share this).
import type { Finding } from '../core/finding.js';

/**
 * A kustomize build that threw, as a finding without location: `remote-resource` (a warning with the URL as data)
 * when it needs the network, which hops never uses; `kustomize-build-failed` otherwise.
 */
export function engineFailure(e: unknown): Pick<Finding, 'code' | 'severity' | 'message'> & Partial<Finding> {
  const message = e instanceof Error ? e.message : String(e);
  const hint = (e as { hint?: unknown } | null)?.hint;
  // the kustomize loader's words for a URL it will not fetch (src/kustomize/loader.ts)
  const remote = /'([^']+)' is a remote (?:resource|base); hops does not fetch over the network/.exec(message);
  if (remote) {
    return { code: 'remote-resource', severity: 'warning', message: `kustomize build failed: ${message}`, data: { url: remote[1]! }, ...(typeof hint === 'string' ? { hint } : {}) };
  }
  return { code: 'kustomize-build-failed', severity: 'error', message: `kustomize build failed: ${message}`, ...(typeof hint === 'string' ? { hint } : {}) };
}
