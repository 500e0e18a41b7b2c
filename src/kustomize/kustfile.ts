// Finds, reads and checks the kustomization file of a root (kustomize's KustTarget.Load).
import { posix } from 'node:path';
import { InputError } from '../core/errors.js';
import type { YValue } from '../core/resource.js';
import { DecodeError, decodeLenient } from './decode.js';
import type { SkippedField } from './decode.js';
import type { Loader } from './loader.js';
import { COMPONENT_VERSION, KUSTOMIZATION_FILE_NAMES, KUSTOMIZATION_VERSION, kustomization } from './types.js';
import type { Kustomization } from './types.js';
import { isMap } from './value.js';
import { parseYaml11 } from './yaml-text.js';

export interface KustFile {
  k: Kustomization;
  /** The file's text, when it came from a file (to point findings at lines). */
  text?: string;
  /** Repository-relative path of the kustomization file (or of the directory, for an in-memory kustomization). */
  file: string;
  /** Deprecation warnings, as kustomize prints them. */
  warnings: string[];
}

/** Reads the kustomization file in the loader's root. */
export function readKustFile(ldr: Loader): KustFile {
  return ldr.memo(`kust:${ldr.root}`, () => readUncached(ldr));
}

function readUncached(ldr: Loader): KustFile {
  const found = KUSTOMIZATION_FILE_NAMES.filter((n) => ldr.fs.isFile(posix.join(ldr.root, n)));
  if (found.length === 0) {
    throw new InputError(
      ldr.rel(ldr.root),
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${ldr.rel(ldr.root)}'`,
    );
  }
  if (found.length > 1) throw new InputError(ldr.rel(ldr.root), `found multiple kustomization files: ${found.join(', ')}`);
  const abs = posix.join(ldr.root, found[0] as string);
  const file = ldr.rel(abs);
  const text = ldr.fs.readText(abs);
  return { ...decodeKustomization(parseYaml11(text, file), file, text), text };
}

/** 1-based line of the list entry `name: <name>` under `field:` in a kustomization's text (1 when not found). */
export function entryLine(kf: KustFile, field: string, name: string): number {
  const lines = kf.text?.split('\n') ?? [];
  const start = lines.findIndex((l) => l.startsWith(`${field}:`));
  if (start < 0) return 1;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(-\\s+)?name:\\s*['"]?${esc}['"]?\\s*(#.*)?$`);
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (/^\S/.test(l) && !l.startsWith('-')) break;
    if (re.test(l)) return i + 1;
  }
  return start + 1;
}

/** Line of the top-level field a decode error names (`unknown field "x.y"`, `into field x[0].y`), when it is found. */
function fieldLine(text: string, message: string): number | undefined {
  const top = /(?:unknown field "|into field )([^".[\s]+)/.exec(message)?.[1];
  if (top === undefined) return undefined;
  const i = text.split('\n').findIndex((l) => l.startsWith(`${top}:`) || l.startsWith(`"${top}":`) || l.startsWith(`'${top}':`));
  return i < 0 ? undefined : i + 1;
}

/**
 * Decodes a kustomization's fields into kustomize's types: an unknown field or a value of the wrong type is an
 * InputError naming the file and, given its text, the field's line. No defaults, no checks of kind or emptiness.
 */
export function decodeKustomizationFields(value: YValue, file: string, text?: string): Kustomization {
  return asInputError(file, text, () => kustomization(value, ''));
}

/**
 * As decodeKustomizationFields, but unknown fields (at any depth) are skipped and listed, as sigs.k8s.io/yaml's
 * Unmarshal does (how Flux reads the kustomization file at spec.path); a value of the wrong type still fails.
 */
export function decodeKustomizationFieldsLeniently(value: YValue, file: string, text?: string): SkippedField[] {
  return asInputError(file, text, () => decodeLenient(kustomization, value).skipped);
}

function asInputError<T>(file: string, text: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DecodeError) {
      const line = text === undefined ? undefined : fieldLine(text, e.message);
      throw new InputError(file, `invalid Kustomization: ${e.message}`, {
        ...(line !== undefined ? { line } : {}),
        hint: 'check the field names and value types against the kustomize v5 reference',
      });
    }
    throw e;
  }
}

/** Decodes and checks a kustomization given as data (also used for kustomizations Flux generates in memory). */
export function decodeKustomization(value: YValue, file: string, text?: string): KustFile {
  const k = decodeKustomizationFields(value, file, text);
  const warnings: string[] = [];
  const dep = (field: string, instead: string) =>
    warnings.push(`# Warning: '${field}' is deprecated. Please use '${instead}' instead.`);
  if (k.bases.length) dep('bases', 'resources');
  if (Object.keys(k.commonLabels).length) dep('commonLabels', 'labels');
  if (k.imageTags.length) dep('imageTags', 'images');
  if (k.patchesJson6902.length) dep('patchesJson6902', 'patches');
  if (k.patchesStrategicMerge.length) dep('patchesStrategicMerge', 'patches');
  if (k.vars !== undefined && k.vars !== null) dep('vars', 'replacements');

  // FixKustomization: defaults and moving deprecated fields to their successors.
  if (!k.kind) k.kind = 'Kustomization';
  if (!k.apiVersion) k.apiVersion = k.kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  k.resources = [...k.resources, ...k.bases];
  k.bases = [];
  k.images = [...k.images, ...k.imageTags];
  k.imageTags = [];
  for (const g of [...k.configMapGenerator, ...k.secretGenerator]) {
    if (g.env) {
      g.envs = [...g.envs, g.env];
      g.env = '';
    }
  }

  if (!isMap(value) || Object.keys(value).every((key) => key === 'apiVersion' || key === 'kind')) {
    throw new InputError(file, 'kustomization.yaml is empty', { hint: 'list resources, components or generators' });
  }
  const errs: string[] = [];
  if (k.kind !== 'Kustomization' && k.kind !== 'Component') errs.push('kind should be Kustomization or Component');
  const want = k.kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.apiVersion !== want) errs.push(`apiVersion for ${k.kind} should be ${want}`);
  if (errs.length) throw new InputError(file, `Failed to read kustomization file: ${errs.join('; ')}`);
  return { k, file, warnings };
}
