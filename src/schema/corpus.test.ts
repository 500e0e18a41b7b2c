// Real documents from the corpus: every HelmRelease, Flux Kustomization, ExternalSecret and HTTPRoute in a few home-ops
// repositories validates (values still holding `${VAR}` for Flux substitution are tolerated where a number, bool or
// pattern is due), and defects seeded into real documents are caught at the right path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../core/finding.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import { sharedDir, skipNotice } from '../../test/support/env.js';
import { manifestFiles } from './manifest-inputs.js';
import { SchemaRegistry } from './registry.js';
import { validateResource } from './validate-resource.js';
import { validateManifestText } from './validate-manifests.js';
import { isObject } from './keywords.js';

const REPOS = ['onedr0p__home-ops', 'bjw-s-labs__home-ops', 'joryirving__home-ops', 'gavinmcfall__home-ops', 'haraldkoch__kochhaus-home'];
const KINDS: Record<string, string> = {
  HelmRelease: 'helm.toolkit.fluxcd.io/',
  Kustomization: 'kustomize.toolkit.fluxcd.io/',
  ExternalSecret: 'external-secrets.io/',
  HTTPRoute: 'gateway.networking.k8s.io/',
};

interface Doc {
  repo: string;
  file: string;
  object: Record<string, unknown>;
}

const shared = sharedDir();
const skip = shared ? false : skipNotice('corpus schema validation', '../shared is absent');

function corpusDocs(): Doc[] {
  const out: Doc[] = [];
  for (const repo of REPOS) {
    const root = join(shared as string, 'corpus', 'repos', repo);
    for (const f of manifestFiles([root])) {
      if (!/\.ya?ml$/.test(f)) continue;
      let docs;
      try {
        docs = parseYamlDocuments(readFileSync(f, 'utf8'), f);
      } catch {
        continue; // templates and other non-YAML; the YAML reader has its own tests
      }
      for (const d of docs) {
        const o = d.value;
        if (!isObject(o) || typeof o['kind'] !== 'string' || typeof o['apiVersion'] !== 'string') continue;
        const prefix = KINDS[o['kind']];
        if (prefix && o['apiVersion'].startsWith(prefix)) out.push({ repo, file: relative(root, f), object: o });
      }
    }
  }
  return out;
}

test('HelmRelease, Kustomization, ExternalSecret and HTTPRoute documents of five repos validate', { skip }, () => {
  const registry = new SchemaRegistry();
  const docs = corpusDocs();
  const perKind = new Map<string, number>();
  const errors: string[] = [];
  let tolerated = 0;
  for (const d of docs) {
    perKind.set(String(d.object['kind']), (perKind.get(String(d.object['kind'])) ?? 0) + 1);
    const findings = validateResource(d.object, { registry, missingSchema: 'error', allowPlaceholders: true });
    for (const f of findings.filter((x) => x.severity === 'error')) errors.push(`${d.repo}/${d.file}: ${f.message}`);
    if (validateResource(d.object, { registry, missingSchema: 'error' }).some((f) => f.severity === 'error')) tolerated++;
  }
  assert.deepEqual(errors, []);
  for (const kind of Object.keys(KINDS)) assert.ok((perKind.get(kind) ?? 0) >= 20, `${kind}: only ${perKind.get(kind) ?? 0} documents`);
  assert.ok(docs.length > 1000, `${docs.length} documents`);
  // placeholders in typed positions are the exception, not what makes the corpus pass
  process.stderr.write(`corpus: ${docs.length} documents, ${tolerated} with placeholders in typed positions\n`);
  assert.ok(tolerated < docs.length / 20, `${tolerated} of ${docs.length} needed placeholder tolerance`);
});

function first(kind: string, pick: (o: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const d = corpusDocs().find((x) => x.object['kind'] === kind && pick(x.object));
  assert.ok(d, kind);
  return structuredClone(d.object);
}

function errorsOf(obj: unknown): string[] {
  return validateResource(obj, { registry: new SchemaRegistry(), allowPlaceholders: true })
    .filter((f: Finding) => f.severity === 'error')
    .map((f) => f.message);
}

const spec = (o: Record<string, unknown>): Record<string, any> => o['spec'] as Record<string, any>;

test('seeded defects in real documents are caught at the right path', { skip }, () => {
  const hr = first('HelmRelease', (o) => isObject(o['spec']) && 'interval' in o['spec']);
  assert.deepEqual(errorsOf(hr), []);
  spec(hr)['intervall'] = '1h';
  spec(hr)['install'] = { remediation: { retries: 'three' } };
  assert.deepEqual(errorsOf(hr), [
    "at '/spec': additional properties 'intervall' not allowed",
    "at '/spec/install/remediation/retries': got string, want null or integer",
  ]);

  const ks = first('Kustomization', (o) => isObject(o['spec']) && typeof o['spec']['prune'] === 'boolean');
  spec(ks)['prune'] = 'yes';
  delete spec(ks)['sourceRef'];
  // prune is required in kustomize.toolkit.fluxcd.io/v1, so it does not admit null
  assert.deepEqual(errorsOf(ks), ["at '/spec': missing property 'sourceRef'", "at '/spec/prune': got string, want boolean"]);

  const es = first('ExternalSecret', (o) => String(o['apiVersion']).endsWith('/v1') && isObject(o['spec']) && isObject(o['spec']['target']));
  spec(es)['target']['creationPolicy'] = 'Always';
  assert.deepEqual(errorsOf(es), ["at '/spec/target/creationPolicy': value must be one of 'Owner', 'Orphan', 'Merge', 'None', 'CreateOrMerge', null"]);

  const route = first('HTTPRoute', (o) => isObject(o['spec']) && Array.isArray(o['spec']['parentRefs']));
  spec(route)['parentRefs'][0]['port'] = 'https';
  spec(route)['hostname'] = 'x';
  assert.deepEqual(errorsOf(route), [
    "at '/spec': additional properties 'hostname' not allowed",
    "at '/spec/parentRefs/0/port': got string, want null or integer",
  ]);
});

test('a duplicate key seeded into a real file is reported at its line', { skip }, () => {
  const root = join(shared as string, 'corpus', 'repos', 'onedr0p__home-ops');
  const file = manifestFiles([root]).find((f) => {
    const t = readFileSync(f, 'utf8');
    return /^kind: HelmRelease$/m.test(t) && /^ {2}interval: \S+$/m.test(t) && !/\n---/.test(t.slice(4));
  });
  assert.ok(file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^ {2}interval: /.test(l));
  lines.splice(at + 1, 0, '  interval: 5m');
  const findings = validateManifestText({ file: 'seeded.yaml', text: lines.join('\n') }, { registry: new SchemaRegistry(), allowPlaceholders: true });
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.line, f.message]),
    [['duplicate-key', at + 2, `mapping key "interval" already defined at line ${at + 1}`]],
  );
});
