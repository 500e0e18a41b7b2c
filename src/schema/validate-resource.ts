// Validates one Kubernetes object against its schema, like `kubeconform -strict`: --skip/--reject by kind or GVK, a
// missing-schema policy, Lists expanded into their items, and every violation as a Finding with kubeconform's path.
import type { Finding, ResourceRef, Severity } from '../core/finding.js';
import { KindMatcher, formatGvk, gvkKey, parseApiVersion } from './gvk.js';
import type { Gvk } from './gvk.js';
import { isObject } from './keywords.js';
import type { SchemaRegistry } from './registry.js';
import { violationsFromAjv } from './violations.js';
import type { Position } from './yaml-docs.js';

export type MissingSchemaPolicy = 'error' | 'warn' | 'ignore';

export interface ValidateOptions {
  registry: SchemaRegistry;
  /** Kinds or GVKs (`apps/v1/Deployment`) not to validate; comma lists allowed. */
  skip?: readonly string[];
  /** Kinds or GVKs that are an error wherever they appear. */
  reject?: readonly string[];
  /** What a kind without any schema is: default `warn`. */
  missingSchema?: MissingSchemaPolicy;
  /** Accept `${VAR}` strings where a number, bool or pattern is due (unsubstituted Flux sources). */
  allowPlaceholders?: boolean;
  /** Validate SOPS-encrypted files as the decrypted object would be: their top-level `sops` block is not an error. */
  ignoreSopsMetadata?: boolean;
}

export interface ResourceInput {
  object: unknown;
  /** Repository-relative file, for findings. */
  file?: string;
  /** Line where the document starts. */
  line?: number;
  /** Line/column of a JSON path in the source (see yaml-docs.ts); with `key`, of the key itself. */
  locate?: (path: readonly (string | number)[], key?: boolean) => Position | undefined;
}

const matchers = new WeakMap<readonly string[], KindMatcher>();
function matcher(list: readonly string[] | undefined): KindMatcher | null {
  if (!list || list.length === 0) return null;
  let m = matchers.get(list);
  if (!m) matchers.set(list, (m = new KindMatcher(list)));
  return m;
}

/** Problems with a source (bad file in a schema location) are reported once per registry, not per resource. */
const reportedProblems = new WeakMap<SchemaRegistry, Set<string>>();

