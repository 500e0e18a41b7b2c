// `hops build` on the example repository and on real home-ops repositories from the shared corpus, with the real
// kustomize engine: substitutions resolve as Flux resolves them (`${V:=d}`, `$${V}`, substituteFrom order, the
// disabled annotation). Skips with a notice when the corpus or the example's rendered tree is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap } from '../../src/core/resource.js';
import type { Resource, YMap } from '../../src/core/resource.js';
import { build } from '../../src/flux/build.js';
import type { BuildUnit } from '../../src/flux/build.js';
import { nativeEngine } from '../../src/flux/engine.js';
import { exampleRepo, sharedDir, skipNotice } from '../support/env.js';

const engine = nativeEngine();
const shared = sharedDir();
// from dist/ (npm test) or from the source tree (tsx)
const example = exampleRepo() ?? '';
const corpus = (repo: string): string | null => (shared && existsSync(join(shared, 'corpus/repos', repo)) ? join(shared, 'corpus/repos', repo) : null);

const skipCorpus = (repo: string): string | false => (corpus(repo) ? false : skipNotice(`flux build on ${repo}`, 'shared corpus not found'));

const meta = (r: Resource): YMap => (isMap(r.object['metadata']) ? r.object['metadata'] : {});
const find = (u: BuildUnit, kind: string, name: string): YMap => {
  const r = u.resources.find((x) => x.object['kind'] === kind && meta(x)['name'] === name);
  assert.ok(r, `${kind}/${name} in ${u.id}`);
  return r.object;
};
const env = { HOME: '/nonexistent' };

test('example repo: substitute beats substituteFrom, ConfigMap values beat defaults, unset variables take defaults', { skip: (example ? false : skipNotice('flux build on examples/homelab', 'kubernetes/ not rendered yet')) }, async () => {
  const r = await build({ mode: 'ks', name: 'jellyfin' }, { root: example, engine, env });
  const u = r.units[0]!;
  assert.ok(u.ok, JSON.stringify(u.findings, null, 1));
  const pvc = find(u, 'PersistentVolumeClaim', 'jellyfin');
  const spec = pvc['spec'] as YMap;
  assert.equal(((spec['resources'] as YMap)['requests'] as YMap)['storage'], '10Gi'); // inline substitute
  assert.equal(spec['storageClassName'], 'openebs-hostpath'); // from ConfigMap cluster-settings
  assert.deepEqual(spec['accessModes'], ['ReadWriteOnce']); // ${VOLUME_ACCESS_MODE:=ReadWriteOnce}
  assert.equal(meta({ object: pvc, origin: { file: '', line: 0 } })['namespace'], 'media'); // targetNamespace
  assert.match(JSON.stringify(find(u, 'HelmRelease', 'jellyfin')), /"TZ":"Europe\/Amsterdam"/); // value beats default
  const labels = meta({ object: pvc, origin: { file: '', line: 0 } })['labels'] as YMap;
  assert.equal(labels['kustomize.toolkit.fluxcd.io/name'], 'jellyfin');
  assert.equal(labels['kustomize.toolkit.fluxcd.io/namespace'], 'media');
  assert.equal(labels['app.kubernetes.io/name'], 'jellyfin'); // commonMetadata
});

test('joryirving: $${V} escapes and the disabled annotation', { skip: skipCorpus('joryirving__home-ops') }, async () => {
  const root = corpus('joryirving__home-ops')!;
  const r = await build({ mode: 'all', entry: 'kubernetes/clusters/main' }, { root, engine, env });
  assert.ok(r.units.length > 20);
  // hermes: the source writes $${LITELLM_API_KEY}; Flux turns it into ${LITELLM_API_KEY}
  const hermes = r.units.find((u) => u.id.endsWith('/hermes'))!;
  assert.ok(hermes.ok, JSON.stringify(hermes.findings));
  const text = JSON.stringify(hermes.resources.map((x) => x.object));
  assert.match(text, /api_key: \$\{LITELLM_API_KEY\}/);
  assert.doesNotMatch(text, /\$\$\{LITELLM_API_KEY\}/);
  // sonarr: the generated ConfigMap carries kustomize.toolkit.fluxcd.io/substitute: disabled; its script is untouched
  const sonarr = r.units.find((u) => u.id.endsWith('/sonarr'))!;
  const cm = find(sonarr, 'ConfigMap', 'sonarr-configmap');
  const script = readFileSync(join(root, 'kubernetes/apps/base/downloads/sonarr/resources/refresh-series.sh'), 'utf8');
  assert.equal((cm['data'] as YMap)['refresh-series.sh'], script);
});

test('onedr0p: ${V:=d} defaults in a shared component, APP from substitute', { skip: skipCorpus('onedr0p__home-ops') }, async () => {
  const root = corpus('onedr0p__home-ops')!;
  const r = await build({ mode: 'all' }, { root, engine, env });
  const ok = r.units.filter((u) => u.ok).length;
  assert.ok(ok / r.units.length > 0.9, `${ok}/${r.units.length} built`);
  let checked = 0;
  for (const u of r.units) {
    const subst = u.resources.length > 0 ? unitSubstitute(u) : undefined;
    for (const res of u.resources) {
      if (res.origin.file !== 'kubernetes/components/kopiur/backup/pvc.yaml' || !subst) continue;
      const spec = res.object['spec'] as YMap;
      if (!('KOPIUR_STORAGECLASS' in subst)) assert.equal(spec['storageClassName'], 'ceph-block', u.id);
      if (subst['APP']) assert.equal(meta(res)['name'], subst['APP']);
      checked++;
    }
  }
  assert.ok(checked > 0, 'some app uses the kopiur component');
});

test('bjw-s: every Kustomization builds and no expression is left half-substituted', { skip: skipCorpus('bjw-s-labs__home-ops') }, async () => {
  const root = corpus('bjw-s-labs__home-ops')!;
  const r = await build({ mode: 'all' }, { root, engine, env });
  const ok = r.units.filter((u) => u.ok).length;
  assert.ok(ok / r.units.length > 0.9, `${ok}/${r.units.length} built`);
  for (const u of r.units) {
    for (const res of u.resources) {
      // after substitution a `$${` can only survive where substitution did not run
      const m = meta(res);
      const disabled = JSON.stringify(m).includes('"kustomize.toolkit.fluxcd.io/substitute":"disabled"');
      if (!disabled && unitSubstitute(u)) assert.doesNotMatch(JSON.stringify(res.object), /\$\$\{/, `${u.id} ${res.origin.file}`);
    }
  }
});

/** postBuild.substitute of the unit's Kustomization, or undefined when it has no postBuild. */
function unitSubstitute(u: BuildUnit): Record<string, string> | undefined {
  const pb = u.kustomization?.postBuild;
  return pb ? Object.fromEntries(pb.substitute) : undefined;
}
