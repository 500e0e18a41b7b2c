// `replacements:` — copy a value from one resource field (or a literal) into fields of other resources. Field paths
// are dotted with `[key=value]` list selectors, numeric indexes and `*`.
import { resolvePlain } from '../../io/scalar-rules.js';
import type { YMap, YValue } from '../../core/resource.js';
import { KustomizeError } from '../errors.js';
import { goRegExp } from '../go-regexp.js';
import type { KRes } from '../kres.js';
import { matchesLabelSelector } from '../labelselector.js';
import type { ResMap } from '../resmap.js';
import { idSelectedBy } from '../resid.js';
import type { ResId } from '../resid.js';
import type { FieldOptions, Replacement, Selector, TargetSelector } from '../types.js';
import { splitPath } from '../fieldspec.js';
import { deepClone, isMap, scalarText } from '../value.js';

/** kustomize's SmarterPathSplitter: dots split, but not inside `[...=...]`. */
export function splitFieldPath(path: string): string[] {
  const split = splitPath(path, '.');
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const elem = split[i] as string;
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const parts = [elem];
      while (i < split.length - 1) {
        i++;
        parts.push(split[i] as string);
        if ((split[i] as string).endsWith(']')) break;
      }
      const joined = parts.join('.');
      out.push(joined.includes('=') ? joined : joined.replace(/^\[+|\]+$/g, ''));
    } else out.push(elem);
  }
  return out;
}

function ids(r: KRes): ResId[] {
  return [r.curId(), ...r.prevIds()];
}

function selectorId(s: { group: string; version: string; kind: string; name: string; namespace: string }): ResId {
  return { group: s.group, version: s.version, kind: s.kind, name: s.name, namespace: s.namespace };
}