export function validateResource(obj: unknown, opts: ValidateOptions, where: Omit<ResourceInput, 'object'> = {}): Finding[] {
  const at = (path: readonly (string | number)[] = [], key?: boolean): Pick<Finding, 'file' | 'line' | 'col'> => {
    const p = where.locate?.(path, key);
    const line = p?.line ?? (path.length === 0 ? where.line : undefined) ?? where.line;
    return { ...(where.file ? { file: where.file } : {}), ...(line !== undefined ? { line } : {}), ...(p ? { col: p.col } : {}) };
  };
  if (!isObject(obj)) {
    return [{ code: 'resource-invalid', severity: 'error', message: 'document is not a mapping', ...at(), hint: 'a Kubernetes manifest is a YAML mapping with apiVersion, kind and metadata' }];
  }
  const kind = obj['kind'];
  const apiVersion = obj['apiVersion'];
  if (typeof kind !== 'string' || kind === '') return [{ code: 'resource-invalid', severity: 'error', message: "missing 'kind' key", ...at() }];
  if (typeof apiVersion !== 'string' || apiVersion === '') return [{ code: 'resource-invalid', severity: 'error', message: "missing 'apiVersion' key", ...at() }];
  if (kind === 'List' && Array.isArray(obj['items'])) {
    return obj['items'].flatMap((item, i) =>
      validateResource(item, opts, { ...where, locate: (path, key) => where.locate?.(['items', i, ...path], key) }),
    );
  }
  const gvk: Gvk = { ...parseApiVersion(apiVersion), kind };
  if (matcher(opts.skip)?.matches(gvk)) return [];
  const resource = resourceRef(obj, apiVersion, kind);
  if (matcher(opts.reject)?.matches(gvk)) {
    return [{ code: 'kind-rejected', severity: 'error', message: `prohibited resource kind ${kind}`, resource, ...at(), hint: `${gvkKey(gvk)} is in the --reject list` }];
  }
  const findings: Finding[] = [];
  const data = withoutBigInt(opts.ignoreSopsMetadata && isSopsBlock(obj['sops']) ? withoutKey(obj, 'sops') : obj);
  const { compiled, problems } = opts.registry.resolveFor(gvk, data);
  let seen = reportedProblems.get(opts.registry);
  if (!seen) reportedProblems.set(opts.registry, (seen = new Set()));
  for (const p of problems) {
    if (seen.has(p)) continue;
    seen.add(p);
    findings.push({ code: 'schema-unusable', severity: 'warning', message: p, hint: 'the next schema source was used instead' });
  }
  if (!compiled) {
    const policy = opts.missingSchema ?? 'warn';
    if (policy !== 'ignore') findings.push(missingSchemaFinding(gvk, policy === 'error' ? 'error' : 'warning', resource, at()));
    return findings;
  }
  const found = compiled.found;
  if (found.served === false) {
    findings.push({
      code: 'api-not-served',
      severity: 'warning',
      message: `${apiVersion} ${kind} is not served (served: false in ${found.origin})`,
      resource,
      ...at(['apiVersion']),
      hint: 'move to a served API version of this kind',
    });
  } else if (found.deprecated || found.legacy) {
    findings.push({
      code: 'api-deprecated',
      severity: 'warning',
      message: `${apiVersion} ${kind} is ${found.legacy ? 'removed from current releases' : 'deprecated'} (schema from ${found.origin})`,
      resource,
      ...at(['apiVersion']),
      hint: 'move to the current API version of this kind',
    });
  }
  if (compiled.validate(data)) return findings;
  const violations = violationsFromAjv(compiled.validate.errors ?? [], data, { allowPlaceholders: opts.allowPlaceholders === true });
  for (const v of violations) {
    const pos = v.keyword === 'additionalProperties' && v.fields?.length ? at([...v.path, v.fields[0] ?? ''], true) : at(v.path);
    findings.push({
      code: 'schema-invalid',
      severity: 'error',
      message: `at '${v.pointer}': ${v.message}`,
      resource,
      ...pos,
      hint: `${suggestion(v.suggestions)}schema: ${found.origin}`,
    });
  }
  return findings;
}

function suggestion(s: Record<string, string> | undefined): string {
  if (!s) return '';
  const pairs = Object.entries(s);
  const parts = pairs.length === 1 ? pairs.map(([, good]) => `'${good}'`) : pairs.map(([bad, good]) => `'${good}' (for '${bad}')`);
  return `did you mean ${parts.join(', ')}? `;
}

export function missingSchemaFinding(gvk: Gvk, severity: Severity, resource?: ResourceRef, where: Pick<Finding, 'file' | 'line' | 'col'> = {}): Finding {
  return {
    code: 'schema-missing',
    severity,
    message: `could not find schema for ${formatGvk(gvk)}`,
    ...(resource ? { resource } : {}),
    ...where,
    hint: `add its CustomResourceDefinition to the repository, run \`hops schemas import <crd file>\`, or pass --schema-location; --skip ${gvkKey(gvk)} to silence`,
  };
}

function resourceRef(obj: Record<string, unknown>, apiVersion: string, kind: string): ResourceRef {
  const meta = isObject(obj['metadata']) ? obj['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : typeof meta['generateName'] === 'string' ? meta['generateName'] : '';
  const ref: ResourceRef = { apiVersion, kind, name };
  if (typeof meta['namespace'] === 'string' && meta['namespace']) ref.namespace = meta['namespace'];
  return ref;
}

function isSopsBlock(v: unknown): boolean {
  return isObject(v) && ('mac' in v || 'lastmodified' in v);
}

function withoutKey(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** ajv types bigint as neither integer nor number; large YAML ints arrive as bigint. Copies only when needed. */
function withoutBigInt(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) {
    let copy: unknown[] | null = null;
    v.forEach((x, i) => {
      const y = withoutBigInt(x);
      if (y !== x) (copy ??= [...v])[i] = y;
    });
    return copy ?? v;
  }
  if (isObject(v)) {
    let copy: Record<string, unknown> | null = null;
    for (const [k, x] of Object.entries(v)) {
      const y = withoutBigInt(x);
      if (y !== x) (copy ??= { ...v })[k] = y;
    }
    return copy ?? v;
  }
  return v;
}

