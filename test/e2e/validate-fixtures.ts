// In-memory repositories for the rule tests: a root Flux Kustomization (flux-system/cluster-apps) applies ./apps, which
// has no kustomization.yaml, so every YAML file under it is applied; a Namespace `apps` is there already.
import { MemoryFS } from '../../src/io/fs.js';
import type { Finding } from '../../src/core/finding.js';
import { validate } from '../../src/validate/validate.js';
import type { ValidateOptions, ValidateResult } from '../../src/validate/validate.js';

export const ROOT = '/repo';

export function ks(name: string, path: string, extra = '', namespace = 'flux-system'): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  interval: 1h
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
${extra}`;
}

const BASE: Record<string, string> = {
  'flux/cluster/ks.yaml': ks('cluster-apps', './apps'),
  'apps/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n',
};

/** Files relative to the repository root, on top of the base layout. */
export function repo(files: Record<string, string>): MemoryFS {
  const all = { ...BASE, ...files };
  return new MemoryFS(Object.fromEntries(Object.entries(all).map(([p, text]) => [`${ROOT}/${p}`, text])));
}

export async function run(files: Record<string, string>, opts: Partial<ValidateOptions> = {}): Promise<ValidateResult> {
  return validate({ root: ROOT, fs: repo(files), noSchemas: true, chartCacheDir: null, cacheDir: null, ...opts });
}

export function only(r: ValidateResult, code: string): Finding[] {
  return r.findings.filter((f) => f.code === code);
}

/** Every finding at warning or error level, as `code file:line`, for "nothing else" assertions. */
export function problems(r: ValidateResult): string[] {
  return r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.file}:${f.line}`);
}

export const hr = (name: string, values: string, extra = ''): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: apps
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: app-template
${extra}  values:
${values}`;

export const appTemplate = `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: app-template
  namespace: apps
spec:
  interval: 1h
  ref:
    tag: 4.4.0
  url: oci://ghcr.io/bjw-s-labs/helm/app-template
`;
