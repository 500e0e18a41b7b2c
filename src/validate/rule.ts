// The shape every rule under rules/ exports, and the one way rules turn a field of a resource into a Finding.
import type { Finding, Severity } from '../core/finding.js';
import type { PathElement } from '../io/yaml-read.js';
import { refOf } from './model.js';
import type { ModelResource, ValidationModel } from './model.js';

export interface RuleContext {
  /** Folders of local charts (.tgz or unpacked, io/local-charts.ts), searched in order; none when empty. */
  chartDirs: readonly string[];
}

export interface Rule {
  /** Stable code carried by every finding of the rule. */
  code: string;
  /** Severity of its findings; a finding may be softer when the rule cannot be sure (it says why). */
  severity: Severity;
  description: string;
  /** `repository`: needs every Kustomization built (cross-references); `resource`: works on plain manifests too. */
  scope: 'repository' | 'resource';
  /** Build finding codes this rule reports itself, located at the field (the build's copies are dropped). */
  replaces?: readonly string[];
  run(model: ValidationModel, ctx: RuleContext): Finding[];
}

/** A finding about the field at `path` of `r`, located in its source file. */
export function fieldFinding(
  model: ValidationModel,
  rule: Pick<Rule, 'code' | 'severity'>,
  r: ModelResource,
  path: readonly PathElement[],
  message: string,
  hint: string,
  severity: Severity = rule.severity,
): Finding {
  const at = model.locate(r, path);
  const f: Finding = { code: rule.code, severity, message, resource: refOf(r), file: at.file, hint };
  if (at.line !== undefined) f.line = at.line;
  if (at.col !== undefined) f.col = at.col;
  return f;
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), for messages. */
export function describe(r: Pick<ModelResource, 'kind' | 'namespace' | 'name'>): string {
  return `${r.kind} ${r.namespace ? r.namespace + '/' : ''}${r.name}`;
}
