// `replacements:` — copy a value from one resource field (or a literal) into fields of other resources. Field paths
// are dotted with `[key=value]` list selectors, numeric indexes and `*`.
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import type { KRes } from '../kres.js';
import { matchesLabelSelector } from '../labelselector.js';
import type { ResMap } from '../resmap.js';
import { idSelectedBy } from '../resid.js';
import type { ResId } from '../resid.js';
import type { Replacement, Selector, TargetSelector } from '../types.js';
import { isMap, scalarText } from '../value.js';
import { kindOf, lookup, matchPath, retype, setValue, splitFieldPath } from './field-path.js';

function ids(r: KRes): ResId[] {
  return [r.curId(), ...r.prevIds()];
}

function selectorId(s: { group: string; version: string; kind: string; name: string; namespace: string }): ResId {
  return { group: s.group, version: s.version, kind: s.kind, name: s.name, namespace: s.namespace };
}

function selString(s: { group: string; version: string; kind: string; name: string; namespace: string }): string {
  return `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}

function isEmptyValue(v: YValue | undefined): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function sourceValue(m: ResMap, r: Replacement): YValue {
  if (r.sourceValue !== undefined && r.source !== undefined) {
    throw new KustomizeError('value and resource selectors are mutually exclusive');
  }
  if (r.sourceValue !== undefined) return r.sourceValue;
  const src = r.source!;
  const sel = selectorId(src);
  const matches = m.list.filter((res) => ids(res).some((id) => idSelectedBy(id, sel)));
  if (matches.length > 1) throw new KustomizeError(`multiple matches for selector ${selString(src)}`);
  if (matches.length === 0) throw new KustomizeError(`nothing selected by ${selString(src)}`);
  const fieldPath = src.fieldPath || 'metadata.name';
  const v = lookup((matches[0] as KRes).obj, splitFieldPath(fieldPath));
  if (isEmptyValue(v)) {
    throw new KustomizeError(`fieldPath \`${fieldPath}\` is missing for replacement source ${selString(src)}`);
  }
  const opts = src.options;
  if (!opts || !opts.delimiter) return v as YValue;
  if (v !== null && typeof v === 'object') throw new KustomizeError('delimiter option can only be used with scalar nodes');
  const parts = scalarText(v).split(opts.delimiter);
  if (opts.index >= parts.length || opts.index < 0) {
    // the value itself is not quoted: it may come from a Secret
    throw new KustomizeError(`options.index ${opts.index} is out of bounds for the value at \`${fieldPath}\` of ${selString(src)} (${parts.length} part${parts.length === 1 ? '' : 's'})`);
  }
  return retype(v as YValue, parts[opts.index] as string);
}

function matchesAnnoAndLabels(r: KRes, s: Selector): boolean {
  return matchesLabelSelector(s.annotationSelector, r.annotations()) && matchesLabelSelector(s.labelSelector, r.labels());
}

function selectedAsTarget(r: KRes, t: TargetSelector): boolean {
  const sel = t.select!;
  if (!matchesAnnoAndLabels(r, sel)) return false;
  for (const rej of t.reject) {
    if (!rej.annotationSelector && !rej.labelSelector) continue;
    if (matchesAnnoAndLabels(r, rej)) return false;
  }
  const all = ids(r);
  if (!all.some((id) => idSelectedBy(id, selectorId(sel)))) return false;
  const rejected = t.reject.some((rej) => {
    const rid = selectorId(rej);
    if (!rid.group && !rid.version && !rid.kind && !rid.name && !rid.namespace) return false;
    return all.some((id) => idSelectedBy(id, rid));
  });
  return !rejected;
}

function applyTargets(m: ResMap, value: YValue, targets: TargetSelector[]): void {
  for (const t of targets) {
    if (!t.select) throw new KustomizeError('target must specify resources to select');
    const paths = t.fieldPaths.length ? t.fieldPaths : ['metadata.name'];
    for (const r of m.list) {
      if (!selectedAsTarget(r, t)) continue;
      for (const fp of paths) {
        const create = t.options?.create ? kindOf(value) : null;
        const root = { root: r.obj as YValue };
        const slots = matchPath(root as unknown as YMap, 'root', splitFieldPath(fp), create, false);
        if (slots.length === 0) {
          throw new KustomizeError(
            create ? `unable to find or create field "${fp}" in replacement target` : `unable to find field "${fp}" in replacement target`,
          );
        }
        for (const s of slots) setValue(s, value, t.options);
      }
    }
  }
}

export function applyReplacements(m: ResMap, replacements: Replacement[]): void {
  for (const r of replacements) {
    if ((r.sourceValue === undefined && r.source === undefined) || r.targets.length === 0) {
      throw new KustomizeError('replacements must specify a source and at least one target');
    }
    applyTargets(m, sourceValue(m, r), r.targets);
  }
}
