// The kustomization Flux builds for a Kustomization's spec.path (fluxcd/pkg kustomize generator): the existing
// kustomization file, or one generated from the YAML files below the path, then the Flux spec merged into it
// (targetNamespace, namePrefix/Suffix, patches, components, images, buildMetadata).
import { posix } from 'node:path';
import type { FileSystem } from '../io/fs.js';
import { parseYaml, parseYamlDocuments } from '../io/yaml-read.js';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { DEFAULT_RULES } from './sourceignore.js';
import { InputError } from '../core/errors.js';
import { dropUnknownFields } from './lenient-kustomization.js';
import type { DroppedField } from './lenient-kustomization.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Whether a single name is one source-controller's built-in rules leave out (as a file or a folder). Name-only and
 * defaults-only: a repository's `.sourceignore` or spec.ignore replaces those rules, which only the builds' view of
 * the repository (FluxRepo.sourceFs, sourceignore-fs.ts) accounts for.
 */
export function isSourceIgnored(name: string): boolean {
  return DEFAULT_RULES.excludes([name], false) || DEFAULT_RULES.excludes([name], true);
}

/** The kustomization file in `dir`, if any (first of kustomize's recognised names). */
export function findKustomizationFile(fs: FileSystem, dir: string): string | undefined {
  for (const n of KUSTOMIZATION_FILES) {
    const p = posix.join(dir, n);
    if (fs.isFile(p)) return p;
  }
  return undefined;
}

export class GenerateError extends Error {
  readonly file: string | undefined;
  constructor(message: string, file?: string) {
    super(message);
    this.name = 'GenerateError';
    this.file = file;
  }
}

/**
 * Flux's generated kustomization for `dir`: every `.yaml`/`.yml` file below it in walk order, and every sub-dir
 * holding a kustomization file as a directory entry (not descended into). Files must parse as YAML. `fs` is the
 * repository as the source artifact holds it (SourceView): kustomize-controller's generator filters nothing itself,
 * what the artifact leaves out is simply not there.
 */
export function generateKustomization(fs: FileSystem, dir: string, displayPath: (abs: string) => string = (p) => p): YMap {
  const resources: string[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readDir(d)) {
      const p = posix.join(d, name);
      if (fs.isDirectory(p)) {
        if (findKustomizationFile(fs, p)) resources.push('./' + posix.relative(dir, p));
        else walk(p);
        continue;
      }
      const ext = posix.extname(name);
      if (ext !== '.yaml' && ext !== '.yml') continue;
      try {
        parseYamlDocuments(fs.readText(p), displayPath(p));
      } catch (e) {
        throw new GenerateError(`failed to decode Kubernetes YAML from ${displayPath(p)}: ${e instanceof Error ? e.message : String(e)}`, displayPath(p));
      }
      resources.push('./' + posix.relative(dir, p));
    }
  };
  walk(dir);
  const kus: YMap = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  // an empty kustomization is an error in kustomize; Flux sets a placeholder namespace instead
  if (resources.length === 0) kus['namespace'] = '_placeholder';
  else kus['resources'] = resources;
  return kus;
}

/** A kustomization file whose fields do not decode into kustomize's types; the message names its file and line. */
export class KustomizationFieldError extends Error {
  readonly hint: string | undefined;
  constructor(e: InputError) {
    super(e.message);
    this.name = 'KustomizationFieldError';
    this.hint = e.hint;
  }
}

/**
 * Reads the existing kustomization file, or generates one. The file is read as kustomize-controller's generator reads
 * it before it merges the spec in: decoded into kustomize's types without DisallowUnknownFields, so an unknown field
 * is dropped (listed in `dropped`; lenient-kustomization.ts) while a field of the wrong type fails, even where the
 * spec replaces it (`namespace: [a]` under a targetNamespace) or appends to it (`images: x` under spec.images).
 * The file is the first of kustomize's names found (fluxcd/pkg reads and rewrites that one, not only
 * kustomization.yaml).
 */
