// Kustomizations defined twice under one key with different paths: a repository with several clusters.
import type { Finding } from '../core/finding.js';
import { ksKey } from './model.js';
import type { FluxKustomization } from './model.js';

/** One note per later definition whose path differs from the first's (only the first is built). */
export function duplicateKustomizations(raw: readonly FluxKustomization[]): Finding[] {
  const out: Finding[] = [];
  const byKey = new Map<string, FluxKustomization>();
  for (const k of raw) {
    const first = byKey.get(ksKey(k));
    if (!first) byKey.set(ksKey(k), k);
    else if (k.namespaceSet && first.path !== k.path) {
      out.push({
        code: 'duplicate-kustomization',
        severity: 'info',
        message: `Kustomization ${ksKey(k)} is defined in ${first.origin.file} and ${k.origin.file} with different paths; only one is built`,
        file: k.origin.file,
        line: k.origin.line,
        data: { key: ksKey(k), files: [first.origin.file, k.origin.file] },
        hint: 'a repository with several clusters: build each one with --entry <cluster dir>',
      });
    }
  }
  return out;
}
