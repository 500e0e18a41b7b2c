// The default severity of every code validate reports, for reports that describe codes apart from their findings
// (SARIF's defaultConfiguration.level): a rule's declared severity, else this table of the schema check's and the
// build's codes. A finding may still be softer or harder than its code's default (a rule unsure, --missing-schemas).
import type { Severity } from '../core/finding.js';
import { rules } from './rules/index.js';

const OTHER: Readonly<Record<string, Severity>> = {
  // schema check
  'schema-invalid': 'error',
  'schema-missing': 'warning', // --missing-schemas warn, the default
  'schema-unusable': 'warning',
  'api-deprecated': 'warning',
  'api-not-served': 'warning',
  'kind-rejected': 'error',
  'resource-invalid': 'error',
  'duplicate-key': 'error',
  'yaml-invalid': 'error',
  // the build
  'kustomize-build-failed': 'error',
  'kustomization-invalid': 'error',
  'invalid-resource': 'error',
  'substitution-failed': 'error',
  'sops-decrypt-failed': 'error',
  'kustomization-unknown-field': 'error',
  'path-invalid': 'error',
  'path-outside-repository': 'error',
  'remote-resource': 'warning',
  'substitute-from-not-found': 'warning',
  'age-key-problem': 'warning',
  'no-kustomizations': 'warning',
  'encrypted-variables': 'info',
  'external-source': 'info',
  'assumed-repository-source': 'info',
  'kustomization-unapplied': 'info',
  'parent-failed': 'info',
  clusters: 'info',
};

/** The severity `code` has by default, or undefined for a code validate does not know. */
export function defaultSeverity(code: string): Severity | undefined {
  return rules.find((r) => r.code === code)?.severity ?? OTHER[code];
}
