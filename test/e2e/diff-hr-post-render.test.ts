// `hops diff hr` with post-renderers, through the CLI on a git repository made from examples/homelab, with the real
// helm v4 and a local chart: a changed post-renderer patch shows in the rendered objects, a failing one is an error
// naming the HelmRelease and the entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempChartDir } from '../support/chart.js';
import { runHops } from '../support/cli.js';
import type { CliRun } from '../support/cli.js';
import { exampleRepo, skipNotice, toolsDir } from '../support/env.js';
import { hasGit, tempRepo } from './diff-support.js';
import type { TempRepo } from './diff-support.js';

const example = exampleRepo();
const tools = await toolsDir();
const skip = !hasGit
  ? skipNotice('hops diff hr post-renderers', 'git not installed')
  : !example
    ? skipNotice('hops diff hr post-renderers', 'examples/homelab/kubernetes not found')
    : !tools
      ? skipNotice('hops diff hr post-renderers', 'helm not unpacked (node scripts/tools.js)')
      : false;
const env = { HOME: '/nonexistent', PATH: '' };
const JELLYFIN = 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml';

/** postRenderers for the HelmRelease: an SMP patch on the Deployment and an image mirror. */
const postRenderers = (tier: string, name = 'jellyfin'): string =>
  [
    '  postRenderers:',
    '    - kustomize:',
    '        patches:',
    '          - target:',
    '              kind: Deployment',
    '            patch: |',
    '              apiVersion: apps/v1',
    '              kind: Deployment',
    '              metadata:',
    `                name: ${name}`,
    '                annotations:',
    `                  example.com/tier: ${tier}`,
    '    - kustomize:',
    '        images:',
    '          - name: ghcr.io/jellyfin/jellyfin',
    '            newName: mirror.example.com/jellyfin',
    '',
  ].join('\n');

let repo: TempRepo;
let charts: { dir: string; dispose: () => void } | undefined;
/** The committed HelmRelease (with post-renderers); each test puts it back (reset() would drop the commit). */
let committed: string;
before(() => {
  if (skip) return;
  repo = tempRepo(example!, ['kubernetes', 'makejinja.toml']);
  repo.edit(JELLYFIN, '  interval: 1h\n', '  interval: 1h\n' + postRenderers('gold'));
  repo.commit('post-renderers');
  committed = repo.read(JELLYFIN);
  charts = tempChartDir();
});
after(() => {
  repo?.dispose();
  charts?.dispose();
});

const hops = (...args: string[]): Promise<CliRun> => runHops(['diff', 'hr', 'jellyfin', '-n', 'media', '--helm', join(tools!, 'helm'), '--chart-dir', charts!.dir, ...args], repo.root, env);

test('diff hr: a changed post-renderer patch shows in the rendered Deployment; images apply on both sides', { skip }, async () => {
  repo.edit(JELLYFIN, 'example.com/tier: gold', 'example.com/tier: silver');
  try {
    const r = await hops();
    assert.equal(r.code, 1, r.err);
    assert.doesNotMatch(r.err, /note:/);
    assert.match(r.out, /^► HelmRelease\/media\/jellyfin changed$/m);
    assert.match(r.out, /^► Deployment\/jellyfin changed\n {2}metadata\.annotations\["example\.com\/tier"\]\n/m);
    assert.match(r.out, /^- {4}example\.com\/tier: gold\n\+ {4}example\.com\/tier: silver$/m);
    // the untouched Service is not shown; the image mirror of the second post-renderer is on both sides
    assert.doesNotMatch(r.out, /Service\/jellyfin/);
    assert.doesNotMatch(r.out, /^[-+].*image:/m);
    const json = JSON.parse((await hops('-o', 'json', '--unified', '50')).out) as { objects: Array<{ kind: string; diff: string }> };
    const dep = json.objects.find((o) => o.kind === 'Deployment')!;
    assert.match(dep.diff, /^ {7}- image: mirror\.example\.com\/jellyfin:10\.11\.11$/m);
  } finally {
    repo.write(JELLYFIN, committed);
  }
});

test('diff hr: a post-renderer that fails on the new side is an error naming the HelmRelease and the entry', { skip }, async () => {
  repo.edit(JELLYFIN, /^ {2}postRenderers:\n(?: {4}.*\n)+/m, postRenderers('gold', 'plex').replace('          - target:\n              kind: Deployment\n            patch', '          - patch'));
  try {
    const r = await hops();
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /HelmRelease media\/jellyfin \(working tree\): post-rendering failed: postRenderers\[0\]: kustomize: patches\[0\]: no matches for Id Deployment\.v1\.apps\/plex/);
    assert.match(r.err, /its rendered manifests are not compared \(helm-controller does not upgrade a release whose post-rendering fails: the cluster keeps the last release\)/);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    // the old side rendered, but the cluster keeps that release: nothing rendered shows as removed
    assert.doesNotMatch(r.out, /Deployment\/jellyfin|Service\/jellyfin/);
    assert.match(r.err, /note: HelmRelease media\/jellyfin: its rendered manifests are not compared, as one side did not render them/);
  } finally {
    repo.write(JELLYFIN, committed);
  }
});

test('diff hr: test hooks reach the post-renderers, as in helm-controller, and are dropped after (test.enable unset)', { skip }, async () => {
  const patchPing = '  postRenderers:\n    - kustomize:\n        patches:\n          - patch: |\n              {apiVersion: v1, kind: Pod, metadata: {name: jellyfin-ping, labels: {probe: "yes"}}}\n';
  repo.edit(JELLYFIN, /^ {2}postRenderers:\n(?: {4}.*\n)+/m, patchPing);
  try {
    const r = await hops();
    assert.equal(r.code, 1, r.err);
    assert.doesNotMatch(r.err, /post-render/);
    assert.doesNotMatch(r.out, /Pod\/jellyfin-ping/);
    // the first post-renderer is gone and the image mirror with it
    assert.match(r.out, /^► Deployment\/jellyfin changed$/m);
    assert.match(r.out, /^\+ {6}- image: ghcr\.io\/jellyfin\/jellyfin:10\.11\.11$/m);
  } finally {
    repo.write(JELLYFIN, committed);
  }
});
