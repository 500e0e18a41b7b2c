// Counts for the end of a report and for the dashboard: what was checked and how it went.
import type { Finding, ResourceRef } from '../core/finding.js';
import type { ValidationModel } from './model.js';

export interface CheckedResource {
  resource: ResourceRef;
  file: string;
  line?: number;
}

export interface ValidateSummary {
  /** Flux Kustomizations built (0 for plain manifests). */
  kustomizations: number;
  resources: number;
  files: number;
  /** Resources with at least one error-severity finding. */
  invalid: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings per code. */
  codes: Record<string, number>;
  ms: number;
  /** Where the time went: building, schema validation (compiling schemas included), rules. */
  phases: Phases;
}

export interface Phases {
  buildMs: number;
  schemaMs: number;
  rulesMs: number;
}

/** Adds the time `f` takes to `phases[key]`. */
export async function timed<T>(phases: Phases, key: keyof Phases, f: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await f();
  } finally {
    phases[key] += performance.now() - t;
  }
}

const refKey = (r: ResourceRef): string => `${r.apiVersion ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

export function summarize(findings: readonly Finding[], resources: readonly CheckedResource[], models: readonly ValidationModel[], ms: number, phases: Phases): ValidateSummary {
  const codes: Record<string, number> = {};
  for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
  const bad = new Set(findings.filter((f) => f.severity === 'error' && f.resource).map((f) => refKey(f.resource!)));
  return {
    kustomizations: models.reduce((n, m) => n + m.units.length, 0),
    resources: resources.length,
    files: new Set(resources.map((r) => r.file)).size,
    invalid: resources.filter((r) => bad.has(refKey(r.resource))).length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    codes,
    ms: Math.round(ms),
    phases: { buildMs: Math.round(phases.buildMs), schemaMs: Math.round(phases.schemaMs), rulesMs: Math.round(phases.rulesMs) },
  };
}
