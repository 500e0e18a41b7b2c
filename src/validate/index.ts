// src/validate: `validate()` — schemas plus cross-reference rules over what a repository builds. The CLI and the
// dashboard use what is exported here.
export { validate } from './validate.js';
export type { ValidateOptions, ValidateResult } from './validate.js';
export type { ValidateSummary, CheckedResource } from './summary.js';
export { rules } from './rules/index.js';
export { defaultSeverity } from './codes.js';
export type { Rule, RuleContext } from './rule.js';
export { chartDirs } from './chart-cache.js';
export type { ValidationModel, ModelResource } from './model.js';
