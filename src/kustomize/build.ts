// The build of one kustomization root, start to finish: accumulate, add generator hashes, fix name references,
// drop local-config resources, sort, and clean up what kustomize keeps only during a build.
import { posix } from 'node:path';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { rethrowIn } from './errors.js';
import { resourceHash } from './generate/hash.js';
import type { KRes } from './kres.js';
import { decodeKustomization } from './kustfile.js';
import { Loader, newSession } from './loader.js';
import type { LoadRestrictor, LoadSession } from './loader.js';
import { Target, targetAt } from './target.js';
import type { BuildContext } from './target.js';
import { fixNameReferences } from './transform/nameref.js';
import { sortResources } from './transform/sort.js';
import { fieldText, isMap, metaOf, setKey } from './value.js';
import { ORIGIN_KEY, TRANSFORMATIONS_KEY } from './origin.js';

export interface BuildOptions {
  loadRestrictor: LoadRestrictor;
  /** Absolute repository root: nothing outside it is ever read. */
  repoRoot: string;
  /** Reuse parse caches across builds of the same, unchanged tree (benchmarks, `build all`). */
  session?: LoadSession;
}

export interface BuildResult {
  /** Resources in kustomize's output order, each with the file and line it came from. */
  resources: Resource[];
  /** Deprecation warnings kustomize would print to stderr. */
  warnings: string[];
}

const DROPPED_ANNOTATIONS = new Set([
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
]);

function sessionFor(fs: FileSystem, opts: BuildOptions): LoadSession {
  const s = opts.session;
  if (s && s.fs === fs && s.restrictor === opts.loadRestrictor) return s;
  return newSession(fs, opts.loadRestrictor, opts.repoRoot);
}

/** kustomize rewrites metadata.annotations as a string map at the end; an empty one disappears. */
function finalizeAnnotations(obj: YMap, keep: { origin: boolean; transformations: boolean }): void {
  const meta = metaOf(obj);
  if (!meta || !Object.prototype.hasOwnProperty.call(meta, 'annotations')) return;
  const ann = meta['annotations'];
  const dropped = (k: string) =>
    DROPPED_ANNOTATIONS.has(k) || (k === ORIGIN_KEY && !keep.origin) || (k === TRANSFORMATIONS_KEY && !keep.transformations);
  const keys = isMap(ann) ? Object.keys(ann).filter((k) => !dropped(k)) : [];
  delete meta['annotations'];
  if (!keys.length) return;
  const out: YMap = {};
  for (const k of keys.sort()) setKey(out, k, fieldText(ann as YMap, k));
  meta['annotations'] = out;
}

function isLocalConfig(r: KRes): boolean {
  const v = r.annotations()['config.kubernetes.io/local-config'];
  return v !== undefined && v !== 'false';
}

function finish(target: Target, ctx: BuildContext): BuildResult {
  const ra = target.accumulate();
  const m = ra.resmap;
  try {
    for (const r of m.list) {
      if (!r.needsHash) continue;
      r.storePreviousId();
      r.name = `${r.name}-${resourceHash(r.obj)}`;
    }
  } catch (e) {
    rethrowIn(e, target.file, 'adding name hashes');
  }
  try {
    fixNameReferences(m, ra.config.nameReference);
  } catch (e) {
    rethrowIn(e, target.file, 'fixing name references');
  }
  let list = m.list.filter((r) => !isLocalConfig(r));
  try {
    list = sortResources(list, target.kf.k.sortOptions);
  } catch (e) {
    rethrowIn(e, target.file, 'sortOptions');
  }
  const bm = target.kf.k.buildMetadata;
  const managedBy = bm.includes('managedByLabel');
  const keep = { origin: bm.includes('originAnnotations'), transformations: bm.includes('transformerAnnotations') };
  const resources = list.map((r) => {
    if (managedBy) {
      const meta = r.meta();
      const labels = isMap(meta['labels']) ? meta['labels'] : (meta['labels'] = {});
      labels['app.kubernetes.io/managed-by'] = 'kustomize-v5.7.1';
    }
    finalizeAnnotations(r.obj, keep);
    return { object: r.obj, origin: r.origin };
  });
  return { resources, warnings: ctx.warnings };
}

function loaderFor(fs: FileSystem, dir: string, opts: BuildOptions): Loader {
  const session = sessionFor(fs, opts);
  const abs = posix.isAbsolute(dir) ? posix.normalize(dir) : posix.join(session.repoRoot, dir);
  return Loader.atDir(session, abs);
}

/** Builds the kustomization in `dir` (absolute, or relative to the repository root) like `kustomize build`. */
export function buildKustomization(fs: FileSystem, dir: string, opts: BuildOptions): BuildResult {
  const ldr = loaderFor(fs, dir, opts);
  const ctx: BuildContext = { warnings: [] };
  return finish(targetAt(ldr, ctx), ctx);
}

/**
 * Builds `dir` with an in-memory kustomization instead of a file in it (Flux generates one for a path without
 * kustomization.yaml). `file` names it in messages and origins (defaults to `<dir>/kustomization.yaml`).
 */
export function buildFromKustomization(
  fs: FileSystem,
  dir: string,
  kustomization: YMap,
  opts: BuildOptions & { file?: string },
): BuildResult {
  const ldr = loaderFor(fs, dir, opts);
  const file = opts.file ?? posix.join(ldr.rel(ldr.root), 'kustomization.yaml');
  const ctx: BuildContext = { warnings: [] };
  // the file the data came from (Flux's spec merged in), when there is one: decode errors can then name its line
  const onDisk = posix.join(ldr.root, posix.basename(file));
  let text: string | undefined;
  try {
    text = fs.exists(onDisk) ? fs.readText(onDisk) : undefined;
  } catch {
    text = undefined;
  }
  return finish(new Target(ldr, decodeKustomization(kustomization, file, text), ctx), ctx);
}
