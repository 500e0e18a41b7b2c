// Kubernetes OpenAPI v2 (swagger.json) → shared JSON Schema definitions plus a GVK → definition index, with the rules of
// kubeconform's `-standalone-strict` schemas (openapi2jsonschema --kubernetes --strict):
// - every object with properties gets `additionalProperties: false`;
// - IntOrString is oneOf string/integer, Quantity oneOf string/number;
// - optional fields admit null (`type: [T, "null"]`); a field its parent lists in `required` does not.
// Unlike the standalone files, definitions stay shared and `$ref`ed, so the bundle holds each type once. A definition's
// own type is nullable (most references are optional); a required reference gets a non-null `type` beside its `$ref`.
import { ASSERTED_FORMATS, VALUE_KEYWORDS, isObject, rewriteExclusiveBounds } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import { gvkKey } from './gvk.js';
import type { Scope } from './bundle-format.js';

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const DEF_PREFIX = '#/definitions/';

export interface KubernetesSchemas {
  definitions: Record<string, JsonSchema>;
  /** `apps/v1/Deployment` → definition name. */
  kinds: Record<string, string>;
}

/**
 * The scope of every kind the API serves, from its paths: Namespaced when some operation under
 * `/namespaces/{namespace}/` is for that kind, Cluster when only others are (`/api/v1/nodes`, `/apis/.../clusterroles`).
 */
export function kubernetesScopes(swagger: unknown): Record<string, Scope> {
  const paths = isObject(swagger) && isObject(swagger['paths']) ? swagger['paths'] : {};
  const scopes: Record<string, Scope> = {};
  for (const [path, ops] of Object.entries(paths)) {
    if (!isObject(ops)) continue;
    const namespaced = path.includes('/namespaces/{namespace}/');
    for (const op of Object.values(ops)) {
      const g = isObject(op) ? op['x-kubernetes-group-version-kind'] : undefined;
      if (!isObject(g) || typeof g['version'] !== 'string' || typeof g['kind'] !== 'string') continue;
      const key = gvkKey({ group: typeof g['group'] === 'string' ? g['group'] : '', version: g['version'], kind: g['kind'] });
      if (namespaced) scopes[key] = 'Namespaced';
      else scopes[key] ??= 'Cluster';
    }
  }
  return scopes;
}

export function kubernetesSchemas(swagger: unknown): KubernetesSchemas {
  const defs = isObject(swagger) && isObject(swagger['definitions']) ? swagger['definitions'] : {};
  const definitions: Record<string, JsonSchema> = {};
  const kinds: Record<string, string> = {};
  for (const [name, def] of Object.entries(defs)) {
    if (name === INT_OR_STRING) definitions[name] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    else if (name === QUANTITY) definitions[name] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
    else definitions[name] = convert(def, true, defs);
    const gvks = isObject(def) ? def['x-kubernetes-group-version-kind'] : undefined;
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks) {
      if (!isObject(g) || typeof g['version'] !== 'string' || typeof g['kind'] !== 'string') continue;
      const group = typeof g['group'] === 'string' ? g['group'] : '';
      kinds[gvkKey({ group, version: g['version'], kind: g['kind'] })] = name;
    }
  }
  return { definitions, kinds };
}

function convert(node: unknown, nullable: boolean, defs: Record<string, unknown>): JsonSchema {
  if (!isObject(node)) return {};
  const out: JsonSchema = {};
  const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) out[key] = value;
    else if (key === '$ref' && typeof value === 'string') out[key] = value;
    else if (key === 'type' && typeof value === 'string') out[key] = nullable && value !== 'null' ? [value, 'null'] : value;
    else if (key === 'required' && required.length > 0) out[key] = value;
    else if (key === 'format' && typeof value === 'string' && ASSERTED_FORMATS.has(value)) out[key] = value;
    else if (key === 'items') out[key] = convert(value, true, defs);
    else if (key === 'additionalProperties') out[key] = typeof value === 'boolean' ? value : convert(value, true, defs);
    else if (key === 'properties' && isObject(value)) {
      const props: Record<string, JsonSchema> = {};
      for (const [prop, sub] of Object.entries(value)) {
        const isRequired = required.includes(prop);
        const converted = convert(sub, !isRequired, defs);
        if (isRequired && typeof converted['$ref'] === 'string') {
          const t = refType(converted['$ref'], defs);
          if (t) converted['type'] = t;
        }
        props[prop] = converted;
      }
      out[key] = props;
    }
  }
  rewriteExclusiveBounds(node, out);
  if (isObject(out['properties']) && !('additionalProperties' in node)) out['additionalProperties'] = false;
  return out;
}

/** The (non-null) type of a referenced definition, for a required `$ref` field. */
function refType(ref: string, defs: Record<string, unknown>): string | undefined {
  if (!ref.startsWith(DEF_PREFIX)) return undefined;
  const name = ref.slice(DEF_PREFIX.length);
  if (name === INT_OR_STRING || name === QUANTITY) return undefined;
  const target = defs[name];
  return isObject(target) && typeof target['type'] === 'string' ? target['type'] : undefined;
}
