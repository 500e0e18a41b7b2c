// Public library API of hops: named exports only.
export type { Finding, Severity, ResourceRef } from './core/finding.js';
export { HopsError, UsageError, InputError, EXIT } from './core/errors.js';
export { main } from './cli/index.js';
