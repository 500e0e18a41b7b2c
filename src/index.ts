// Public library API of hops: named exports only.
export type { Finding, Severity, ResourceRef } from './core/finding.js';
export { HopsError, UsageError, InputError, EXIT } from './core/errors.js';
export { main } from './cli/index.js';
export { configure, vars } from './render/index.js';
export type { ConfigureOptions, ConfigureResult, VarsResult, VarRow } from './render/index.js';
export { build } from './flux/build.js';
export type { BuildRequest, BuildOptions, BuildUnit, BuildResult } from './flux/build.js';
export { maskSecrets } from './flux/mask.js';
export type { Resource, ResourceId, Origin } from './core/resource.js';
export { diff, hasChanges } from './diff/index.js';
export type { DiffOptions, DiffRequest, DiffResult, ObjectDiff } from './diff/index.js';
export {
  formatText as formatDiffText,
  formatMarkdown as formatDiffMarkdown,
  formatJson as formatDiffJson,
  formatPatch as formatDiffPatch,
} from './diff/index.js';
export { buildKustomization, renderYaml } from './kustomize/index.js';
export { newApp } from './scaffold/index.js';
export type { NewAppOptions, NewAppResult, PlannedWrite } from './scaffold/index.js';
export { validate, rules as validateRules } from './validate/index.js';
export type { ValidateOptions, ValidateResult, ValidateSummary, Rule } from './validate/index.js';
export { formatReport, FORMATS as REPORT_FORMATS } from './report/index.js';
export type { Report, Format as ReportFormat } from './report/index.js';
export { SchemaRegistry, validateResource } from './schema/index.js';
