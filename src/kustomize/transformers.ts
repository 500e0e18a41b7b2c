// The transformers of one kustomization, in kustomize's fixed order (patches, namespace, prefix, suffix, labels,
// annotations, JSON 6902 patches, replicas, images, replacements, then `transformers:` entries), each wrapped so a
// failure names the kustomization file and entry, and recorded for buildMetadata when asked.
import { DecodeError } from './decode.js';
import { KustomizeError, rethrowIn } from './errors.js';
import { addTransformation } from './origin.js';
import type { OriginRef } from './origin.js';
import { runTransformerConfigs } from './plugins.js';
import type { ResMap } from './resmap.js';
import { fsMergeAll } from './tconfig.js';
import type { Accumulator, Target } from './target.js';
import { applyImages } from './transform/images.js';
import { applyStringMap } from './transform/labels.js';
import { applyNamespace } from './transform/namespace.js';
import { applyPatch, applyPatchJson6902, applyPatchStrategicMerge } from './transform/patches.js';
import { applyAffix } from './transform/prefix-suffix.js';
import { applyReplacements } from './transform/replacements.js';
import { applyReplicas } from './transform/replicas.js';
import { replacement as replacementDecoder } from './types.js';
import type { Replacement } from './types.js';
import { isMap } from './value.js';
import { parseYaml11 } from './yaml-text.js';

/** After a builtin transformer ran (kustomize's multitransformer bookkeeping). */
function recordTransformer(t: Target, m: ResMap, kind: string): void {
  if (!t.tracking) return;
  const o: OriginRef = { configuredIn: t.configuredIn(), configuredBy: { apiVersion: 'builtin', kind } };
  for (const r of m.list) addTransformation(r, o);
}

function step(t: Target, what: string, fn: () => void, kind?: string, m?: ResMap): void {
  try {
    fn();
  } catch (e) {
    rethrowIn(e, t.file, what);
  }
  if (kind && m) recordTransformer(t, m, kind);
}

export function runTransformers(t: Target, ra: Accumulator): void {
  const k = t.kf.k;
  const tc = ra.config;
  const m = ra.resmap;
  if (k.patchesStrategicMerge.length) {
    step(t, 
      'patchesStrategicMerge',
      () => k.patchesStrategicMerge.forEach((p, i) => step(t, `patchesStrategicMerge[${i}]`, () => applyPatchStrategicMerge(m, t.ldr, p, t.file))),
      'PatchStrategicMergeTransformer',
      m,
    );
  }
  k.patches.forEach((p, i) =>
    step(t, `patches[${i}]${p.path ? ` (${p.path})` : ''}`, () => applyPatch(m, t.ldr, p, t.file), 'PatchTransformer', m),
  );
  if (k.namespace) step(t, 'namespace', () => applyNamespace(m, k.namespace, tc.namespace), 'NamespaceTransformer', m);
  if (k.namePrefix) step(t, 'namePrefix', () => applyAffix(m, k.namePrefix, tc.namePrefix, 'prefix'), 'PrefixTransformer', m);
  if (k.nameSuffix) step(t, 'nameSuffix', () => applyAffix(m, k.nameSuffix, tc.nameSuffix, 'suffix'), 'SuffixTransformer', m);
  const anyLabels = k.labels.length > 0 || Object.keys(k.commonLabels).length > 0;
  k.labels.forEach((l, i) =>
    step(t, `labels[${i}]`, () => {
      let fss = fsMergeAll(l.fields, tc.labels);
      if (l.includeSelectors) fss = fsMergeAll(fss, tc.commonLabels);
      else {
        if (l.includeTemplates) fss = fsMergeAll(fss, tc.templateLabels);
        fss = fsMergeAll(fss, [{ group: '', version: '', kind: '', path: 'metadata/labels', create: true }]);
      }
      applyStringMap(m, l.pairs, fss);
    }, 'LabelTransformer', m),
  );
  if (anyLabels) step(t, 'commonLabels', () => applyStringMap(m, k.commonLabels, tc.commonLabels), 'LabelTransformer', m);
  if (Object.keys(k.commonAnnotations).length) {
    step(t, 'commonAnnotations', () => applyStringMap(m, k.commonAnnotations, tc.commonAnnotations), 'AnnotationsTransformer', m);
  }
  k.patchesJson6902.forEach((p, i) =>
    step(t, `patchesJson6902[${i}]`, () => applyPatchJson6902(m, t.ldr, p, t.file), 'PatchJson6902Transformer', m),
  );
  k.replicas.forEach((r, i) => step(t, `replicas[${i}]`, () => applyReplicas(m, [r], tc.replicas), 'ReplicaCountTransformer', m));
  k.images.forEach((img, i) => step(t, `images[${i}]`, () => applyImages(m, [img], tc.images), 'ImageTagTransformer', m));
  if (k.replacements.length) step(t, 'replacements', () => applyReplacements(m, replacementsOf(t)), 'ReplacementTransformer', m);
  if (k.transformers.length) step(t, 'transformers', () => runTransformerConfigs(t, ra, k.transformers));
}


/** Inline replacements plus those loaded from `path:` entries (a list or a single replacement per file). */
function replacementsOf(t: Target): Replacement[] {
  const out: Replacement[] = [];
  for (const r of t.kf.k.replacements) {
    if (r.path && (r.source || r.targets.length)) throw new KustomizeError('cannot specify both path and inline replacement');
    if (!r.path) {
      out.push(r);
      continue;
    }
    const v = parseYaml11(t.ldr.load(r.path), t.ldr.rel(r.path));
    try {
      if (Array.isArray(v)) v.forEach((x, i) => out.push(replacementDecoder(x, `${r.path}[${i}]`)));
      else if (isMap(v)) out.push(replacementDecoder(v, r.path));
      else throw new KustomizeError(`unsupported replacement type encountered within replacement path: ${r.path}`);
    } catch (e) {
      if (e instanceof DecodeError) throw new KustomizeError(`invalid replacement in ${r.path}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

