// The shared resource model: a Kubernetes object as plain data, where it came from, and its id.
// Every stage (kustomize, flux, validate, diff) passes these around; none of them needs the YAML text again.

/** A YAML/JSON value as read with go-yaml v3 scalar rules (timestamps are strings, big ints may be bigint). */
export type YScalar = string | number | bigint | boolean | null;
export type YValue = YScalar | YMap | YValue[];
export interface YMap {
  [key: string]: YValue;
}

/** Where a resource came from: a file relative to the repository root (`/`-separated) and its 1-based line. */
export interface Origin {
  file: string;
  line: number;
}

export interface Resource {
  object: YMap;
  origin: Origin;
}

export interface ResourceId {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

export function isMap(v: unknown): v is YMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: YValue | undefined): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : isMap(v) || Array.isArray(v) ? '' : String(v);
}

/** Splits `apps/v1` into group `apps` and version `v1`; a bare `v1` has the empty group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function resourceId(obj: YMap): ResourceId {
  const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
  const { group, version } = splitApiVersion(str(obj['apiVersion']));
  return { group, version, kind: str(obj['kind']), namespace: str(meta['namespace']), name: str(meta['name']) };
}

/** `group/version/kind/namespace/name` with empty parts kept, stable for maps and messages. */
export function idKey(id: ResourceId): string {
  return `${id.group}/${id.version}/${id.kind}/${id.namespace}/${id.name}`;
}
