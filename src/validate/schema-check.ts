// Schema validation of what the repository builds, kubeconform -strict style, through src/schema: every resource once
// (a file built into two clusters is checked per content), SOPS-encrypted objects as Flux sees them after decryption
// (no `sops` block; encrypted values stand in as empty values of their type), placeholders of variables whose values
// are unknown offline tolerated.
import type { Finding } from '../core/finding.js';
import { idKey, isMap, resourceId } from '../core/resource.js';
import type { Origin, YMap, YValue } from '../core/resource.js';
import { SchemaRegistry, validateResources } from '../schema/index.js';
import type { MissingSchemaPolicy, ResourceInput } from '../schema/index.js';
import type { SourceLocator } from './locate.js';
import type { ValidationModel } from './model.js';

export interface SchemaCheckOptions {
  skip?: readonly string[];
  reject?: readonly string[];
  schemaLocations?: readonly string[];
  kubernetesVersion?: string;
  missingSchema?: MissingSchemaPolicy;
  /** Schema cache of `hops schemas import`; null: none. */
  cacheDir?: string | null;
  /** Base for relative --schema-location paths. */
  cwd?: string;
  fetch?: typeof fetch;
}

const ENC = /^ENC\[AES256_GCM,.*,type:(\w+)\]$/s;

function decryptedShape(v: YValue): YValue {
  if (typeof v === 'string') {
    const t = ENC.exec(v)?.[1];
    if (!t) return v;
    return t === 'int' || t === 'float' ? 0 : t === 'bool' ? false : '';
  }
  if (Array.isArray(v)) return v.map(decryptedShape);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decryptedShape(x)]));
  return v;
}

/** The object Flux applies: a SOPS-encrypted one loses its `sops` block and holds plain values. */
export function asApplied(obj: YMap): YMap {
  if (!isMap(obj['sops'])) return obj;
  const { sops: _sops, ...rest } = obj;
  return decryptedShape(rest) as YMap;
}

export function schemaRegistry(opts: SchemaCheckOptions): SchemaRegistry {
  return new SchemaRegistry({
    schemaLocations: opts.schemaLocations ?? [],
    cacheDir: opts.cacheDir ?? null,
    ...(opts.kubernetesVersion ? { kubernetesVersion: opts.kubernetesVersion } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}

/** Validates resource inputs that carry their own positions (plain manifests). */
export async function checkInputs(inputs: ResourceInput[], opts: SchemaCheckOptions, registry = schemaRegistry(opts)): Promise<Finding[]> {
  return collapseSameSource(
    await validateResources(inputs, {
      registry,
      missingSchema: opts.missingSchema ?? 'warn',
      allowPlaceholders: true,
      ...(opts.skip ? { skip: opts.skip } : {}),
      ...(opts.reject ? { reject: opts.reject } : {}),
    }),
  );
}

/** Inputs for the validator: each built object once per source document, as Flux applies it, located by `locator`. */
export function schemaInputs(resources: Iterable<{ object: YMap; origin: Origin }>, locator: SourceLocator): ResourceInput[] {
  const inputs: ResourceInput[] = [];
  const seen = new Set<string>();
  for (const r of resources) {
    const obj = asApplied(r.object);
    const key = `${r.origin.file}:${r.origin.line}:${idKey(resourceId(obj))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const origin = r.origin;
    inputs.push({
      object: obj,
      file: origin.file,
      ...(origin.line > 0 ? { line: origin.line } : {}),
      locate: (path) => {
        const at = locator.locate(origin, path);
        return at.line !== undefined ? { line: at.line, col: at.col ?? 1 } : undefined;
      },
    });
  }
  return inputs;
}

export async function checkSchemas(model: ValidationModel, opts: SchemaCheckOptions, registry = schemaRegistry(opts)): Promise<Finding[]> {
  return checkInputs(schemaInputs(model.resources, model.locator), opts, registry);
}

/**
 * One document built into many objects (a component added to every namespace) fails the same way for each: one
 * finding at that line, saying how many objects share it.
 */
function collapseSameSource(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.file === undefined || f.line === undefined || !f.resource) {
      out.push(f);
      continue;
    }
    const key = JSON.stringify([f.code, f.severity, f.file, f.line, f.col, f.message]);
    const g = groups.get(key);
    if (g) g.push(f);
    else {
      const list = [f];
      groups.set(key, list);
      out.push(f);
    }
  }
  return out.map((f) => {
    const g = f.file !== undefined && f.line !== undefined && f.resource ? groups.get(JSON.stringify([f.code, f.severity, f.file, f.line, f.col, f.message])) : undefined;
    return g && g.length > 1 ? { ...f, message: `${f.message} (and in ${g.length - 1} more object${g.length > 2 ? 's' : ''} built from this document)` } : f;
  });
}
