// The last step of a Flux Kustomization's build: the metadata kustomize-controller puts on every object it applies.
import { isMap } from '../core/resource.js';
import type { YMap } from '../core/resource.js';
import { KUSTOMIZE_GROUP } from './model.js';
import type { FluxKustomization } from './model.js';

/** commonMetadata (overrides existing keys) then the owner labels kustomize-controller sets on everything it applies. */
export function finishMetadata(obj: YMap, ks: FluxKustomization, common: YMap | undefined): YMap {
  const meta: YMap = isMap(obj['metadata']) ? { ...obj['metadata'] } : {};
  const labels: YMap = isMap(meta['labels']) ? { ...meta['labels'] } : {};
  const annotations: YMap = isMap(meta['annotations']) ? { ...meta['annotations'] } : {};
  if (common) {
    if (isMap(common['labels'])) Object.assign(labels, common['labels']);
    if (isMap(common['annotations'])) Object.assign(annotations, common['annotations']);
  }
  labels[`${KUSTOMIZE_GROUP}/name`] = ks.name;
  labels[`${KUSTOMIZE_GROUP}/namespace`] = ks.namespace;
  meta['labels'] = labels;
  if (Object.keys(annotations).length > 0) meta['annotations'] = annotations;
  return { ...obj, metadata: meta };
}
