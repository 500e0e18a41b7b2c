// CRDs found in the repository or its rendered output, as a schema source: indexed when given, converted on first use.
import { crdVersions, isCrd } from './crd-to-jsonschema.js';
import type { CrdVersionSchema } from './crd-to-jsonschema.js';
import { gvkKey } from './gvk.js';
import type { Gvk } from './gvk.js';
import { isObject } from './keywords.js';
import type { FoundSchema, SchemaSource } from './source.js';
import type { Scope } from './bundle-format.js';

export interface CrdInput {
  object: unknown;
  /** Where the CRD was read, for messages (`kubernetes/apps/x/crds.yaml:12`). */
  origin?: string;
}

export class CrdSource implements SchemaSource {
  readonly name = 'repo CRDs';
  private readonly byKey = new Map<string, CrdInput>();
  private readonly converted = new Map<CrdInput, Map<string, CrdVersionSchema>>();

  constructor(crds: Iterable<CrdInput | unknown> = []) {
    this.add(crds);
  }

  /** Indexes more CRDs; a later CRD for the same GVK replaces an earlier one (as the last applied would). */
  add(crds: Iterable<CrdInput | unknown>): string[] {
    const keys: string[] = [];
    for (const c of crds) {
      const input: CrdInput = isObject(c) && 'object' in c && isCrd(c['object']) ? (c as unknown as CrdInput) : { object: c };
      if (!isCrd(input.object)) continue;
      for (const key of crdKeys(input.object)) {
        this.byKey.set(key, input);
        keys.push(key);
      }
    }
    return keys;
  }

  /** `spec.scope` of the CRD defining this kind. */
  scopeOf(gvk: Gvk): Scope | undefined {
    const crd = this.byKey.get(gvkKey(gvk))?.object;
    const scope = isObject(crd) && isObject(crd['spec']) ? crd['spec']['scope'] : undefined;
    return scope === 'Namespaced' || scope === 'Cluster' ? scope : undefined;
  }

  lookup(gvk: Gvk): FoundSchema | null {
    const input = this.byKey.get(gvkKey(gvk));
    if (!input) return null;
    let versions = this.converted.get(input);
    if (!versions) {
      versions = new Map(crdVersions(input.object).map((v) => [gvkKey(v), v]));
      this.converted.set(input, versions);
    }
    const v = versions.get(gvkKey(gvk));
    if (!v) return null;
    const name = isObject(input.object) && isObject(input.object['metadata']) ? String(input.object['metadata']['name'] ?? '') : '';
    return {
      schema: v.schema,
      origin: `CustomResourceDefinition ${name}${input.origin ? ` (${input.origin})` : ''}`,
      ...(v.served ? {} : { served: false as const }),
      ...(v.deprecated ? { deprecated: true as const } : {}),
    };
  }
}

/** GVK keys a CRD defines, without converting its schemas. */
function crdKeys(crd: Record<string, unknown>): string[] {
  const spec = crd['spec'];
  if (!isObject(spec) || typeof spec['group'] !== 'string' || !isObject(spec['names'])) return [];
  const kind = spec['names']['kind'];
  if (typeof kind !== 'string') return [];
  const names: string[] = [];
  if (Array.isArray(spec['versions'])) {
    for (const v of spec['versions']) if (isObject(v) && typeof v['name'] === 'string') names.push(v['name']);
  }
  if (names.length === 0 && typeof spec['version'] === 'string') names.push(spec['version']);
  return names.map((version) => gvkKey({ group: spec['group'] as string, version, kind }));
}
