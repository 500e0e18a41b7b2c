// The new app's Flux Kustomization: the sibling's, cloned (key order, anchors, quoting, header kept) with its
// names and path replaced, and only what every such app carries: its one-off components, substitutions, health
// checks and patches are left behind.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { YMap } from '../core/resource.js';
import type { DependsOnSpec } from './app-spec.js';
import { listOfMaps, normPath, specOf } from './apps.js';
import type { GenContext, NewFile } from './context.js';
import { keepKeys, putSorted, textOf } from './context.js';
import { commonKsComponents, learnDependsOn } from './learn.js';
import type { Feature } from './learn.js';
import { renameWithin } from './patterns.js';
import { list, metaName, metaNamespace, resolveRel, str } from './repo-scan.js';
import type { ComponentUse } from './volume-component.js';
import { componentVars } from './volume-component.js';
import { cloneDoc, dataNode, printDoc, renameScalars, setScalar, styleOf } from './yaml-style.js';

export interface KsRequest {
  /** The volume component the first persistent volume comes from, when it is listed in the ks. */
  volume?: { use: ComponentUse; size: string; storageClass?: string };
  dependsOn: readonly DependsOnSpec[];
  features: readonly Feature[];
}

const KEEP_SPEC = new Set([
  'commonMetadata',
  'components',
  'decryption',
  'deletionPolicy',
  'dependsOn',
  'force',
  'interval',
  'kubeConfig',
  'path',
  'postBuild',
  'prune',
  'retryInterval',
  'serviceAccountName',
  'sourceRef',
  'targetNamespace',
  'timeout',
  'wait',
]);

export function generateKs(ctx: GenContext, req: KsRequest): NewFile {
  const s = ctx.sibling;
  const model = s.ks!;
  const text = textOf(ctx, model);
  const doc = cloneDoc(text, model.index);
  const spec = doc.getIn(['spec'], true) as YAMLMap;
  keepKeys(spec, KEEP_SPEC);
  const siblingKsName = metaName(model.object);
  const siblingPath = str(specOf(model)['path']);

  // components: the ones most apps list, plus the volume component when the new app needs it
  const common = commonKsComponents(ctx.apps);
  const base = normPath(siblingPath);
  const kept: string[] = [];
  const vars = new Set<string>(['APP']);
  for (const e of list(specOf(model)['components']).map(str)) {
    const dir = resolveRel(base, e);
    const isVolume = req.volume !== undefined && dir === req.volume.use.component.dir;
    if (isVolume || (common.has(dir) && !ctx.volumes.has(dir))) {
      kept.push(e);
      for (const v of componentVars(ctx.idx, dir)) vars.add(v);
    }
  }
  if (req.volume) {
    if (req.volume.use.where === 'ks' && !kept.includes(req.volume.use.entry)) kept.push(req.volume.use.entry);
    for (const v of componentVars(ctx.idx, req.volume.use.component.dir)) vars.add(v);
  }
  if (kept.length) putSorted(doc, spec, 'components', kept);
  else spec.delete('components');

  // substitutions: APP, the sibling's values for the components kept (renamed), the volume's size and class
  const pb = doc.getIn(['spec', 'postBuild'], true);
  const sub = isMap(pb) ? (pb.get('substitute', true) as unknown) : undefined;
  const siblingNames = new Set([s.name, s.folder, siblingKsName]);
  const claimVars = new Set(req.volume ? [...req.volume.use.component.nameExpr.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!) : []);
  if (isMap(sub)) {
    (sub as YAMLMap).items = (sub as YAMLMap).items.filter((p) => {
      const key = isScalar(p.key) ? String(p.key.value) : '';
      const value = isScalar(p.value) ? String(p.value.value) : '';
      // a claim name the sibling picked without its own name in it would make the new app share its volume
      if (claimVars.has(key) && !isAlias(p.value) && !siblingNames.has(value) && renameWithin(value, [...siblingNames], '\0') === value) return false;
      return key === 'APP' || siblingNames.has(value) || vars.has(key);
    });
  }
  if (isMap(sub)) {
    for (const p of (sub as YAMLMap).items) {
      if (isScalar(p.value) && typeof p.value.value === 'string') p.value.value = renameWithin(p.value.value, [...siblingNames], ctx.app);
    }
  }
  const subst: Array<[string, string]> = [];
  if (req.volume) {
    const c = req.volume.use.component;
    if (c.capacityVar) subst.push([c.capacityVar, req.volume.size]);
    if (c.storageClassVar && req.volume.storageClass) subst.push([c.storageClassVar, req.volume.storageClass]);
    else if (c.storageClassVar && isMap(sub)) (sub as YAMLMap).delete(c.storageClassVar);
    if (!isMap(sub) || !(sub as YAMLMap).has('APP')) subst.unshift(['APP', ctx.app]);
  }
  if (subst.length) {
    if (!isMap(doc.getIn(['spec', 'postBuild'], true))) putSorted(doc, spec, 'postBuild', { substitute: {} });
    if (!isMap(doc.getIn(['spec', 'postBuild', 'substitute'], true))) putSorted(doc, doc.getIn(['spec', 'postBuild'], true), 'substitute', {});
    const m = doc.getIn(['spec', 'postBuild', 'substitute'], true) as YAMLMap;
    for (const [k, v] of subst) {
      if (m.has(k)) setScalar(doc, ['spec', 'postBuild', 'substitute', k], v);
      else m.add(doc.createPair(k, dataNode(doc, v)));
    }
  }
  const pbNow = doc.getIn(['spec', 'postBuild'], true);
  if (isMap(pbNow)) {
    const subNow = pbNow.get('substitute', true);
    if (isMap(subNow) && subNow.items.length === 0) pbNow.delete('substitute');
    if (pbNow.items.length === 0) spec.delete('postBuild');
  }

  // names, then dependencies (learned ones carry the sibling's namespace names)
  renameScalars(doc.contents, new Map([...siblingNames].map((n) => [n, n === siblingKsName ? ctx.ksName : ctx.app])));
  setScalar(doc, ['metadata', 'name'], ctx.ksName);
  if (metaNamespace(model.object) === s.namespace) setScalar(doc, ['metadata', 'namespace'], ctx.ns);
  if (str(specOf(model)['targetNamespace']) === s.namespace) setScalar(doc, ['spec', 'targetNamespace'], ctx.ns);
  setScalar(doc, ['spec', 'path'], siblingPath.replace(s.appDir, ctx.appDir));

  const deps: YMap[] = learnDependsOn(ctx.apps, s, req.features);
  const siblingDepForm = listOfMaps(specOf(model)['dependsOn'])[0];
  for (const d of req.dependsOn) {
    const entry: YMap = { name: d.name };
    const ns = d.namespace ?? (siblingDepForm && 'namespace' in siblingDepForm ? ctx.ns : undefined);
    if (ns) entry['namespace'] = ns;
    deps.push(entry);
  }
  const unique = new Map(deps.map((d) => [`${str(d['namespace'])}/${str(d['name'])}`, d]));
  if (unique.size) putSorted(doc, spec, 'dependsOn', [...unique.values()]);
  else spec.delete('dependsOn');
  const depsNode = doc.getIn(['spec', 'dependsOn'], true);
  if (isSeq(depsNode)) depsNode.flow = false;

  return { path: ctx.ksFile!, text: printDoc(doc, styleOf(text, model.index)), role: 'ks' };
}
