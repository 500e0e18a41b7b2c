// Public exports of the template engine (Jinja2 3.1 compatible).
export { Environment } from './runtime/environment.js';
export type { FromStringOptions } from './runtime/environment.js';
export { Template, TemplateModule } from './runtime/template.js';
export type { RenderVars } from './runtime/template.js';
export { referencedVariables } from './analyze/references.js';
export type { EnvironmentOptions, SyntaxOptions, TemplateLoader, TemplateSource, RenderIssue, VariableReference } from './api.js';
export * from './runtime/values.js';
