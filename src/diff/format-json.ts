// `-o json`: the whole result as data, for CI tools. Object YAML is left out (the diff carries what changed).
import { statusCounts } from './compare.js';
import type { DiffResult } from './result.js';

export function formatJson(r: DiffResult): string {
  const doc = {
    from: r.from,
    to: r.to,
    summary: { ...statusCounts(r.objects), kustomizations: new Set(r.objects.map((o) => o.owner)).size, failed: r.kustomizations.filter((k) => k.failure).length, skipped: r.skipped },
    kustomizations: r.kustomizations,
    // not compared: failing to build on a side (or below one that does)
    failed: r.kustomizations.filter((k) => k.failure).map((k) => ({ kustomization: k.id, path: k.path, ...k.failure })),
    objects: r.objects.map((o) => ({
      kustomization: o.owner,
      status: o.status,
      apiVersion: o.id.apiVersion,
      kind: o.id.kind,
      namespace: o.id.namespace,
      name: o.id.name,
      fields: o.fields,
      diff: o.diff,
      ...(o.origin ? { file: o.origin.file, line: o.origin.line } : {}),
    })),
    notes: r.notes,
    findings: r.findings,
    ok: r.ok,
    stats: r.stats,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
