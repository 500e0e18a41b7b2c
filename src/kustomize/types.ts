// The kustomization file as typed data (kustomize's types.Kustomization, v1beta1 and Component v1alpha1).
import type { YValue } from '../core/resource.js';
import { bool, boolMap, int, list, optional, raw, str, strList, strMap, struct } from './decode.js';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface FieldSpec extends Gvk {
  path: string;
  create: boolean;
}

export interface Selector extends Gvk {
  name: string;
  namespace: string;
  annotationSelector: string;
  labelSelector: string;
}

export interface Patch {
  path: string;
  patch: string;
  target: Selector | undefined;
  options: Record<string, boolean>;
}

export interface GeneratorOptions {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

export interface GeneratorArgs {
  name: string;
  namespace: string;
  behavior: string;
  literals: string[];
  files: string[];
  envs: string[];
  env: string;
  options: GeneratorOptions | undefined;
  type: string;
}

export interface Label {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
  fields: FieldSpec[];
}

export interface Image {
  name: string;
  newName: string;
  tagSuffix: string;
  newTag: string;
  digest: string;
}

export interface Replica {
  name: string;
  count: number;
}

export interface FieldOptions {
  delimiter: string;
  index: number;
  encoding: string;
  create: boolean;
}

export interface SourceSelector extends Gvk {
  name: string;
  namespace: string;
  fieldPath: string;
  options: FieldOptions | undefined;
}

export interface TargetSelector {
  select: Selector | undefined;
  reject: Selector[];
  fieldPaths: string[];
  options: FieldOptions | undefined;
}

export interface Replacement {
  source: SourceSelector | undefined;
  targets: TargetSelector[];
  sourceValue: string | undefined;
}

export interface ReplacementField extends Replacement {
  path: string;
}

export interface SortOptions {
  order: string;
  legacySortOptions: { orderFirst: string[]; orderLast: string[] } | undefined;
}

export interface Kustomization {
  apiVersion: string;
  kind: string;
  metadata: YValue | undefined;
  openapi: Record<string, string>;
  namePrefix: string;
  nameSuffix: string;
  namespace: string;
  commonLabels: Record<string, string>;
  labels: Label[];
  commonAnnotations: Record<string, string>;
  patchesStrategicMerge: string[];
  patchesJson6902: Patch[];
  patches: Patch[];
  images: Image[];
  imageTags: Image[];
  replacements: ReplacementField[];
  replicas: Replica[];
  vars: YValue | undefined;
  sortOptions: SortOptions | undefined;
  resources: string[];
  components: string[];
  crds: string[];
  bases: string[];
  configMapGenerator: GeneratorArgs[];
  secretGenerator: GeneratorArgs[];
  helmGlobals: YValue | undefined;
  helmCharts: YValue | undefined;
  helmChartInflationGenerator: YValue | undefined;
  generatorOptions: GeneratorOptions | undefined;
  configurations: string[];
  generators: string[];
  transformers: string[];
  validators: string[];
  buildMetadata: string[];
}

const gvkFields = { group: str, version: str, kind: str };

export const fieldSpec = struct<FieldSpec>({ ...gvkFields, path: str, create: bool });

export const selector = struct<Selector>({
  ...gvkFields,
  name: str,
  namespace: str,
  annotationSelector: str,
  labelSelector: str,
});

const patch = struct<Patch>({ path: str, patch: str, target: optional(selector), options: boolMap });

export const generatorOptions = struct<GeneratorOptions>({
  labels: strMap,
  annotations: strMap,
  disableNameSuffixHash: bool,
  immutable: bool,
});

const generatorArgs = struct<GeneratorArgs>({
  name: str,
  namespace: str,
  behavior: str,
  literals: strList,
  files: strList,
  envs: strList,
  env: str,
  options: optional(generatorOptions),
  type: str,
});

const label = struct<Label>({ pairs: strMap, includeSelectors: bool, includeTemplates: bool, fields: list(fieldSpec) });

const image = struct<Image>({ name: str, newName: str, tagSuffix: str, newTag: str, digest: str });

const replica = struct<Replica>({ name: str, count: int });

const fieldOptions = struct<FieldOptions>({ delimiter: str, index: int, encoding: str, create: bool });

const sourceSelector = struct<SourceSelector>({
  ...gvkFields,
  name: str,
  namespace: str,
  fieldPath: str,
  options: optional(fieldOptions),
});

const targetSelector = struct<TargetSelector>({
  select: optional(selector),
  reject: list(selector),
  fieldPaths: strList,
  options: optional(fieldOptions),
});

const optStr = (v: YValue | undefined, p: string) => (v === undefined || v === null ? undefined : str(v, p));

export const replacement = struct<Replacement>({
  source: optional(sourceSelector),
  targets: list(targetSelector),
  sourceValue: optStr,
});

const replacementField = struct<ReplacementField>({
  source: optional(sourceSelector),
  targets: list(targetSelector),
  sourceValue: optStr,
  path: str,
});

const sortOptions = struct<SortOptions>({
  order: str,
  legacySortOptions: optional(struct({ orderFirst: strList, orderLast: strList })),
});

export const kustomization = struct<Kustomization>({
  apiVersion: str,
  kind: str,
  metadata: raw,
  openapi: strMap,
  namePrefix: str,
  nameSuffix: str,
  namespace: str,
  commonLabels: strMap,
  labels: list(label),
  commonAnnotations: strMap,
  patchesStrategicMerge: strList,
  patchesJson6902: list(patch),
  patches: list(patch),
  images: list(image),
  imageTags: list(image),
  replacements: list(replacementField),
  replicas: list(replica),
  vars: raw,
  sortOptions: optional(sortOptions),
  resources: strList,
  components: strList,
  crds: strList,
  bases: strList,
  configMapGenerator: list(generatorArgs),
  secretGenerator: list(generatorArgs),
  helmGlobals: raw,
  helmCharts: raw,
  helmChartInflationGenerator: raw,
  generatorOptions: optional(generatorOptions),
  configurations: strList,
  generators: strList,
  transformers: strList,
  validators: strList,
  buildMetadata: strList,
});

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
export const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';
