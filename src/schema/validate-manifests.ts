// Many resources at once: plain manifest text (duplicate keys are errors, as under kubeconform -strict; findings carry
// lines and columns), http(s) schema locations fetched up front, and missing schemas under the `warn` policy reported once per
// kind rather than once per resource.
import type { Finding } from '../core/finding.js';
import { parseApiVersion } from './gvk.js';
import type { Gvk } from './gvk.js';
import { isObject } from './keywords.js';
import { isCrd } from './crd-to-jsonschema.js';
import { validateResource } from './validate-resource.js';
import type { ResourceInput, ValidateOptions } from './validate-resource.js';
import { YamlParseError, parseYamlDocuments } from '../io/yaml-read.js';
import type { YamlDoc } from '../io/yaml-read.js';

export interface ManifestText {
  /** Name for findings: a repository-relative path, or `stdin`. */
  file: string;
  text: string;
}

/**
 * Resource inputs (with positions) and the findings of reading the text. Values and positions come from src/io's
 * reader (go-yaml v3 scalar rules, like every other stage), told to collect repeated keys rather than stop at the
 * first: each is an error (as under kubeconform -strict), the later value is validated, and positions in the rest of
 * the file stay those of a clean file (a field's key).
 */
export function manifestResources(m: ManifestText): { resources: ResourceInput[]; findings: Finding[] } {
  let docs: YamlDoc[];
  try {
    docs = parseYamlDocuments(m.text, m.file, { duplicateKeys: 'collect' });
  } catch (e) {
    if (!(e instanceof YamlParseError)) throw e;
    const at = { ...(e.line !== undefined ? { line: e.line } : {}), ...(e.col !== undefined ? { col: e.col } : {}) };
    return { resources: [], findings: [{ code: 'yaml-invalid', severity: 'error', message: e.reason, file: m.file, ...at, hint: 'fix the YAML syntax; this file was not validated' }] };
  }
  const resources: ResourceInput[] = [];
  const findings: Finding[] = [];
  for (const d of docs) {
    for (const dup of d.duplicateKeys) {
      findings.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `mapping key "${dup.key}" already defined at line ${dup.first.line}`,
        file: m.file,
        line: dup.at.line,
        col: dup.at.col,
        hint: 'a repeated key silently replaces the first one; keep one',
      });
    }
    if (d.value === null) continue;
    resources.push({ object: d.value, file: m.file, line: d.startLine, locate: (path) => d.posOf(path) });
  }
  return { resources, findings };
}

/** Validates the documents of one manifest text (local schema sources only; see validateManifests for http). */
export function validateManifestText(m: ManifestText, opts: ValidateOptions): Finding[] {
  const { resources, findings } = manifestResources(m);
  for (const r of resources) opts.registry.expect(r.object);
  for (const r of resources) findings.push(...validateResource(r.object, opts, r));
  return findings;
}

function gvksOf(objects: Iterable<unknown>): Gvk[] {
  const out: Gvk[] = [];
  const add = (o: unknown): void => {
    if (!isObject(o) || typeof o['kind'] !== 'string' || typeof o['apiVersion'] !== 'string') return;
    if (o['kind'] === 'List' && Array.isArray(o['items'])) o['items'].forEach(add);
    else out.push({ ...parseApiVersion(o['apiVersion']), kind: o['kind'] });
  };
  for (const o of objects) add(o);
  return out;
}

/**
 * Validates resources, fetching http(s) schema locations first; missing-schema warnings come once per kind. CRDs among
 * the resources supply schemas for the others (as the repository's own CRDs do), unless `useInputCrds` is false.
 */
export async function validateResources(inputs: Iterable<ResourceInput>, opts: ValidateOptions & { useInputCrds?: boolean }): Promise<Finding[]> {
  const list = [...inputs];
  if (opts.useInputCrds !== false) {
    opts.registry.addCrds(list.filter((r) => isCrd(r.object)).map((r) => ({ object: r.object, origin: `${r.file ?? 'input'}${r.line !== undefined ? `:${r.line}` : ''}` })));
  }
  if (opts.registry.needsNetwork) await opts.registry.prefetch(gvksOf(list.map((r) => r.object)));
  // every document announced first: each kind is compiled once, for the fields all of them use
  for (const r of list) opts.registry.expect(r.object);
  const findings: Finding[] = [];
  for (const r of list) findings.push(...validateResource(r.object, opts, r));
  return collapseMissing(findings);
}

/** Reads and validates manifest texts (files, folders' files, stdin), like `kubeconform -strict`. */
export async function validateManifests(texts: Iterable<ManifestText>, opts: ValidateOptions & { useInputCrds?: boolean }): Promise<Finding[]> {
  const findings: Finding[] = [];
  const resources: ResourceInput[] = [];
  for (const m of texts) {
    const r = manifestResources(m);
    findings.push(...r.findings);
    resources.push(...r.resources);
  }
  findings.push(...(await validateResources(resources, opts)));
  return findings;
}

/** One `schema-missing` warning per kind, counting the resources, at the place of the first. */
export function collapseMissing(findings: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.code === 'schema-missing' && f.severity === 'warning') counts.set(f.message, (counts.get(f.message) ?? 0) + 1);
  const done = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.code !== 'schema-missing' || f.severity !== 'warning') {
      out.push(f);
      continue;
    }
    if (done.has(f.message)) continue;
    done.add(f.message);
    const n = counts.get(f.message) ?? 1;
    out.push({ ...f, message: `${f.message}: ${n} resource${n === 1 ? '' : 's'} not validated` });
  }
  return out;
}
