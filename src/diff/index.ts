// diff: two sides of a repository built with hops build → per-object differences, secrets masked; formatters.
export { diff } from './diff.js';
export type { DiffOptions } from './diff.js';
export type { DiffRequest, DiffResult, KsFailure, KsSummary, KsStatus } from './result.js';
export { hasChanges } from './result.js';
export type { ObjectDiff, ObjectId, ObjectStatus } from './compare.js';
export type { Base } from './sides.js';
export type { HelmOptions } from './hr.js';
export { DEFAULT_STRIP_ATTRS } from './strip.js';
export { belowLine, failed, failureGroups, failureLine, formatText, formatPatch, summaryLine } from './format-text.js';
export { formatMarkdown, DEFAULT_MARKDOWN_LIMIT } from './format-markdown.js';
export { formatJson } from './format-json.js';
export { diffLines } from './line-diff.js';
export { unifiedDiff } from './unified.js';
