// CRD openAPIV3Schema → JSON Schema (draft 7, for ajv), following kubeconform's openapi2jsonschema.py:
// - objects with `properties` get `additionalProperties: false` (strict) unless they set additionalProperties or
//   `x-kubernetes-preserve-unknown-fields`; nothing inside anyOf/allOf/oneOf/not branches is touched (those only
//   restate the outer properties in a structural schema);
// - `format: int-or-string` becomes oneOf string/integer; `x-kubernetes-int-or-string` keeps (or gains) its anyOf;
// - OpenAPI's boolean exclusiveMinimum/Maximum become draft-7 numbers.
// Two deliberate differences, both as the API server behaves: a null field is accepted unless the field is required
// (the server prunes nulls before validating; kubeconform reports them, except where `nullable` would anyway), and the
// root object is strict too (strict field validation rejects unknown top-level fields), with apiVersion/kind/metadata
// always allowed there and on embedded resources; and the root `metadata` is checked as ObjectMeta (OBJECT_META_ID).
import { ASSERTED_FORMATS, OBJECT_META_ID, VALUE_KEYWORDS, isObject, rewriteExclusiveBounds } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import type { Scope } from './bundle-format.js';

export interface ConvertOptions {
  /** Reject unknown top-level fields (default true; kubeconform's DENY_ROOT_ADDITIONAL_PROPERTIES). */
  denyRootAdditionalProperties?: boolean;
  /** Check the root `metadata` as Kubernetes ObjectMeta via OBJECT_META_ID (default true). */
  objectMeta?: boolean;
}

type Place = 'root' | 'node' | 'branch';

const INT_OR_STRING_ONEOF = (): JsonSchema => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] });

export function crdSchemaToJsonSchema(openAPIV3Schema: unknown, opts: ConvertOptions = {}): JsonSchema {
  const out = convert(openAPIV3Schema, 'root', opts.denyRootAdditionalProperties ?? true, false);
  const props = out['properties'];
  if ((opts.objectMeta ?? true) && isObject(props) && isObject(openAPIV3Schema) && isObject(openAPIV3Schema['properties'])) {
    // the CRD's own metadata constraints (if any) still apply, but never make ObjectMeta's fields unknown
    const own = convert(openAPIV3Schema['properties']['metadata'], 'branch', false, false);
    delete own['type'];
    props['metadata'] = { $ref: OBJECT_META_ID, ...own };
  }
  return out;
}

function convert(node: unknown, place: Place, denyRoot: boolean, prunable: boolean): JsonSchema {
  if (!isObject(node)) return {};
  if (node['format'] === 'int-or-string') return INT_OR_STRING_ONEOF();
  const out: JsonSchema = {};
  const inner: Place = place === 'branch' ? 'branch' : 'node';
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) {
      out[key] = value;
    } else if (key === 'type') {
      if (!intOrString && typeof value === 'string') out[key] = value;
    } else if (key === 'required') {
      if (Array.isArray(value) && value.length > 0) out[key] = value;
    } else if (key === 'format') {
      if (typeof value === 'string' && ASSERTED_FORMATS.has(value)) out[key] = value;
    } else if (key === 'properties' && isObject(value)) {
      const props: Record<string, JsonSchema> = {};
      const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
      for (const [name, sub] of Object.entries(value)) props[name] = convert(sub, inner, denyRoot, place !== 'branch' && !required.includes(name));
      out[key] = props;
    } else if (key === 'items') {
      out[key] = Array.isArray(value) ? value.map((v) => convert(v, 'branch', denyRoot, false)) : convert(value, inner, denyRoot, false);
    } else if (key === 'additionalProperties') {
      out[key] = typeof value === 'boolean' ? value : convert(value, inner, denyRoot, false);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((v) => convert(v, 'branch', denyRoot, false));
    } else if (key === 'not') {
      out[key] = convert(value, 'branch', denyRoot, false);
    }
  }
  rewriteExclusiveBounds(node, out);
  if (intOrString && !out['anyOf'] && !out['oneOf']) out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  if (node['nullable'] === true || prunable) allowNull(out);
  const strict =
    isObject(out['properties']) &&
    !('additionalProperties' in node) &&
    node['x-kubernetes-preserve-unknown-fields'] !== true &&
    place !== 'branch' &&
    (place !== 'root' || denyRoot);
  if (strict) {
    out['additionalProperties'] = false;
    if (place === 'root' || node['x-kubernetes-embedded-resource'] === true) addObjectMeta(out);
  }
  return out;
}

function allowNull(out: JsonSchema): void {
  const t = out['type'];
  if (typeof t === 'string') out['type'] = [t, 'null'];
  const alternatives = out['anyOf'] ?? out['oneOf'];
  if (!t && Array.isArray(alternatives)) alternatives.push({ type: 'null' });
  const e = out['enum'];
  if (Array.isArray(e) && !e.includes(null)) out['enum'] = [...e, null];
}

/** Every object may carry apiVersion, kind and metadata even when its schema forgets to list them. */
function addObjectMeta(out: JsonSchema): void {
  const props = out['properties'] as Record<string, JsonSchema>;
  props['apiVersion'] ??= { type: 'string' };
  props['kind'] ??= { type: 'string' };
  props['metadata'] ??= { type: 'object' };
}

export interface CrdVersionSchema {
  group: string;
  version: string;
  kind: string;
  /** `spec.scope`, when the CRD says (apiextensions requires it). */
  scope?: Scope;
  served: boolean;
  deprecated: boolean;
  storage: boolean;
  schema: JsonSchema;
}

export function isCrd(obj: unknown): obj is Record<string, unknown> {
  return (
    isObject(obj) &&
    obj['kind'] === 'CustomResourceDefinition' &&
    typeof obj['apiVersion'] === 'string' &&
    obj['apiVersion'].startsWith('apiextensions.k8s.io/')
  );
}

/** Every version of a CRD that has a schema (apiextensions v1, and v1beta1's top-level `validation`). */
export function crdVersions(crd: unknown, opts: ConvertOptions = {}): CrdVersionSchema[] {
  if (!isCrd(crd)) return [];
  const spec = crd['spec'];
  if (!isObject(spec) || typeof spec['group'] !== 'string') return [];
  const names = spec['names'];
  const kind = isObject(names) && typeof names['kind'] === 'string' ? names['kind'] : '';
  if (!kind) return [];
  const group = spec['group'];
  const scope: Pick<CrdVersionSchema, 'scope'> = spec['scope'] === 'Namespaced' || spec['scope'] === 'Cluster' ? { scope: spec['scope'] } : {};
  const topLevel = isObject(spec['validation']) ? spec['validation']['openAPIV3Schema'] : undefined;
  const out: CrdVersionSchema[] = [];
  const versions = Array.isArray(spec['versions']) ? spec['versions'] : [];
  for (const v of versions) {
    if (!isObject(v) || typeof v['name'] !== 'string') continue;
    const own = isObject(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
    const schema = own ?? topLevel;
    if (!isObject(schema)) continue;
    out.push({
      group,
      version: v['name'],
      kind,
      ...scope,
      served: v['served'] !== false,
      deprecated: v['deprecated'] === true,
      storage: v['storage'] === true,
      schema: crdSchemaToJsonSchema(schema, opts),
    });
  }
  if (versions.length === 0 && typeof spec['version'] === 'string' && isObject(topLevel)) {
    out.push({ group, version: spec['version'], kind, ...scope, served: true, deprecated: false, storage: true, schema: crdSchemaToJsonSchema(topLevel, opts) });
  }
  return out;
}
