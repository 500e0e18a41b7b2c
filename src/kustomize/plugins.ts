// `transformers:` entries: inline or file configurations of kustomize's builtin transformers (apiVersion: builtin).
// External plugins (exec, containerized, Go) are refused with a clear message.
import type { YMap, YValue } from '../core/resource.js';
import { bool, DecodeError, list, str, strMap, struct, optional, int, boolMap, strList } from './decode.js';
import { KustomizeError } from './errors.js';
import type { KRes } from './kres.js';
import { resourcesFromText } from './read-resources.js';
import type { Accumulator, Target } from './target.js';
import { applyImages } from './transform/images.js';
import { applyStringMap } from './transform/labels.js';
import { applyNamespace } from './transform/namespace.js';
import type { SubjectMode } from './transform/namespace.js';
import { applyPatch, applyPatchJson6902, applyPatchStrategicMerge } from './transform/patches.js';
import { applyAffix } from './transform/prefix-suffix.js';
import { applyReplacements } from './transform/replacements.js';
import { applyReplicas } from './transform/replicas.js';
import { fieldSpec, replacement, selector } from './types.js';
import { scalarText } from './value.js';

const lenient = { strict: false };
const fieldSpecs = list(fieldSpec);

const labelCfg = struct({ labels: strMap, fieldSpecs }, {}, lenient);
const annoCfg = struct({ annotations: strMap, fieldSpecs }, {}, lenient);
const nsCfg = struct(
  { metadata: struct({ namespace: str }, {}, lenient), fieldSpecs, unsetOnly: bool, setRoleBindingSubjects: str },
  {},
  lenient,
);
const prefixCfg = struct({ prefix: str, fieldSpecs }, {}, lenient);
const suffixCfg = struct({ suffix: str, fieldSpecs }, {}, lenient);
const imageCfg = struct(
  { imageTag: struct({ name: str, newName: str, tagSuffix: str, newTag: str, digest: str }, {}, lenient), fieldSpecs },
  {},
  lenient,
);
const replicaCfg = struct({ replica: struct({ name: str, count: int }, {}, lenient), fieldSpecs }, {}, lenient);
const patchCfg = struct({ path: str, patch: str, target: optional(selector), options: boolMap }, {}, lenient);
const json6902Cfg = struct({ path: str, jsonOp: str, target: optional(selector) }, {}, lenient);
const psmCfg = struct({ paths: strList, patches: str }, {}, lenient);
const replCfg = struct({ replacements: list(replacement) }, {}, lenient);

function subjectMode(s: string): SubjectMode {
  if (s === '' || s === 'defaultOnly') return 'defaultOnly';
  if (s === 'allServiceAccounts' || s === 'none') return s;
  throw new KustomizeError(`invalid value "${s}" for setRoleBindingSubjects: must be one of "defaultOnly", "none" or "allServiceAccounts"`);
}

function runOne(t: Target, ra: Accumulator, cfg: KRes): void {
  const obj: YMap = cfg.obj;
  const m = ra.resmap;
  const kind = cfg.kind;
  const av = scalarText(obj['apiVersion']);
  if (av !== 'builtin' && !av.startsWith('builtin/')) {
    throw new KustomizeError(`transformer plugin ${av}/${kind} is not supported: hops runs only kustomize's builtin transformers`);
  }
  const v = obj as YValue;
  switch (kind) {
    case 'LabelTransformer': {
      const c = labelCfg(v, kind);
      return applyStringMap(m, c.labels, c.fieldSpecs);
    }
    case 'AnnotationsTransformer': {
      const c = annoCfg(v, kind);
      return applyStringMap(m, c.annotations, c.fieldSpecs);
    }
    case 'NamespaceTransformer': {
      const c = nsCfg(v, kind);
      return applyNamespace(m, c.metadata.namespace, c.fieldSpecs, subjectMode(c.setRoleBindingSubjects), c.unsetOnly);
    }
    case 'PrefixTransformer': {
      const c = prefixCfg(v, kind);
      return applyAffix(m, c.prefix, c.fieldSpecs, 'prefix');
    }
    case 'SuffixTransformer': {
      const c = suffixCfg(v, kind);
      return applyAffix(m, c.suffix, c.fieldSpecs, 'suffix');
    }
    case 'ImageTagTransformer': {
      const c = imageCfg(v, kind);
      return applyImages(m, [c.imageTag], c.fieldSpecs);
    }
    case 'ReplicaCountTransformer': {
      const c = replicaCfg(v, kind);
      return applyReplicas(m, [c.replica], c.fieldSpecs);
    }
    case 'PatchTransformer': {
      const c = patchCfg(v, kind);
      return applyPatch(m, t.ldr, c, t.file);
    }
    case 'PatchJson6902Transformer': {
      const c = json6902Cfg(v, kind);
      return applyPatchJson6902(m, t.ldr, { path: c.path, patch: c.jsonOp, target: c.target, options: {} }, t.file);
    }
    case 'PatchStrategicMergeTransformer': {
      const c = psmCfg(v, kind);
      for (const p of c.paths) applyPatchStrategicMerge(m, t.ldr, p, t.file);
      if (c.patches) applyPatchStrategicMerge(m, t.ldr, c.patches, t.file);
      return;
    }
    case 'ReplacementTransformer': {
      const c = replCfg(v, kind);
      return applyReplacements(m, c.replacements);
    }
    default:
      throw new KustomizeError(`builtin transformer ${kind} is not supported in 'transformers:'`);
  }
}

export function runTransformerConfigs(t: Target, ra: Accumulator, entries: string[]): void {
  const configs: KRes[] = [];
  const paths: string[] = [];
  for (const e of entries) {
    let inline: KRes[] | undefined;
    try {
      inline = resourcesFromText(e, t.file);
    } catch {
      inline = undefined;
    }
    if (inline && inline.length) configs.push(...inline);
    else paths.push(e);
  }
  configs.push(...t.resourcesAt(paths));
  for (const c of configs) {
    try {
      runOne(t, ra, c);
    } catch (e) {
      if (e instanceof DecodeError) throw new KustomizeError(`${c.kind} ${c.name}: ${e.message}`);
      throw e;
    }
  }
}
