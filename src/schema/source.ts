// What every schema source (repo CRDs, --schema-location, the local cache, the shipped bundle) hands the registry.
import type { Gvk } from './gvk.js';
import type { JsonSchema } from './keywords.js';

/** A document other schemas `$ref` by id (the shared Kubernetes definitions, a location's `_definitions.json`). */
export interface SharedDoc {
  id: string;
  load(): JsonSchema;
}

export interface FoundSchema {
  /** The schema to compile for this kind. */
  schema: JsonSchema;
  /** Documents the schema refers to; registered with ajv once, by id, before compiling. */
  shared?: SharedDoc[];
  /** Where it came from, for messages: a file, URL, CRD name or bundle source. */
  origin: string;
  /** The CRD lists this version with `served: false`. */
  served?: false;
  deprecated?: true;
  /** An API version current upstream dropped (schema from an older release). */
  legacy?: true;
}

export interface SchemaSource {
  /** Short name for messages: `repo CRDs`, `schema location <template>`, `cache`, `bundle`. */
  readonly name: string;
  lookup(gvk: Gvk): FoundSchema | null;
  /** Sources that need the network load here; lookup() then answers from memory. */
  prefetch?(gvks: readonly Gvk[]): Promise<void>;
}

/** Problems met while looking schemas up (unreadable file, bad JSON); the lookup goes on to the next source. */
export class SchemaLoadError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'SchemaLoadError';
  }
}
