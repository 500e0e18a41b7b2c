// `patches:`, `patchesStrategicMerge:` and `patchesJson6902:` — strategic merge and JSON 6902 patches, inline or
// from files, applied to a named resource or to every resource a target selects.
import type { YValue } from '../../core/resource.js';
import { KustomizeError, wrapError } from '../errors.js';
import type { KRes } from '../kres.js';
import type { Loader } from '../loader.js';
import { resourcesFromText } from '../read-resources.js';
import { copyMergeMetaData, ResMap } from '../resmap.js';
import { applyJsonPatch, decodeOps } from '../smp/json6902.js';
import type { Operation } from '../smp/json6902.js';
import { strategicMerge } from '../smp/merge.js';
import type { Patch, Selector } from '../types.js';
import { clearNullTexts, deepClone, metaStringMap, setMetaStringMap } from '../value.js';
import { parseYaml11 } from '../yaml-text.js';

/** A patch's text: inline (trimmed) or loaded from `path`; `source` names it in errors without quoting it (a patch of a Secret holds values). */
function patchText(ldr: Loader, p: Patch): { text: string; source: string } {
  const inline = p.patch.trim();
  if (inline === '' && p.path === '') throw new KustomizeError('must specify one of patch and path');
  if (inline !== '' && p.path !== '') throw new KustomizeError("patch and path can't be set at the same time");
  if (inline !== '') return { text: inline, source: '[inline patch]' };
  try {
    return { text: ldr.load(p.path), source: `[path: "${p.path}"]` };
  } catch (e) {
    throw wrapError(`failed to get the patch file from path(${p.path})`, e);
  }
}

function jsonOps(text: string, file: string): Operation[] {
  if (text === '') throw new KustomizeError('empty json patch operations');
  let v: YValue;
  if (text[0] === '[') {
    try {
      v = JSON.parse(text) as YValue;
    } catch {
      v = parseYaml11(text, file);
    }
  } else v = parseYaml11(text, file);
  return decodeOps(v);
}

/** A resource-level strategic merge (kustomize's Resource.ApplySmPatch). Returns false when the patch deleted it. */
export function applySmPatch(res: KRes, patch: KRes): boolean {
  const { name, namespace, kind } = { name: res.name, namespace: res.namespace, kind: res.kind };
  if (patch.allowNameChange || patch.allowKindChange) res.storePreviousId();
  const merged = strategicMerge(res.obj, deepClone(patch.obj));
  if (!merged) return false;
  res.obj = merged;
  if (!patch.allowKindChange) res.kind = kind;
  if (!patch.allowNameChange) res.name = name;
  res.namespace = namespace;
  return true;
}

/** The resmap-level strategic merge: the patch takes the target's apiVersion, labels/annotations as strings. */
function applySmPatchTo(m: ResMap, selected: Set<KRes>, patch: KRes): void {
  const keep: KRes[] = [];
  for (const res of m.list) {
    if (selected.has(res)) {
      const copy = patch.copy();
      copyMergeMetaData(copy, patch);
      const kind = patch.kind;
      copy.setGvk(res.gvk);
      copy.kind = kind;
      if (!applySmPatch(res, copy)) continue;
    }
    keep.push(res);
  }
  m.list = [];
  m.appendAll(keep);
}

function applyJsonTo(resources: KRes[], ops: Operation[], storePrevious: boolean): void {
  for (const res of resources) {
    if (storePrevious) res.storePreviousId();
    res.obj = applyJsonPatch(res.obj, ops);
    clearNullTexts(res.obj);
    // kustomize rewrites the annotations from a string map after every JSON patch
    setMetaStringMap(res.obj, 'annotations', metaStringMap(res.obj, 'annotations'));
  }
}

function selectTarget(m: ResMap, target: Selector): KRes[] {
  return m.select(target);
}

/** One entry of `patches:`. */
export function applyPatch(m: ResMap, ldr: Loader, p: Patch, file: string): void {
  const { text, source } = patchText(ldr, p);
  let sm: KRes[] | undefined;
  let smErr: Error | undefined;
  try {
    sm = resourcesFromText(text, file);
  } catch (e) {
    smErr = e as Error;
  }
  let ops: Operation[] | undefined;
  let opsErr: Error | undefined;
  try {
    ops = jsonOps(text, file);
  } catch (e) {
    opsErr = e as Error;
  }
  if (sm && ops && sm.length > 0 && ops.length > 0) {
    throw new KustomizeError(`illegally qualifies as both an SM and JSON patch: ${source}`);
  }
  if (smErr && opsErr) {
    throw new KustomizeError(`unable to parse SM or JSON patch from ${source}: ${smErr.message}`);
  }
  if (!smErr && sm && sm.length > 0) {
    for (const patch of sm) {
      if (p.options['allowNameChange']) patch.allowNameChange = true;
      if (p.options['allowKindChange']) patch.allowKindChange = true;
    }
    if (p.target) {
      if (sm.length > 1) {
        throw new KustomizeError(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${source}`);
      }
      applySmPatchTo(m, new Set(selectTarget(m, p.target)), sm[0] as KRes);
      return;
    }
    for (const patch of sm) {
      const target = m.getById(patch.orgId());
      if (!applySmPatch(target, patch)) m.remove(target);
    }
    return;
  }
  if (!p.target) throw new KustomizeError(`must specify a target for JSON patch ${source}`);
  applyJsonTo(selectTarget(m, p.target), ops ?? [], true);
}

/** One entry of `patchesStrategicMerge:`: a file path, or inline YAML. */
export function applyPatchStrategicMerge(m: ResMap, ldr: Loader, entry: string, file: string): void {
  let patches: KRes[] | undefined;
  try {
    const inline = resourcesFromText(entry, file);
    if (inline.length) patches = inline;
  } catch {
    patches = undefined;
  }
  if (!patches) {
    let text: string;
    text = ldr.load(entry);
    patches = resourcesFromText(text, ldr.rel(`${ldr.root}/${entry}`));
  }
  if (patches.length === 0) throw new KustomizeError(`patch appears to be empty; files=[${entry}]`);
  for (const patch of patches) {
    const target = m.getById(patch.orgId());
    applySmPatchTo(m, new Set([target]), patch);
  }
}

/** One entry of `patchesJson6902:`. */
export function applyPatchJson6902(m: ResMap, ldr: Loader, p: Patch, file: string): void {
  if (!p.target || !p.target.name) throw new KustomizeError('must specify the target name');
  if (p.path === '' && p.patch === '') throw new KustomizeError('empty file path and empty jsonOp');
  if (p.path !== '' && p.patch !== '') throw new KustomizeError('must specify a file path or jsonOp, not both');
  const text = p.path !== '' ? ldr.load(p.path) : p.patch;
  if (text === '') throw new KustomizeError(`patch file '${p.path}' empty seems to be empty`);
  const ops = jsonOps(text, file);
  if (ops.length === 0) throw new KustomizeError(`patch appears to be empty; file=${p.path}`);
  applyJsonTo(selectTarget(m, p.target), ops, false);
}

