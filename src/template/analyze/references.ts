// Which context variables a template reads (placeholder until the analysis lands in this module).
import type { VariableReference } from '../api.js';
import type { Environment } from '../runtime/environment.js';

export function referencedVariables(env: Environment, source: string, name: string): VariableReference[] {
  void env;
  void source;
  void name;
  return [];
}
