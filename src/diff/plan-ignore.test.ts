// Changed-only diff mode and the rules that decide which files Flux sees: a change of the flux-system GitRepository's
// spec.ignore, or the built-in exclusions going away with a first `.sourceignore` anywhere, changes what builds
// read without touching their files; changed-only mode must find what --full finds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fluxKs as ks } from '../../test/support/flux.js';
import { hasGit, tempRepo } from '../../test/e2e/diff-support.js';
import type { TempRepo } from '../../test/e2e/diff-support.js';
import { diff } from './diff.js';
import type { DiffResult } from './result.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;
const SOURCE = 'kubernetes/flux/config/flux-system.yaml';
const source = (ignore?: string): string => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1h
  url: https://github.com/example/home-ops
${ignore === undefined ? '' : `  ignore: |\n${ignore.replace(/^/gm, '    ')}\n`}---
${ks('flux-system', './kubernetes/flux')}`;

const files: Record<string, string> = {
  [SOURCE]: source(),
  'kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', './kubernetes/apps'),
  'kubernetes/apps/kustomization.yaml': 'resources:\n  - ./demo/ks.yaml\n  - ./other/ks.yaml\n',
  'kubernetes/apps/demo/ks.yaml': ks('demo', './kubernetes/apps/demo/app', '  targetNamespace: demo\n'),
  // no kustomization file: Flux generates one from what the artifact holds
  'kubernetes/apps/demo/app/config.yaml': cm('config'),
  'kubernetes/apps/demo/app/draft.yaml': cm('draft'),
  'kubernetes/apps/demo/app/.flux.yaml': cm('flux-config'), // left out by the built-in rules only
  'kubernetes/apps/other/ks.yaml': ks('other', './kubernetes/apps/other/app', '  targetNamespace: other\n'),
  'kubernetes/apps/other/app/config.yaml': cm('other'),
};

let repo: TempRepo;
let src: string;
const skip = !hasGit;
before(() => {
  if (skip) return;
  src = mkdtempSync(join(tmpdir(), 'hops-plan-ignore-'));
  const dir = join(src, 'home-ops');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  repo = tempRepo(dir);
});
after(() => {
  repo?.dispose();
  if (src) rmSync(src, { recursive: true, force: true });
});

const run = (full: boolean): Promise<DiffResult> => diff({ mode: 'all' }, { root: repo.root, base: { ref: 'HEAD' }, env: { HOME: '/nonexistent' }, full });
const changes = (r: DiffResult): string[] => r.objects.map((o) => `${o.status} ${o.id.kind}/${o.id.namespace}/${o.id.name}`).sort();

test('only spec.ignore changes: the Kustomizations reading what it hides or shows are rebuilt', { skip }, async () => {
  repo.reset();
  repo.edit(SOURCE, 'url: https://github.com/example/home-ops\n', 'url: https://github.com/example/home-ops\n  ignore: |\n    draft.yaml\n');
  const changed = await run(false);
  assert.ok(changed.ok, JSON.stringify(changed.findings));
  // a pattern of its own also ends the built-in exclusions: .flux.yaml comes into the artifact
  assert.deepEqual(changes(changed), ['added ConfigMap/demo/flux-config', 'changed GitRepository/flux-system/flux-system', 'removed ConfigMap/demo/draft']);
  assert.deepEqual(changes(await run(true)), changes(changed));
});

test('a first .sourceignore anywhere ends the built-in exclusions everywhere', { skip }, async () => {
  repo.reset();
  repo.write('docs/.sourceignore', '/notes/\n');
  const changed = await run(false);
  assert.ok(changed.ok, JSON.stringify(changed.findings));
  assert.deepEqual(changes(changed), ['added ConfigMap/demo/flux-config']);
  assert.deepEqual(changes(await run(true)), changes(changed));
});

test('a spec.ignore edit that leaves the rules as they were rebuilds nothing more', { skip }, async () => {
  repo.reset();
  repo.write(SOURCE, source('# hidden from Flux\ndraft.yaml'));
  repo.commit('ignore drafts');
  repo.write(SOURCE, source('# drafts stay out\ndraft.yaml\n'));
  const r = await run(false);
  assert.deepEqual(changes(r), ['changed GitRepository/flux-system/flux-system']);
  // the GitRepository's own file changed: its Kustomization only
  assert.deepEqual(r.kustomizations.map((k) => k.id), ['flux-system/flux-system']);
});
