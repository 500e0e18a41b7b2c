// A HelmRelease's post-renderers, applied to what its chart renders as helm-controller (v1.6) applies them:
// each `postRenderers[].kustomize` in order is a kustomize build of the manifests (one resource file) with its
// `patches` and `images` in a generated kustomization; then `commonMetadata` sets labels and annotations on every
// object's metadata (overriding existing keys). The build is hops's own kustomize engine, in memory.
// helm-controller finally adds its origin labels (helm.toolkit.fluxcd.io/name, /namespace); hops leaves them out,
// as it always has: they are the same on both sides of a diff.
import type { YMap, YValue } from '../core/resource.js';
import { isMap } from '../core/resource.js';
import { MemoryFS } from '../io/fs.js';
import { buildFromKustomization, renderYaml } from '../kustomize/index.js';
import type { HelmDoc } from './helm-output.js';

/** The folder and file names the manifests are built from (helm-controller's in-memory names). */
const DIR = '/post-render';
const INPUT = 'helm-output.yaml';
const ORIGIN_LABELS = new Set(['helm.toolkit.fluxcd.io/name', 'helm.toolkit.fluxcd.io/namespace']);

const SELECTOR_KEYS = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];
const IMAGE_KEYS = ['name', 'newName', 'newTag', 'digest'];

/** A post-renderer that failed; `index` is its place in spec.postRenderers. */
export class PostRenderError extends Error {
  constructor(
    readonly index: number | undefined,
    message: string,
  ) {
    super(index === undefined ? message : `postRenderers[${index}]: ${message}`);
    this.name = 'PostRenderError';
  }
}

const list = (v: YValue | undefined): YValue[] => (Array.isArray(v) ? v : []);
const text = (v: YValue | undefined): string => (v === undefined || v === null || isMap(v) || Array.isArray(v) ? '' : String(v));

/** Only the fields helm-controller's API has, empty ones left out (as Go's omitempty does). */
function pick(from: YMap, keys: readonly string[]): YMap {
  const out: YMap = {};
  for (const k of keys) if (text(from[k])) out[k] = text(from[k]);
  return out;
}

/** The kustomization helm-controller generates for one `postRenderers[].kustomize`. */
export function postRenderKustomization(kustomize: YMap): YMap {
  const k: YMap = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [INPUT] };
  const images = list(kustomize['images']).filter(isMap).map((i) => pick(i, IMAGE_KEYS));
  if (images.length) k['images'] = images;
  const patches = list(kustomize['patches']).filter(isMap).map((p): YMap => {
    const out: YMap = {};
    if (text(p['patch'])) out['patch'] = text(p['patch']);
    if (isMap(p['target'])) out['target'] = pick(p['target'], SELECTOR_KEYS);
    return out;
  });
  if (patches.length) k['patches'] = patches;
  return k;
}

/** Runs one kustomize post-renderer over a YAML stream: the objects kustomize prints, in its order. Throws. */
function kustomizePostRender(manifests: string, kustomize: YMap, name: string): YMap[] {
  const fs = new MemoryFS({ [`${DIR}/${INPUT}`]: manifests });
  const built = buildFromKustomization(fs, DIR, postRenderKustomization(kustomize), { loadRestrictor: 'none', repoRoot: DIR, file: name });
  return built.resources.map((r) => r.object);
}

/** commonMetadata on every object's metadata; helm-controller's origin labels win over a label of the same key. */
function withCommonMetadata(obj: YMap, common: YMap): YMap {
  const meta: YMap = isMap(obj['metadata']) ? { ...obj['metadata'] } : {};
  for (const [field, skip] of [['labels', ORIGIN_LABELS], ['annotations', new Set<string>()]] as const) {
    const add = common[field];
    if (!isMap(add)) continue;
    const into: YMap = isMap(meta[field]) ? { ...meta[field] } : {};
    for (const [k, v] of Object.entries(add)) if (!skip.has(k)) into[k] = text(v);
    meta[field] = into;
  }
  return { ...obj, metadata: meta };
}

