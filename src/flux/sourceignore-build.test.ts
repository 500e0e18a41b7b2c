// End to end on an in-memory repository with the native kustomize engine: what source-controller leaves out of the
// artifact (.sourceignore files, the flux-system GitRepository's spec.ignore) is not there for the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFS } from '../io/fs.js';
import { isMap } from '../core/resource.js';
import { fluxKs as ks } from '../../test/support/flux.js';
import { build } from './build.js';
import type { BuildUnit } from './build.js';
import type { KsBuild } from './build-ks.js';
import { nativeEngine } from './engine.js';
import { ksKey } from './model.js';
import { FluxRepo } from './repo.js';
import type { BuildReuse } from './repo.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;
const APP = '/repo/kubernetes/apps/demo/app';

/** A repository whose demo app folder holds `files` (name → ConfigMap name, or raw text when it has a newline). */
function repo(files: Record<string, string>, opts: { specIgnore?: string } = {}): MemoryFS {
  const source = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1h
  url: https://github.com/example/home-ops
${opts.specIgnore === undefined ? '' : `  ignore: |\n${opts.specIgnore.replace(/^/gm, '    ')}\n`}---
${ks('flux-system', './kubernetes/flux')}`;
  const tree: Record<string, string> = {
    '/repo/kubernetes/flux/config/flux-system.yaml': source,
    '/repo/kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
    // listed, so that cluster-apps builds whatever the app folder holds (a parent that fails leaves demo unbuilt)
    '/repo/kubernetes/apps/kustomization.yaml': 'resources:\n  - ./demo/ks.yaml\n',
    '/repo/kubernetes/apps/demo/ks.yaml': ks('demo', './kubernetes/apps/demo/app', '  targetNamespace: demo\n'),
  };
  for (const [name, v] of Object.entries(files)) tree[name.startsWith('/') ? name : `${APP}/${name}`] = v.includes('\n') ? v : cm(v);
  return new MemoryFS(tree);
}

async function demo(fs: MemoryFS): Promise<BuildUnit> {
  const r = await build({ mode: 'ks', name: 'demo' }, { root: '/repo', fs, engine: nativeEngine(), env: { HOME: '/nonexistent' } });
  assert.equal(r.units.length, 1);
  return r.units[0]!;
}

const names = (u: Pick<BuildUnit, 'resources'>): string[] => u.resources.map((r) => String(isMap(r.object['metadata']) ? r.object['metadata']['name'] : '')).sort();

test('a .sourceignore leaves a file out of the generated kustomization', async () => {
  const files = { 'config.yaml': 'config', 'draft.yaml': 'draft' };
  assert.deepEqual(names(await demo(repo(files))), ['config', 'draft'], 'without .sourceignore both are built');
  const u = await demo(repo({ ...files, '/repo/.sourceignore': '# not for Flux\ndraft.yaml\n' }));
  assert.ok(u.ok, JSON.stringify(u.findings));
  assert.deepEqual(names(u), ['config']);
});

test('negation: a nested .sourceignore brings back one file its parent excludes', async () => {
  const u = await demo(
    repo({
      'config.yaml': 'config',
      'a.draft.yaml': 'a-draft',
      'keep.draft.yaml': 'keep-draft',
      '/repo/.sourceignore': '*.draft.yaml\n',
      [`${APP}/.sourceignore`]: '!keep.draft.yaml\n',
    }),
  );
  assert.ok(u.ok, JSON.stringify(u.findings));
  assert.deepEqual(names(u), ['config', 'keep-draft']);
});

test('with patterns of its own the built-in exclusions no longer apply: a .sops.yaml is in the artifact', async () => {
  const files = { 'config.yaml': 'config', '.flux.yaml': 'flux-config' };
  assert.deepEqual(names(await demo(repo(files))), ['config'], 'the default rules leave out .flux.yaml');
  assert.deepEqual(names(await demo(repo({ ...files, '/repo/.sourceignore': '/docs/\n' }))), ['config', 'flux-config']);
});

test("the flux-system GitRepository's spec.ignore is honoured, after the .sourceignore files", async () => {
  const files = { 'config.yaml': 'config', 'draft.yaml': 'draft', 'old.yaml': 'old', '/repo/.sourceignore': 'old.yaml\n' };
  const u = await demo(repo(files, { specIgnore: '# exclude all but kubernetes\n/*\n!/kubernetes\n/kubernetes/apps/demo/app/draft.yaml' }));
  assert.ok(u.ok, JSON.stringify(u.findings));
  // spec.ignore comes last: its `!/kubernetes` brings back the old.yaml the .sourceignore excludes
  assert.deepEqual(names(u), ['config', 'old']);
  assert.deepEqual(names(await demo(repo(files, { specIgnore: 'draft.yaml' }))), ['config']);
});

test('an explicit kustomization naming an excluded file fails as for a missing file; an excluded spec.path is not found', async () => {
  const kus = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - config.yaml\n  - draft.yaml\n';
  const missing = await demo(repo({ 'kustomization.yaml': kus, 'config.yaml': 'config' }));
  const ignored = await demo(repo({ 'kustomization.yaml': kus, 'config.yaml': 'config', 'draft.yaml': 'draft', '/repo/.sourceignore': 'draft.yaml\n' }));
  assert.equal(ignored.ok, false);
  assert.equal(missing.ok, false);
  assert.deepEqual(
    ignored.findings.map((f) => [f.code, f.message]),
    missing.findings.map((f) => [f.code, f.message]),
  );
  assert.match(ignored.findings[0]!.message, /draft\.yaml/);
  const gone = await demo(repo({ 'config.yaml': 'config', '/repo/.sourceignore': '/kubernetes/apps/demo/app/\n' }));
  assert.deepEqual(gone.findings.map((f) => f.code), ['path-not-found']);
});

test('views of the repository with different ignore rules do not share builds (the two sides of a diff)', async () => {
  const shared = new Map<string, KsBuild>();
  // every input the same, as the diff's closure would say when only spec.ignore changed
  const reuse: BuildReuse = { sameInputs: () => true, key: (ks) => ksKey(ks), get: (k) => shared.get(k), set: (k, b) => void shared.set(k, b) };
  const side = async (fs: MemoryFS): Promise<{ repo: FluxRepo; built: string[] }> => {
    const repo = new FluxRepo({ fs, root: '/repo', engine: nativeEngine(), identities: [], strict: false, reuse });
    const [demoKs] = await repo.lookup('demo');
    return { repo, built: names(await repo.build(demoKs!)) };
  };
  const files = { 'config.yaml': 'config', 'draft.yaml': 'draft' };
  const before = await side(repo(files));
  const after = await side(repo(files, { specIgnore: 'draft.yaml' }));
  assert.deepEqual(before.built, ['config', 'draft']);
  assert.deepEqual(after.built, ['config']);
  assert.ok(after.repo.built > 0, 'built on its own');
  const same = await side(repo(files));
  assert.deepEqual(same.built, ['config', 'draft']);
  assert.equal(same.repo.built, 0, 'same rules: the build is shared');
});

test('a file the kustomization names but the source leaves out: the hint names the rule, its file and line', async () => {
  const kus = (entry: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - config.yaml\n  - ${entry}\n`;
  const hint = async (fs: MemoryFS): Promise<string | undefined> => {
    const u = await demo(fs);
    assert.equal(u.ok, false);
    return u.findings[0]!.hint;
  };
  const files = { 'kustomization.yaml': kus('draft.yaml'), 'config.yaml': 'config', 'draft.yaml': 'draft' };
  const D = 'kubernetes/apps/demo/app/draft.yaml';
  // the deciding pattern is the last that matches: line 3 of the nested file, not the root's
  const nested = { ...files, '/repo/.sourceignore': '*.md\n', '/repo/kubernetes/.sourceignore': '# drafts\n*.txt\napps/demo/app/draft.yaml\n' };
  assert.equal(await hint(repo(nested)), `${D} is in the repository but not in the source Flux builds from: \`apps/demo/app/draft.yaml\` (kubernetes/.sourceignore:3) leaves it out; change that pattern, or stop naming it`);
  assert.match((await hint(repo(files, { specIgnore: '# only drafts\ndraft.yaml' })))!, /`draft\.yaml` \(line 2 of spec\.ignore of GitRepository flux-system \(kubernetes\/flux\/config\/flux-system\.yaml\)\) leaves it out/);
  // without patterns of its own, the built-in ones
  const sops = { 'kustomization.yaml': kus('.sops.yaml'), 'config.yaml': 'config', '.sops.yaml': 'creation_rules: []\n' };
  assert.match((await hint(repo(sops)))!, /^kubernetes\/apps\/demo\/app\/\.sops\.yaml is in .*: `\*\*\/\.sops\.yaml` \(source-controller's built-in rules, which apply while the repository has no ignore pattern of its own\)/);
  // a folder counts through its kustomization file
  const sub = { 'kustomization.yaml': kus('./sub'), 'config.yaml': 'config', 'sub/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'sub/cm.yaml': 'sub', '/repo/.sourceignore': '**/sub/kustomization.yaml\n' };
  assert.match((await hint(repo(sub)))!, /^kubernetes\/apps\/demo\/app\/sub\/kustomization\.yaml is in .*\(\.sourceignore:1\)/);
  // spec.path below an excluded folder
  assert.match((await hint(repo({ 'config.yaml': 'config', '/repo/.sourceignore': '/kubernetes/apps/demo/app/\n' })))!, /^kubernetes\/apps\/demo\/app is in .*`\/kubernetes\/apps\/demo\/app\/` \(\.sourceignore:1\)/);
  // a file that is not in the repository at all keeps kustomize's hint
  assert.doesNotMatch((await hint(repo({ 'kustomization.yaml': kus('nope.yaml'), 'config.yaml': 'config', '/repo/.sourceignore': 'draft.yaml\n' })))!, /source Flux builds from/);
});