export function loadKustomization(fs: FileSystem, dir: string, displayPath: (abs: string) => string): { file: string; kus: YMap; generated: boolean; dropped: DroppedField[] } {
  const existing = findKustomizationFile(fs, dir);
  if (existing) {
    // Flux merges the spec into the first and kustomize then refuses the folder
    const all = KUSTOMIZATION_FILES.filter((n) => fs.isFile(posix.join(dir, n)));
    if (all.length > 1) throw new KustomizationFieldError(new InputError(displayPath(dir), `found multiple kustomization files: ${all.join(', ')}`, { hint: 'keep one kustomization file in the folder' }));
    const text = fs.readText(existing);
    const v = parseYaml(text, displayPath(existing));
    let read: { value: YValue; dropped: DroppedField[] };
    try {
      read = dropUnknownFields(v as YValue, displayPath(existing), text);
    } catch (e) {
      throw e instanceof InputError ? new KustomizationFieldError(e) : e;
    }
    return { file: existing, kus: isMap(read.value) ? { ...read.value } : {}, generated: false, dropped: read.dropped };
  }
  return { file: posix.join(dir, 'kustomization.yaml'), kus: generateKustomization(fs, dir, displayPath), generated: true, dropped: [] };
}

const list = (v: YValue | undefined): YValue[] => (Array.isArray(v) ? v : []);
const str = (v: YValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Kustomize's remote prefixes: Flux only accepts local, relative component paths. */
export function isLocalRelativePath(p: string): boolean {
  const lower = p.toLowerCase();
  for (const prefix of ['git::', 'gh:', 'ssh://', 'https://', 'http://', 'git@', 'github.com:', 'github.com/']) {
    if (prefix.length < p.length && lower.startsWith(prefix)) return false;
  }
  return !p.startsWith('/') && !lower.replace(/^file:\/\//, '').startsWith('/');
}

/**
 * Merges a Flux Kustomization spec into the kustomization (as Flux's generator does before building).
 * `exists(rel)` tells whether a component path exists, for `ignoreMissingComponents`.
 */
export function applyFluxSpec(kus: YMap, spec: YMap, generated: boolean, exists: (rel: string) => boolean): YMap {
  const out: YMap = { ...kus };
  // kustomize rejects a kustomization with nothing to build; Flux adds build metadata so that it is not empty
  if (!generated && list(out['resources']).length === 0) out['buildMetadata'] = ['originAnnotations'];
  const ns = str(spec['targetNamespace']);
  if (ns) out['namespace'] = ns;
  const prefix = str(spec['namePrefix']);
  if (prefix) out['namePrefix'] = prefix;
  const suffix = str(spec['nameSuffix']);
  if (suffix) out['nameSuffix'] = suffix;
  const patches = list(spec['patches']).filter(isMap);
  if (patches.length > 0) {
    out['patches'] = [...list(out['patches']), ...patches.map((p): YMap => (isMap(p['target']) ? { patch: p['patch'] ?? '', target: p['target'] } : { patch: p['patch'] ?? '' }))];
  }
  const components = list(spec['components']).filter((c): c is string => typeof c === 'string');
  if (components.length > 0) {
    const keep: string[] = [];
    for (const c of components) {
      if (!isLocalRelativePath(c)) throw new GenerateError(`component path '${c}' must be local and relative`);
      if (spec['ignoreMissingComponents'] === true && !exists(c)) continue;
      keep.push(c);
    }
    if (keep.length > 0) out['components'] = [...list(out['components']), ...keep];
  }
  const psm = list(spec['patchesStrategicMerge']);
  if (psm.length > 0) out['patchesStrategicMerge'] = [...list(out['patchesStrategicMerge']), ...psm.map((p) => JSON.stringify(p))];
  const pj = list(spec['patchesJson6902']).filter(isMap);
  if (pj.length > 0) {
    out['patchesJson6902'] = [...list(out['patchesJson6902']), ...pj.map((p) => ({ patch: JSON.stringify(p['patch'] ?? []), target: p['target'] ?? {} }))];
  }
  const images = list(spec['images']).filter(isMap);
  if (images.length > 0) {
    const merged = list(out['images']).filter(isMap).map((i) => ({ ...i }));
    for (const img of images) {
      const existing = merged.find((i) => i['name'] === img['name']);
      if (!existing) {
        merged.push({ ...img });
        continue;
      }
      // tag and digest select the version together: setting one clears the other (as kustomize's image filter)
      if (str(img['newName'])) existing['newName'] = img['newName']!;
      if (str(img['newTag']) || str(img['digest'])) {
        existing['newTag'] = img['newTag'] ?? '';
        existing['digest'] = img['digest'] ?? '';
        if (!str(existing['newTag'])) delete existing['newTag'];
        if (!str(existing['digest'])) delete existing['digest'];
      }
    }
    out['images'] = merged;
  }
  const bm = list(spec['buildMetadata']).filter((b): b is string => typeof b === 'string');
  if (bm.length > 0) out['buildMetadata'] = bm;
  return out;
}
