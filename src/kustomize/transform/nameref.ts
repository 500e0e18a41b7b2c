// Name references: after prefixes, suffixes, namespaces and generator hashes changed names, every field that names
// another resource (a Deployment's configMapRef, a RoleBinding's roleRef and subjects...) is pointed at the new name.
import type { YMap, YValue } from '../../core/resource.js';
import type { NameBackRef } from '../builtin-config.js';
import { KustomizeError } from '../errors.js';
import { applyFieldSpec } from '../fieldspec.js';
import { prefixesSuffixesEqual } from '../kres.js';
import type { KRes } from '../kres.js';
import type { ResMap } from '../resmap.js';
import { effectiveNamespace, gvkSelected, idString, isClusterScoped, nsEquals, NOT_NAMESPACEABLE } from '../resid.js';
import type { FieldSpec, Gvk } from '../types.js';
import { isMap, scalarText, typeName } from '../value.js';

interface Ctx {
  referrer: KRes;
  spec: FieldSpec;
  target: Gvk;
  candidates: KRes[];
}

function roleRefGvk(r: KRes): Gvk | null {
  const rr = r.obj['roleRef'];
  if (!isMap(rr) || rr['apiGroup'] === undefined || rr['kind'] === undefined) return null;
  return { group: scalarText(rr['apiGroup']), version: '', kind: scalarText(rr['kind']) };
}

function selectReferral(ctx: Ctx, oldName: string, candidates: KRes[], identical: (c: KRes[]) => boolean): KRes | null {
  let c = candidates.filter((r) => r.prevIds().some((id) => id.name === oldName));
  c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id, ctx.target)));
  if (ctx.spec.path.endsWith('roleRef/name')) {
    const g = roleRefGvk(ctx.referrer);
    if (g) c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id, g)));
  }
  const rid = ctx.referrer.curId();
  if (!isClusterScoped(rid)) {
    c = c.filter((r) => isClusterScoped(r.curId()) || r.kind === 'ServiceAccount' || nsEquals(rid, r.curId()));
  }
  if (c.length === 1) return c[0] as KRes;
  c = c.filter((r) => prefixesSuffixesEqual(r, ctx.referrer, true));
  if (c.length > 1) c = c.filter((r) => prefixesSuffixesEqual(r, ctx.referrer, false));
  if (c.length === 1) return c[0] as KRes;
  if (c.length === 0) return null;
  if (identical(c)) return c[0] as KRes;
  throw new KustomizeError(`found multiple possible referrals: ${c.map((r) => idString(r.curId())).join(', ')}`);
}

const sameNames = (c: KRes[]) => c.every((r) => r.name === (c[0] as KRes).name);
const sameNamesAndNamespaces = (c: KRes[]) =>
  c.every((r) => r.name === (c[0] as KRes).name && r.namespace === (c[0] as KRes).namespace);

function record(ctx: Ctx, referral: KRes): void {
  referral.refBy.push(idString(ctx.referrer.curId()));
}

function setScalar(ctx: Ctx, holder: YMap | YValue[], key: string | number): void {
  const h = holder as Record<string | number, YValue>;
  const old = scalarText(h[key]);
  const referral = selectReferral(ctx, old, ctx.candidates, sameNames);
  if (!referral) return;
  record(ctx, referral);
  if (referral.name !== old) h[key] = referral.name;
}

function byNamespace(list: KRes[], ns: string, original: boolean): KRes[] | undefined {
  const out: KRes[] = [];
  let seen = false;
  for (const r of list) {
    const eff = effectiveNamespace(original ? r.orgId() : r.curId());
    if (eff === NOT_NAMESPACEABLE || eff !== ns) continue;
    seen = true;
    out.push(r);
  }
  return seen ? out : undefined;
}

function setMapping(ctx: Ctx, node: YMap): void {
  if (!Object.prototype.hasOwnProperty.call(node, 'name')) {
    throw new KustomizeError("path config error; no 'name' field in node");
  }
  let candidates = ctx.candidates;
  if (Object.prototype.hasOwnProperty.call(node, 'namespace')) {
    const ns = scalarText(node['namespace']);
    candidates = byNamespace(ctx.candidates, ns, true) ?? byNamespace(ctx.candidates, ns, false) ?? [];
  }
  const oldName = scalarText(node['name']);
  const referral = selectReferral(ctx, oldName, candidates, sameNamesAndNamespaces);
  if (!referral) return;
  record(ctx, referral);
  if (referral.name === oldName && referral.namespace === '') return;
  node['name'] = referral.name;
  if (referral.namespace === '') return;
  node['namespace'] = referral.namespace;
}

function set(ctx: Ctx, holder: YMap, key: string): void {
  const v = holder[key];
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    v.forEach((el, i) => {
      if (el === null) return;
      if (isMap(el)) setMapping(ctx, el);
      else if (!Array.isArray(el)) setScalar(ctx, v, i);
      else throw new KustomizeError(`${typeName(el)} is expected to be either a string or a map of string`);
    });
  } else if (isMap(v)) setMapping(ctx, v);
  else setScalar(ctx, holder, key);
}

export function fixNameReferences(m: ResMap, backRefs: NameBackRef[]): void {
  const plan: { r: KRes; spec: FieldSpec; target: Gvk }[] = [];
  const orgIds = new Map(m.list.map((r) => [r, r.orgId()]));
  for (const br of backRefs) {
    for (const spec of br.referrers) {
      for (const r of m.list) {
        if (gvkSelected(orgIds.get(r) as Gvk, spec)) plan.push({ r, spec, target: br.target });
      }
    }
  }
  const byReferrer = new Map<KRes, { spec: FieldSpec; target: Gvk }[]>();
  for (const p of plan) {
    let l = byReferrer.get(p.r);
    if (!l) byReferrer.set(p.r, (l = []));
    l.push({ spec: p.spec, target: p.target });
  }
  for (const [r, filters] of byReferrer) {
    const candidates = m.referenceableBy(r);
    for (const f of filters) {
      const ctx: Ctx = { referrer: r, spec: f.spec, target: f.target, candidates };
      const g = r.gvk;
      try {
        applyFieldSpec(r.obj, { ...f.spec, ...g, create: false }, (h, k) => set(ctx, h, k), 'none');
      } catch (e) {
        if (e instanceof KustomizeError) {
          throw new KustomizeError(`updating name reference in '${f.spec.path}' field of '${idString(r.curId())}': ${e.message}`);
        }
        throw e;
      }
    }
  }
}