/** Whether a HelmRelease spec has anything hops post-renders. */
export function hasPostRender(spec: YMap): boolean {
  return list(spec['postRenderers']).length > 0 || isMap(spec['commonMetadata']);
}

/** One object of the result, with the line of the rendered manifest it came from (or of its group's first). */
export interface RenderedObject {
  object: YMap;
  line: number;
}

const idOf = (o: YMap): string => {
  const meta = isMap(o['metadata']) ? o['metadata'] : {};
  return `${text(o['kind'])}/${text(meta['namespace'])}/${text(meta['name'])}`;
};

/** The whole chain (kustomize post-renderers in order, then commonMetadata) over one stream. */
function renderGroup(docs: readonly HelmDoc[], spec: YMap): RenderedObject[] {
  const given = docs.flatMap((d) => d.objects);
  let objects: YMap[] = given.map((o) => o.object);
  let input = docs.map((d) => d.text).join('');
  let ran = false;
  list(spec['postRenderers']).forEach((pr, i) => {
    if (!isMap(pr) || !isMap(pr['kustomize'])) return;
    if (ran) input = renderYaml(objects.map((object) => ({ object, origin: { file: INPUT, line: 1 } })));
    try {
      objects = kustomizePostRender(input, pr['kustomize'], `postRenderers[${i}].kustomize`);
    } catch (e) {
      if (!(e instanceof Error) || e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) throw e;
      // the engine's message starts with the name given above; PostRenderError puts the entry in front itself
      throw new PostRenderError(i, e.message.replace(`postRenderers[${i}].kustomize: `, 'kustomize: '));
    }
    ran = true;
  });
  const common = spec['commonMetadata'];
  if (isMap(common)) objects = objects.map((o) => withCommonMetadata(o, common));
  const lines = new Map(given.map((g) => [idOf(g.object), g.line]));
  const first = given[0]?.line ?? 1;
  return objects.map((object) => ({ object, line: lines.get(idOf(object)) ?? first }));
}

const STRATEGIES = ['combined', 'nohooks', 'separate'];

/**
 * What helm-controller applies from a chart's rendered manifests: CRDs from `crds/` as rendered, the rest through
 * the post-renderers as `spec.postRenderStrategy` says (helm 4's default `combined`: hooks and templates in one
 * stream; `nohooks`: hooks untouched; `separate`: hooks and templates in two runs). Throws PostRenderError.
 */
export function postRender(docs: readonly HelmDoc[], spec: YMap): RenderedObject[] {
  const strategy = text(spec['postRenderStrategy']) || 'combined';
  if (!STRATEGIES.includes(strategy)) throw new PostRenderError(undefined, `postRenderStrategy ${JSON.stringify(strategy)} is not one of ${STRATEGIES.join(', ')}`);
  const out: RenderedObject[] = [];
  const asRendered = (group: readonly HelmDoc[]): void => void out.push(...group.flatMap((d) => d.objects));
  asRendered(docs.filter((d) => d.crd));
  const rest = docs.filter((d) => !d.crd);
  const hooks = rest.filter((d) => d.hook);
  const templates = rest.filter((d) => !d.hook);
  if (strategy === 'combined') {
    if (rest.length) out.push(...renderGroup(rest, spec));
  } else {
    if (strategy === 'separate' && hooks.length) out.push(...renderGroup(hooks, spec));
    else asRendered(hooks);
    if (templates.length) out.push(...renderGroup(templates, spec));
  }
  return out;
}

/** Deprecated v2beta fields helm-controller's v2 API no longer reads, as notes. */
export function ignoredFields(spec: YMap): string[] {
  const out: string[] = [];
  list(spec['postRenderers']).forEach((pr, i) => {
    const k = isMap(pr) && isMap(pr['kustomize']) ? pr['kustomize'] : {};
    for (const f of ['patchesStrategicMerge', 'patchesJson6902']) {
      if (k[f] !== undefined) out.push(`postRenderers[${i}].kustomize.${f} is not applied: helm-controller's v2 API removed it (use patches)`);
    }
  });
  return out;
}
