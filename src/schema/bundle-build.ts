// Builds the shipped schema bundle (schemas/ at the project root) from ../shared/schemas: the Kubernetes swagger for one
// version, the upstream CRDs (Apache-2.0/MIT sources only; gateway-api standard channel only), legacy Flux CRDs and the
// datree JSON schemas for GVKs the newer sources lack. Pure apart from reading the input folder; returns path → text.
// scripts/build-schemas.js writes the result; a test checks the committed bundle equals it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { crdSchemaToJsonSchema, crdVersions } from './crd-to-jsonschema.js';
import { kubernetesSchemas, kubernetesScopes } from './openapi-to-jsonschema.js';
import { dedupeSchemas } from './bundle-dedupe.js';
import { gvkKey } from './gvk.js';
import type { JsonSchema } from './keywords.js';
import type { BundleIndex, BundleKindEntry } from './bundle-format.js';
import { BUNDLE_FORMAT, kubernetesFile, crdFile } from './bundle-format.js';
import { jsonLines, notice } from './bundle-text.js';
import type { NoticeSource } from './bundle-text.js';
import { ENUM_ADDITIONS, applyOverrides } from './bundle-overrides.js';
import type { AppliedOverride } from './bundle-overrides.js';

export interface BuildOptions {
  /** e.g. `v1.35.0`; `kubernetes/swagger-<version>.json` must exist. */
  kubernetesVersion: string;
}

type Row = Record<string, string>;

