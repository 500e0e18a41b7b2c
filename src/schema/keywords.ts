// What survives conversion: only keywords that change a validation result. Descriptions, defaults, examples, CEL rules
// and list/map-type hints are dropped, which is most of the size of an OpenAPI document.

export type JsonSchema = { [keyword: string]: unknown };

/** Copied as they are (their values are data, not schemas). */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set([
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'const',
]);

/**
 * Formats kubeconform's validator (santhosh-tekuri/jsonschema v6, draft 4) asserts, plus its Go-or-ISO `duration`.
 * Others (`int32`, `int64`, `byte`, `cidr`, `idn-hostname`, ...) are not checked there, so they are dropped here.
 */
export const ASSERTED_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'period',
  'ipv4',
  'ipv6',
  'hostname',
  'email',
  'uri',
  'iri',
  'uri-reference',
  'iri-reference',
  'uri-template',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'regex',
  'semver',
]);

/**
 * Id of the ObjectMeta schema a converted CRD's root `metadata` refers to. The registry provides it (the bundled
 * Kubernetes ObjectMeta, or any object when there is no bundle): CRDs only say `metadata: {type: object}`, while the
 * API server checks a custom resource's metadata like any other object's.
 */
export const OBJECT_META_ID = 'https://hops.invalid/schemas/objectmeta.json';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ minimum: 0, exclusiveMinimum: true }` (OpenAPI 3.0 / draft 4) → `{ exclusiveMinimum: 0 }` (draft 6+, ajv). */
export function rewriteExclusiveBounds(src: Record<string, unknown>, out: JsonSchema): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const v = src[flag];
    if (typeof v === 'number') out[flag] = v;
    else if (v === true && typeof src[bound] === 'number') {
      out[flag] = src[bound];
      delete out[bound];
    }
  }
}
