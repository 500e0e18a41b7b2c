// The new app's ExternalSecret: the store and key asked for, everything the Secret holds (`dataFrom.extract`), in
// the repository's ExternalSecret style and naming.
import { posix } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { ExternalSecretSpec } from './app-spec.js';
import type { GenContext, NewFile } from './context.js';
import { keepKeys, ownerApp, putSorted, textOf } from './context.js';
import { defaultStyle, modelOf } from './generate-extras.js';
import { namePattern } from './patterns.js';
import { docsOfKind, majority, map, metaName, metaNamespace, str } from './repo-scan.js';
import type { ScannedDoc } from './repo-scan.js';
import { cloneDoc, printDoc, setScalar, styleOf } from './yaml-style.js';
import type { DocStyle } from './yaml-style.js';

/**
 * Names of the ExternalSecret and the Secret it makes, in the repository's naming: a pattern (`{app}-secret`) that
 * several apps share or that says nothing app-specific; a one-off such as `romm-db` is not taken over.
 */
export function externalSecretNames(ctx: GenContext, store: string): { name: string; target: string; model?: ScannedDoc } {
  const model = modelOf(ctx, 'ExternalSecret', (d) => str(map(map(d.object['spec'])['secretStoreRef'])['name']) === store) ?? modelOf(ctx, 'ExternalSecret');
  const owned = docsOfKind(ctx.idx, 'ExternalSecret').flatMap((d) => {
    const owner = ownerApp(ctx, d.file);
    return owner ? [{ d, app: owner.name }] : [];
  });
  const habit = (of: (d: ScannedDoc) => string, fallback: string): string => {
    const patterns = owned.map(({ d, app }) => namePattern(of(d), app)).filter((p) => p.includes('{app}'));
    const best = majority(patterns);
    const shared = best !== undefined && patterns.filter((p) => p === best).length >= 2;
    const generic = best !== undefined && /^\{app\}(-(secrets?|env|credentials|config))?$/.test(best);
    return (best !== undefined && (shared || generic) ? best : fallback).replace('{app}', ctx.app);
  };
  const name = habit((d) => metaName(d.object), '{app}');
  const target = habit((d) => str(map(map(d.object['spec'])['target'])['name']) || metaName(d.object), '{app}-secret');
  return model ? { name, target, model } : { name, target };
}

export function generateExternalSecret(ctx: GenContext, es: ExternalSecretSpec & { store: string; storeKind: string }, names: { name: string; target: string; model?: ScannedDoc }): NewFile {
  let doc;
  let style: DocStyle;
  let fileName = 'externalsecret.yaml';
  if (names.model) {
    const text = textOf(ctx, names.model);
    doc = cloneDoc(text, names.model.index);
    style = styleOf(text, names.model.index);
    fileName = posix.basename(names.model.file);
    keepKeys(doc.getIn(['metadata'], true), new Set(['name', 'namespace']));
    if (metaNamespace(names.model.object)) setScalar(doc, ['metadata', 'namespace'], ctx.ns);
    // dataFrom takes the place of the model's data/dataFrom
    const spec = doc.getIn(['spec'], true) as YAMLMap;
    const at = spec.items.findIndex((p) => isScalar(p.key) && (p.key.value === 'data' || p.key.value === 'dataFrom'));
    if (at >= 0) spec.items[at] = doc.createPair('dataFrom', doc.createNode([{ extract: { key: es.key } }]));
    keepKeys(spec, new Set(['refreshInterval', 'secretStoreRef', 'target', 'dataFrom']));
    keepKeys(doc.getIn(['spec', 'target'], true), new Set(['name', 'creationPolicy', 'deletionPolicy']));
  } else {
    doc = cloneDoc(`apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: x\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ${es.storeKind}\n    name: x\n  target:\n    name: x\n`);
    style = defaultStyle(ctx);
  }
  setScalar(doc, ['metadata', 'name'], names.name);
  setScalar(doc, ['spec', 'secretStoreRef', 'name'], es.store);
  if (!isMap(doc.getIn(['spec', 'target'], true))) putSorted(doc, doc.getIn(['spec'], true), 'target', {});
  setScalar(doc, ['spec', 'target', 'name'], names.target);
  putSorted(doc, doc.getIn(['spec'], true), 'dataFrom', [{ extract: { key: es.key } }]);
  setScalar(doc, ['spec', 'secretStoreRef', 'kind'], es.storeKind);
  return { path: posix.join(ctx.appDir, fileName), text: printDoc(doc, style), role: 'externalsecret' };
}

