// Public face of the kustomize engine: build a kustomization root into ordered resources (with origins), and print
// them exactly as `kubectl kustomize` does.
import type { Resource } from '../core/resource.js';
import { stringifyDocuments } from '../io/yaml-write.js';

export { buildKustomization, buildFromKustomization } from './build.js';
export type { BuildOptions, BuildResult } from './build.js';
export { decodeKustomizationFields, decodeKustomizationFieldsLeniently } from './kustfile.js';
export type { SkippedField } from './decode.js';
export { newSession } from './loader.js';
export type { LoadRestrictor, LoadSession } from './loader.js';

/** The resources as `kubectl kustomize` prints them: YAML documents joined by `---`. */
export function renderYaml(resources: readonly Resource[]): string {
  return stringifyDocuments(resources.map((r) => r.object));
}
