// How sure a rule can be that something is missing: an error, unless a Kustomization that failed to build mentions
// the name (then the object may well be there) — a warning that says where to look.
import type { Severity } from '../core/finding.js';
import type { ValidationModel } from './model.js';

export function absence(model: ValidationModel, name: string, sure: Severity = 'error'): { severity: Severity; note: string } {
  const unit = model.unbuiltMention(name);
  if (!unit) return { severity: sure, note: '' };
  return { severity: sure === 'error' ? 'warning' : sure, note: ` (Kustomization ${unit} failed to build and mentions ${name}; it may be there)` };
}
