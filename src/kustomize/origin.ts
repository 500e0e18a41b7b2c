// buildMetadata: originAnnotations / transformerAnnotations. kustomize records where each resource came from (a file
// path relative to the built root, or the generator that made it) and which builtin transformers touched it, as
// YAML text in two annotations; both are dropped at the end unless asked for.
import { posix } from 'node:path';
import type { KRes } from './kres.js';
import { isMap } from './value.js';
import { parseYaml11 } from './yaml-text.js';

export const ORIGIN_KEY = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_KEY = 'alpha.config.kubernetes.io/transformations';

export interface OriginRef {
  path?: string;
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

/** Go's filepath.Join for relative paths ("" stays ""). */
export function joinPath(a: string, b: string): string {
  if (!a && !b) return '';
  const j = posix.normalize(posix.join(a || '.', b || '.'));
  return j === '.' ? '' : j.replace(/\/$/, '');
}

function lines(o: OriginRef, indent: string): string[] {
  const out: string[] = [];
  if (o.path) out.push(`path: ${o.path}`);
  if (o.configuredIn) out.push(`configuredIn: ${o.configuredIn}`);
  if (o.configuredBy) {
    out.push('configuredBy:');
    const b = o.configuredBy;
    out.push(`${indent}apiVersion: ${b.apiVersion}`, `${indent}kind: ${b.kind}`);
    if (b.name) out.push(`${indent}name: ${b.name}`);
    if (b.namespace) out.push(`${indent}namespace: ${b.namespace}`);
  }
  return out;
}

export function originText(o: OriginRef): string {
  return lines(o, '  ').map((l) => l + '\n').join('');
}

function transformationsText(list: OriginRef[]): string {
  return list
    .map((o) => lines(o, '  ').map((l, i) => (i === 0 ? '- ' : '  ') + l + '\n').join(''))
    .join('');
}

function annotations(r: KRes): Record<string, unknown> {
  const meta = r.meta();
  if (!isMap(meta['annotations'])) meta['annotations'] = {};
  return meta['annotations'] as Record<string, unknown>;
}

export function hasOrigin(r: KRes): boolean {
  return typeof r.annotations()[ORIGIN_KEY] === 'string';
}

export function setOrigin(r: KRes, o: OriginRef): void {
  annotations(r)[ORIGIN_KEY] = originText(o);
}

function parseRefs(text: string): OriginRef[] {
  const v = parseYaml11(text, TRANSFORMATIONS_KEY);
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((m) => {
    const o: OriginRef = {};
    if (typeof m['path'] === 'string') o.path = m['path'];
    if (typeof m['configuredIn'] === 'string') o.configuredIn = m['configuredIn'];
    const b = m['configuredBy'];
    if (isMap(b)) {
      o.configuredBy = { apiVersion: String(b['apiVersion'] ?? ''), kind: String(b['kind'] ?? '') };
      if (typeof b['name'] === 'string') o.configuredBy.name = b['name'];
      if (typeof b['namespace'] === 'string') o.configuredBy.namespace = b['namespace'];
    }
    return o;
  });
}

/** Records that a transformer ran: the origin of a resource that has none, else one more transformation. */
export function addTransformation(r: KRes, o: OriginRef): void {
  if (!hasOrigin(r)) {
    setOrigin(r, o);
    return;
  }
  const prev = r.annotations()[TRANSFORMATIONS_KEY];
  const list = [...(prev ? parseRefs(prev) : []), o];
  annotations(r)[TRANSFORMATIONS_KEY] = transformationsText(list);
}
