// The smaller files of a new app, each cloned from the closest model the repository has: PersistentVolumeClaims
// (when no volume component makes them) and the app folder's kustomization.yaml.
import { posix } from 'node:path';
import { isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { PersistenceSpec } from './app-spec.js';
import type { GenContext, NewFile } from './context.js';
import { keepKeys, ownerApp, putSorted, textOf } from './context.js';
import { namePattern } from './patterns.js';
import { docsOfKind, majority, map, metaName, metaNamespace, str } from './repo-scan.js';
import type { ScannedDoc } from './repo-scan.js';
import { cloneDoc, printDoc, renameScalars, setScalar, styleOf } from './yaml-style.js';
import type { DocStyle } from './yaml-style.js';

/** A model document of `kind`: in the sibling's folder, else the most common file name's, else any in an app folder. */
export function modelOf(ctx: GenContext, kind: string, pred: (d: ScannedDoc) => boolean = () => true): ScannedDoc | undefined {
  const docs = docsOfKind(ctx.idx, kind).filter(pred);
  const own = docs.find((d) => posix.dirname(d.file) === ctx.sibling.appDir);
  if (own) return own;
  const inApps = docs.filter((d) => ownerApp(ctx, d.file));
  const usualName = majority(inApps.map((d) => posix.basename(d.file)));
  return inApps.find((d) => posix.basename(d.file) === usualName) ?? docs[0];
}

export const defaultStyle = (ctx: GenContext): DocStyle => ({ header: styleOf(textOf(ctx, ctx.sibling.hr), ctx.sibling.hr.index).header.filter((h) => h === '---'), indentSeq: true });

export interface PlannedClaim {
  vol: PersistenceSpec;
  claim: string;
}

/** Claim names for volumes without a component: the model's naming (`{app}-config-v1`, `{app}`), one per volume. */
export function plainClaims(ctx: GenContext, vols: readonly PersistenceSpec[]): { claims: PlannedClaim[]; model?: ScannedDoc } {
  const model = modelOf(ctx, 'PersistentVolumeClaim', (d) => !metaName(d.object).includes('${'));
  let pattern = '{app}-{vol}';
  if (model) {
    const owner = ownerApp(ctx, model.file);
    const name = metaName(model.object);
    pattern = owner ? namePattern(name, owner.name) : name;
    const persistence = owner ? map(map(map(owner.hr.object['spec'])['values'])['persistence']) : {};
    const key = Object.entries(persistence).find(([, v]) => str(map(v)['existingClaim']) === name)?.[0];
    if (key && pattern.includes(key)) pattern = pattern.replace(key, '{vol}');
    if (!pattern.includes('{app}')) pattern = '{app}-{vol}';
  }
  const claims = vols.map((vol, i) => {
    let p = pattern;
    if (!p.includes('{vol}') && (i > 0 || vols.length > 1)) p += '-{vol}';
    return { vol, claim: p.replace('{app}', ctx.app).replace('{vol}', vol.name) };
  });
  return model ? { claims, model } : { claims };
}

export function generatePvcs(ctx: GenContext, claims: readonly PlannedClaim[], model: ScannedDoc | undefined): NewFile[] {
  const byFile = new Map<string, string[]>();
  for (const { vol, claim } of claims) {
    let doc;
    let style: DocStyle;
    let fileName = 'pvc.yaml';
    if (model) {
      const text = textOf(ctx, model);
      doc = cloneDoc(text, model.index);
      style = styleOf(text, model.index);
      const owner = ownerApp(ctx, model.file);
      const spec = doc.getIn(['spec'], true);
      keepKeys(spec, new Set(['accessModes', 'resources', 'storageClassName', 'volumeMode']));
      keepKeys(doc.getIn(['metadata'], true), new Set(['name', 'namespace', 'labels']));
      if (owner) renameScalars(doc.contents, new Map([[owner.name, ctx.app]]));
      setScalar(doc, ['metadata', 'name'], claim);
      if (metaNamespace(model.object) && owner && metaNamespace(model.object) === owner.namespace) setScalar(doc, ['metadata', 'namespace'], ctx.ns);
      const base = posix.basename(model.file);
      const key = owner ? Object.entries(map(map(map(owner.hr.object['spec'])['values'])['persistence'])).find(([, v]) => str(map(v)['existingClaim']) === metaName(model.object))?.[0] : undefined;
      fileName = key && base.includes(key) ? base.replace(key, vol.name) : base;
    } else {
      doc = cloneDoc(`apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${claim}\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n`);
      style = defaultStyle(ctx);
    }
    setScalar(doc, ['spec', 'resources', 'requests', 'storage'], vol.size);
    if (vol.storageClass) setScalar(doc, ['spec', 'storageClassName'], vol.storageClass);
    const path = posix.join(ctx.appDir, fileName);
    const list = byFile.get(path) ?? [];
    list.push(printDoc(doc, list.length ? { ...style, header: ['---', ...style.header.filter((h) => h !== '---')] } : style));
    byFile.set(path, list);
  }
  return [...byFile].map(([path, texts]) => ({ path, text: texts.join(''), role: 'pvc' as const }));
}

/** The app folder's kustomization.yaml, listing `files` in the sibling's order and entry form. */
export function generateAppKustomization(ctx: GenContext, files: readonly NewFile[], component?: string): NewFile | undefined {
  const k = ctx.sibling.appKust;
  if (!k) return undefined; // Flux generates one for folders without it, as it does for the sibling
  const text = ctx.idx.texts.get(k.file) ?? '';
  const doc = cloneDoc(text, 0);
  keepKeys(doc.contents, new Set(['apiVersion', 'kind', 'namespace', 'resources', 'components']));
  if (str(k.object['namespace'])) setScalar(doc, ['namespace'], ctx.ns);
  const dotSlash = k.resources.some((r) => r.entry.startsWith('./'));
  // the sibling's order of roles (a source before the release, or after), or sorted when it sorts
  const roleOf = (path: string): string => (ctx.idx.byFile.get(path) ?? []).map((d) => String(d.object['kind'])).join(',');
  const siblingOrder = k.resources.map((r) => roleOf(r.path));
  const sorted = k.resources.every((r, i) => i === 0 || k.resources[i - 1]!.entry <= r.entry);
  const kindOf = (f: NewFile): string => ({ helmrelease: 'HelmRelease', source: 'OCIRepository', pvc: 'PersistentVolumeClaim', externalsecret: 'ExternalSecret' })[f.role as string] ?? '';
  const pos = (f: NewFile): number => {
    const i = siblingOrder.findIndex((r) => r.split(',').includes(kindOf(f)));
    return i < 0 ? siblingOrder.length : i;
  };
  const names = [...files]
    .sort((a, b) => (sorted ? posix.basename(a.path).localeCompare(posix.basename(b.path)) : pos(a) - pos(b)))
    .map((f) => (dotSlash ? './' : '') + posix.relative(ctx.appDir, f.path));
  putSorted(doc, doc.contents, 'resources', names);
  const comps = doc.getIn(['components'], true);
  if (component) putSorted(doc, doc.contents, 'components', [component]);
  else if (isSeq(comps) || comps !== undefined) (doc.contents as YAMLMap).delete('components');
  return { path: k.file.replace(ctx.sibling.appDir, ctx.appDir), text: printDoc(doc, styleOf(text, 0)), role: 'app-kustomization' };
}
