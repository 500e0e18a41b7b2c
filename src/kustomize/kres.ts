// A resource during a build: the object plus the bookkeeping kustomize keeps in internal annotations (previous ids,
// name prefixes/suffixes, generator behavior, referrals). Kept as fields here; they never reach the output.
import type { Origin, YMap } from '../core/resource.js';
import { splitApiVersion } from '../core/resource.js';
import { KustomizeError } from './errors.js';
import { effectiveNamespace } from './resid.js';
import type { ResId } from './resid.js';
import type { Gvk } from './types.js';
import { deepClone, fieldText, isMap, metaOf, scalarText } from './value.js';

export type Behavior = '' | 'create' | 'merge' | 'replace';

export class KRes {
  obj: YMap;
  origin: Origin;
  /** Previous names/namespaces/kinds, oldest first (kustomize's previousNames/... annotations). */
  prevNames: string[] = [];
  prevNamespaces: string[] = [];
  prevKinds: string[] = [];
  prefixes: string[] = [];
  suffixes: string[] = [];
  refBy: string[] = [];
  /** Set for generated ConfigMaps/Secrets. */
  generated = false;
  behavior: Behavior = '';
  needsHash = false;
  allowNameChange = false;
  allowKindChange = false;

  constructor(obj: YMap, origin: Origin) {
    this.obj = obj;
    this.origin = origin;
  }

  copy(): KRes {
    const r = new KRes(deepClone(this.obj), this.origin);
    r.copyStateFrom(this);
    return r;
  }

  copyStateFrom(o: KRes): void {
    this.prevNames = [...o.prevNames];
    this.prevNamespaces = [...o.prevNamespaces];
    this.prevKinds = [...o.prevKinds];
    this.prefixes = [...o.prefixes];
    this.suffixes = [...o.suffixes];
    this.refBy = [...o.refBy];
    this.generated = o.generated;
    this.behavior = o.behavior;
    this.needsHash = o.needsHash;
    this.allowNameChange = o.allowNameChange;
    this.allowKindChange = o.allowKindChange;
  }

  /** Whether kustomize would hold any internal annotation for this resource. */
  hasBuildState(): boolean {
    return (
      this.prevNames.length > 0 || this.prefixes.length > 0 || this.suffixes.length > 0 || this.refBy.length > 0 ||
      this.generated || this.allowNameChange || this.allowKindChange
    );
  }

  get apiVersion(): string {
    return scalarText(this.obj['apiVersion']);
  }

  get kind(): string {
    return scalarText(this.obj['kind']);
  }

  set kind(k: string) {
    this.obj['kind'] = k;
  }

  get gvk(): Gvk {
    const { group, version } = splitCached(this.apiVersion);
    return { group, version, kind: this.kind };
  }

  setGvk(g: Gvk): void {
    this.obj['kind'] = g.kind;
    this.obj['apiVersion'] = g.group ? `${g.group}/${g.version}` : g.version;
  }

  get name(): string {
    return scalarText(metaOf(this.obj)?.['name']);
  }

  set name(n: string) {
    this.meta()['name'] = n;
  }

  get namespace(): string {
    return scalarText(metaOf(this.obj)?.['namespace']);
  }

  /** Sets metadata.namespace; the empty string removes it. */
  set namespace(ns: string) {
    if (ns === '') {
      const m = metaOf(this.obj);
      if (m) delete m['namespace'];
    } else this.meta()['namespace'] = ns;
  }

  meta(): YMap {
    let m = this.obj['metadata'];
    if (!isMap(m)) {
      m = {};
      this.obj['metadata'] = m;
    }
    return m;
  }

  curId(): ResId {
    return { ...this.gvk, name: this.name, namespace: this.namespace };
  }

  prevIds(): ResId[] {
    if (this.prevNames.length === 0) return [];
    // kustomize keeps these as comma-separated annotations: a comma inside a name splits it
    const names = csv(this.prevNames);
    const namespaces = csv(this.prevNamespaces);
    const kinds = csv(this.prevKinds);
    if (names.length !== namespaces.length || names.length !== kinds.length) {
      throw new KustomizeError(
        'number of previous names, number of previous namespaces, number of previous kinds not equal ' +
          `(a name, namespace or kind of ${this.kind}/${this.name} contains a comma; kustomize fails the same way)`,
      );
    }
    const { group, version } = this.gvk;
    return names.map((name, i) => ({ group, version, kind: kinds[i] as string, name, namespace: namespaces[i] as string }));
  }

  /** Name prefixes as kustomize reads them back from its comma-separated annotation. */
  prefixList(): string[] {
    return csv(this.prefixes);
  }

  suffixList(): string[] {
    return csv(this.suffixes);
  }

  orgId(): ResId {
    return this.prevIds()[0] ?? this.curId();
  }

  storePreviousId(): void {
    const id = this.curId();
    this.prevNames.push(id.name);
    this.prevNamespaces.push(effectiveNamespace(id));
    this.prevKinds.push(id.kind);
  }

  labels(): Record<string, string> {
    const out: Record<string, string> = {};
    const m = metaOf(this.obj)?.['labels'];
    if (isMap(m)) for (const k of Object.keys(m)) out[k] = fieldText(m, k);
    return out;
  }

  annotations(): Record<string, string> {
    const out: Record<string, string> = {};
    const m = metaOf(this.obj)?.['annotations'];
    if (isMap(m)) for (const k of Object.keys(m)) out[k] = fieldText(m, k);
    return out;
  }
}

const splits = new Map<string, { group: string; version: string }>();
function splitCached(apiVersion: string): { group: string; version: string } {
  let s = splits.get(apiVersion);
  if (!s) splits.set(apiVersion, (s = splitApiVersion(apiVersion)));
  return s;
}

/** Whether `a` and `b` end with the same elements (kustomize's SameEndingSubSlice). */
export function sameEndingSubSlice(a: string[], b: string[]): boolean {
  let shortest = a;
  let longest = b;
  if (shortest.length > longest.length) [shortest, longest] = [longest, shortest];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) if (longest[i + diff] !== shortest[i]) return false;
  return true;
}

export function prefixesSuffixesEqual(r: KRes, o: KRes, allowEmpty: boolean): boolean {
  const [rp, op, rs, os] = [r.prefixList(), o.prefixList(), r.suffixList(), o.suffixList()];
  if (allowEmpty) {
    const eitherPrefixEmpty = rp.length === 0 || op.length === 0;
    const eitherSuffixEmpty = rs.length === 0 || os.length === 0;
    return (eitherPrefixEmpty || sameEndingSubSlice(rp, op)) && (eitherSuffixEmpty || sameEndingSubSlice(rs, os));
  }
  return sameEndingSubSlice(rp, op) && sameEndingSubSlice(rs, os);
}

function csv(list: string[]): string[] {
  if (list.length === 0) return list;
  for (const x of list) if (x.includes(',')) return list.join(',').split(',');
  return list;
}