function readTsv(path: string): Row[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const head = (lines.shift() ?? '').split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** Only Apache-2.0 and MIT sources may be shipped (AGPL ones are for tests). */
export function shippableLicence(licence: string): boolean {
  return /^(Apache-2\.0|MIT)\b/.test(licence) && !/AGPL|GPL-/.test(licence);
}

type Source = NoticeSource;

export function buildBundle(sharedSchemas: string, opts: BuildOptions): Map<string, string> {
  const version = opts.kubernetesVersion;
  const kinds: Record<string, BundleKindEntry> = {};
  const groupFiles = new Map<string, Map<string, JsonSchema>>();
  const sources = new Map<string, Source>();
  const source = (section: string, repo: string, release: string, commit: string, licence: string): Source => {
    const key = `${section}\t${repo}\t${release}\t${commit}`;
    let s = sources.get(key);
    if (!s) sources.set(key, (s = { section, repo, release, commit, licence, kinds: new Set() }));
    return s;
  };

  // Kubernetes core kinds: shared definitions in one file.
  const k8sRow = readTsv(join(sharedSchemas, 'kubernetes/SOURCES.tsv')).find((r) => r['file'] === `swagger-${version}.json`);
  if (!k8sRow) throw new Error(`no kubernetes/swagger-${version}.json listed in ${sharedSchemas}/kubernetes/SOURCES.tsv`);
  const swagger = JSON.parse(readFileSync(join(sharedSchemas, 'kubernetes', `swagger-${version}.json`), 'utf8')) as unknown;
  const k8s = kubernetesSchemas(swagger);
  const k8sSource = source('Kubernetes OpenAPI', `${k8sRow['source_repo']} (${k8sRow['path']})`, `${k8sRow['tag']} = Kubernetes ${version}`, k8sRow['tag_commit'] ?? '', k8sRow['licence'] ?? '');
  const k8sScopes = kubernetesScopes(swagger);
  for (const [key, def] of Object.entries(k8s.kinds)) {
    const scope = k8sScopes[key];
    kinds[key] = { file: kubernetesFile(version), def, ...(scope ? { scope } : {}) };
    k8sSource.kinds.add(key);
  }

  const overrides: AppliedOverride[] = [];
  const addSchema = (group: string, ver: string, kind: string, schema: JsonSchema, entry: Omit<BundleKindEntry, 'file'>, src: Source): void => {
    const key = gvkKey({ group, version: ver, kind });
    if (kinds[key]) return; // an earlier (newer, or core) source already has it
    overrides.push(...applyOverrides(group, ver, kind, schema));
    const file = crdFile(group);
    let m = groupFiles.get(file);
    if (!m) groupFiles.set(file, (m = new Map()));
    m.set(`${ver}/${kind}`, schema);
    kinds[key] = { file, ...entry };
    src.kinds.add(key);
  };

  // Upstream CRDs, then the legacy Flux CRDs for versions the current ones dropped.
  for (const dir of ['crds', 'crds-legacy']) {
    const rows = readTsv(join(sharedSchemas, dir, 'SOURCES.tsv'));
    const files = new Map<string, Row>();
    for (const r of rows) {
      const file = r['local_file'] ?? '';
      if (!shippableLicence(r['licence'] ?? '') || file.includes('__experimental__')) continue;
      files.set(file, r);
    }
    for (const [file, row] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const src = source(dir === 'crds' ? 'CRDs' : 'Legacy CRDs', row['source_repo'] ?? '', row['release'] ?? '', row['commit'] ?? '', row['licence'] ?? '');
      for (const doc of parseAllDocuments(readFileSync(join(sharedSchemas, file), 'utf8'))) {
        for (const v of crdVersions(doc.toJS({ maxAliasCount: -1 }))) {
          const entry: Omit<BundleKindEntry, 'file'> = { source: `${src.repo} ${src.release}` };
          if (!v.served) entry.served = false;
          if (v.deprecated) entry.deprecated = true;
          if (dir !== 'crds') entry.legacy = true;
          if (v.scope) entry.scope = v.scope;
          addSchema(v.group, v.version, v.kind, v.schema, entry, src);
        }
      }
    }
  }

  // datree catalog JSON schemas (already JSON Schema) for GVKs still missing, e.g. CiliumBGPPeeringPolicy.
  for (const r of readTsv(join(sharedSchemas, 'jsonschema/SOURCES.tsv'))) {
    if (!shippableLicence(r['licence'] ?? '')) continue;
    const schema = JSON.parse(readFileSync(join(sharedSchemas, r['local_file'] ?? ''), 'utf8')) as Record<string, unknown>;
    const kind = kindFromDescription(schema['description'], r['kind'] ?? '');
    if (!kind || !r['group'] || !r['version']) continue;
    const src = source('JSON schemas', r['source_repo'] ?? '', r['upstream_release'] ?? '', r['commit (catalog HEAD)'] ?? '', r['licence'] ?? '');
    // (no scope: these are JSON schemas, not CRDs)
    addSchema(r['group'], r['version'], kind, crdSchemaToJsonSchema(schema), { source: `${src.repo} (${r['upstream_release']})` }, src);
  }

  const unused = ENUM_ADDITIONS.filter((a) => !overrides.some((o) => o.addition === a));
  if (unused.length) throw new Error(`schema overrides for kinds not in the bundle: ${unused.map((a) => `${a.group} ${a.kind}`).join(', ')}`);

  const out = new Map<string, string>();
  out.set(kubernetesFile(version), jsonLines({}, { definitions: k8s.definitions }));
  for (const [file, m] of [...groupFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const deduped = dedupeSchemas(Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1))));
    out.set(file, jsonLines({}, { $defs: deduped.$defs, kinds: deduped.kinds }));
  }
  const index: BundleIndex = { format: BUNDLE_FORMAT, kubernetesVersion: version, kinds: sortKeys(kinds) };
  out.set('index.json', jsonLines({ format: index.format, kubernetesVersion: version }, { kinds: index.kinds }));
  out.set('NOTICE', notice(version, [...sources.values()], overrides));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The datree files are named by lowercase kind; their description starts with the CamelCase kind. */
function kindFromDescription(description: unknown, lower: string): string | null {
  const first = typeof description === 'string' ? (description.split(/\s/)[0] ?? '') : '';
  return first.toLowerCase() === lower ? first : null;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