function selString(s: { group: string; version: string; kind: string; name: string; namespace: string }): string {
  return `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}

/** Source lookup (kyaml PathGetter): fields, `[k=v]` first match, numeric index, `-` for the last element. */
function lookup(node: YValue | undefined, path: string[]): YValue | undefined {
  let cur = node;
  for (const raw of path.map((p) => p.trim()).filter((p) => p !== '')) {
    if (cur === undefined || cur === null) return undefined;
    if (/^-?\d+$/.test(raw) || raw === '-') {
      if (!Array.isArray(cur)) throw new KustomizeError(`expected a list at '${raw}'`);
      const i = raw === '-' ? cur.length - 1 : Number(raw);
      if (i < 0 && raw !== '-') throw new KustomizeError(`array index ${i} cannot be negative`);
      cur = cur[i];
    } else if (raw === '*') {
      throw new KustomizeError('wildcard is not supported in a replacement source');
    } else if (raw.startsWith('[') && raw.endsWith(']')) {
      const [k, v] = splitIndex(raw);
      if (!Array.isArray(cur)) throw new KustomizeError(`expected a list at '${raw}'`);
      cur = k === '' ? cur.find((e) => isScalarVal(e) && scalarText(e) === v) : cur.find((e) => isMap(e) && has(e, k) && scalarText(e[k]) === v);
    } else {
      if (!isMap(cur)) throw new KustomizeError(`expected a map at '${raw}'`);
      cur = has(cur, raw) ? cur[raw] : undefined;
    }
  }
  return cur;
}

const has = (m: YMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);
const isScalarVal = (v: YValue | undefined) => v === null || (v !== undefined && typeof v !== 'object');

function splitIndex(p: string): [string, string] {
  const inner = p.replace(/^\[/, '').replace(/\]$/, '');
  const i = inner.indexOf('=');
  if (i < 0) throw new KustomizeError('list path element must contain fieldName=fieldValue for element to match');
  return [inner.slice(0, i), inner.slice(i + 1)];
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
    throw new KustomizeError(`options.index ${opts.index} is out of bounds for value ${scalarText(v)}`);
  }
  return retype(v as YValue, parts[opts.index] as string);
}

/** A scalar keeps its YAML type when only its text changes (kyaml sets Node.Value, the tag stays). */
function retype(old: YValue, text: string): YValue {
  if (typeof old === 'number') {
    const n = resolvePlain(text);
    return typeof n === 'number' || typeof n === 'bigint' ? n : text;
  }
  if (typeof old === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (typeof old === 'bigint') {
    const n = resolvePlain(text);
    return typeof n === 'number' || typeof n === 'bigint' ? n : text;
  }
  return text;
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

type Kind = 'map' | 'seq' | 'scalar';
const kindOf = (v: YValue): Kind => (Array.isArray(v) ? 'seq' : isMap(v) ? 'map' : 'scalar');

interface Slot {
  holder: YMap | YValue[];
  key: string | number;
  created: boolean;
}

/** Target lookup (kyaml PathMatcher): every field the path reaches, creating it when `create` is set. */
function matchPath(holder: YMap | YValue[], key: string | number, path: string[], create: Kind | null, created: boolean): Slot[] {
  if (path.length === 0) return [{ holder, key, created }];
  const node = (holder as Record<string | number, YValue>)[key] as YValue;
  const [part, ...rest] = path as [string, ...string[]];
  const nextKind = (): Kind => {
    const n = rest[0];
    if (n === undefined) return create as Kind;
    if ((n.startsWith('[') && n.endsWith(']')) || /^\d+$/.test(n)) return 'seq';
    return 'map';
  };
  const empty = (k: Kind): YValue => (k === 'map' ? {} : k === 'seq' ? [] : '');
  if (/^\d+$/.test(part)) {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '${part}'`);
    const idx = Number(part);
    let made = false;
    if (node.length === idx && create) {
      node.push(empty(nextKind()));
      made = true;
    }
    if (node.length < idx + 1) throw new KustomizeError(`index ${idx} specified but only ${node.length} elements found`);
    return matchPath(node, idx, rest, create, made);
  }
  if (part.startsWith('[') && part.endsWith(']')) {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '${part}'`);
    const [field, pattern] = splitIndex(part);
    const re = goRegExp(pattern, false);
    const collect = (): Slot[] => {
      const out: Slot[] = [];
      node.forEach((el, i) => {
        if (field === '') {
          if (re.test(scalarText(el))) out.push(...matchPath(node, i, rest, create, false));
        } else if (isMap(el) && has(el, field) && el[field] !== null && re.test(scalarText(el[field]))) {
          out.push(...matchPath(node, i, rest, create, false));
        }
      });
      return out;
    };
    const found = collect();
    if (found.length || !create) return found;
    const v = resolvePlain(pattern) ?? pattern;
    node.push(field === '' ? v : { [field]: v });
    return collect();
  }
  if (part === '*') {
    if (!Array.isArray(node)) throw new KustomizeError(`expected a list at '*'`);
    return node.flatMap((_, i) => matchPath(node, i, rest, create, false));
  }
  if (!isMap(node)) throw new KustomizeError(`expected a map at '${part}', found ${node === null ? 'null' : typeof node}`);
  if (!has(node, part)) {
    if (!create) return [];
    node[part] = empty(nextKind());
    return matchPath(node, part, rest, create, true);
  }
  return matchPath(node, part, rest, create, false);
}

function setValue(slot: Slot, value: YValue, opts: FieldOptions | undefined): void {
  const h = slot.holder as Record<string | number, YValue>;
  const cur = h[slot.key] as YValue;
  let text = scalarText(value);
  if (opts && opts.delimiter) {
    if (cur !== null && typeof cur === 'object') throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const tv = scalarText(cur).split(opts.delimiter);
    if (opts.index < 0) tv.unshift(text);
    else if (opts.index >= tv.length) tv.push(text);
    else tv[opts.index] = text;
    text = tv.join(opts.delimiter);
    value = retype(value, text);
  }
  if (cur === null || typeof cur !== 'object') {
    if (slot.created) h[slot.key] = resolvePlain(text) ?? (text === '' ? '' : text);
    else if (cur === null) h[slot.key] = text;
    else h[slot.key] = retype(cur, text);
  } else h[slot.key] = deepClone(value);
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
