// What every formatter takes: findings, and optionally the objects that were checked (junit and tap list passing
// ones too, as kubeconform does) and counts for a closing line. Any command that produces findings can fill it.
import type { Finding, ResourceRef } from '../core/finding.js';

export interface CheckedObject {
  resource: ResourceRef;
  file: string;
  line?: number;
}

export interface ReportSummary {
  resources: number;
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Objects with at least one error. */
  invalid?: number;
  kustomizations?: number;
  ms?: number;
}

export interface Report {
  /** Tool name for junit/sarif (`hops`). */
  tool?: string;
  findings: readonly Finding[];
  checked?: readonly CheckedObject[];
  summary?: ReportSummary;
}

export const refKey = (r: ResourceRef): string => `${r.apiVersion ?? ''}|${r.kind}|${r.namespace ?? ''}|${r.name}`;

/** `1 error, 2 warnings` style counts. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line of counts: `✖ 2 errors, 1 warning — 80 resources in 59 files, 14 Kustomizations, 1.9 s`. */
export function summaryLine(s: ReportSummary): string {
  const head = s.errors > 0 ? '✖' : '✔';
  const parts = [plural(s.resources, 'resource') + ` in ${plural(s.files, 'file')}`];
  if (s.kustomizations) parts.push(plural(s.kustomizations, 'Kustomization'));
  if (s.ms !== undefined) parts.push(`${(s.ms / 1000).toFixed(1)} s`);
  return `${head} ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} — ${parts.join(', ')}`;
}
