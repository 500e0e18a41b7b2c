// src/schema: Kubernetes and CRD JSON Schemas (shipped bundle, repo CRDs, --schema-location, local cache) and a
// kubeconform-strict validator. The validate stage and the CLI use only what is exported here.
export type { Gvk } from './gvk.js';
export { KindMatcher, gvkKey, parseGvkKey, parseApiVersion, apiVersionOf, formatGvk } from './gvk.js';
export type { JsonSchema } from './keywords.js';
export { crdSchemaToJsonSchema, crdVersions, isCrd } from './crd-to-jsonschema.js';
export type { ConvertOptions, CrdVersionSchema } from './crd-to-jsonschema.js';
export { kubernetesSchemas } from './openapi-to-jsonschema.js';
export { SchemaRegistry } from './registry.js';
export type { RegistryOptions, Resolution, CompiledSchema } from './registry.js';
export type { CrdInput } from './crd-source.js';
export { defaultBundleDir, BundleSource } from './bundle.js';
export type { Scope } from './bundle-format.js';
export { KindScopes, bundledScopes } from './scopes.js';
export { DEFAULT_CACHE_DIR_TEXT, defaultCacheDir, importCrds, CacheSource } from './cache.js';
export type { ImportResult } from './cache.js';
export { renderTemplate, templateVariables, checkTemplate } from './location.js';
export { validateResource, missingSchemaFinding } from './validate-resource.js';
export type { ValidateOptions, ResourceInput, MissingSchemaPolicy } from './validate-resource.js';
export { validateResources, validateManifests, validateManifestText, manifestResources, collapseMissing } from './validate-manifests.js';
export type { ManifestText } from './validate-manifests.js';
export { readManifestInputs, manifestFiles } from './manifest-inputs.js';
export { readYamlDocuments } from './yaml-docs.js';
export type { YamlDoc, Position, DuplicateKey } from './yaml-docs.js';
export { violationsFromAjv, isPlaceholder } from './violations.js';
export type { Violation } from './violations.js';
export { importSchemas, listSchemas } from './schemas-admin.js';
export type { SchemaListEntry } from './schemas-admin.js';
