// `hops new app media/whoami …` on copies of the example repository and of corpus repositories with different
// conventions: the new app follows a sibling app's style, builds with the real kubectl and with hops, passes the
// schema check and validate(), is wired into its namespace kustomization by one inserted line, a re-run changes
// nothing, and a different app is refused without --force. (new-app.test.ts: bad input, --dry-run, prompts, other
// charts, a repository with Jinja's own delimiters.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SchemaRegistry, validateResources } from '../../src/schema/index.js';
import { validate } from '../../src/validate/index.js';
import { projectRoot, sharedDir, skipNotice, toolsDir } from '../support/env.js';
import { ARGS, copyRepo, docs, hops, insertedLines, kubectlKustomize, snapshot } from './new-app-support.js';

interface Case {
  repo: string;
  /** What makes the repository's conventions different, for the test name. */
  style: string;
  appDir: string;
  /** The app's Flux Kustomization file; undefined where the repository has none per app. */
  ksFile?: string;
  wiring: string;
  entry: string;
  newNamespace?: boolean;
  templated?: boolean;
  /** A sibling app to compare with: its HelmRelease file and Flux Kustomization file. */
  sibling: { hr: string; ks?: string };
}

const CASES: Case[] = [
  {
    repo: 'examples/homelab',
    style: 'makejinja templates, optional namespace, volume component, ${SECRET_DOMAIN}',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/ks.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/ks.yaml',
    templated: true,
    sibling: { hr: 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml', ks: 'kubernetes/apps/media/jellyfin/ks.yaml' },
  },
  {
    repo: 'onedr0p__home-ops',
    style: 'new namespace folder, OCIRepository per app, kopiur component',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/ks.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/ks.yaml',
    newNamespace: true,
    sibling: { hr: 'kubernetes/apps/default/bazarr/app/helmrelease.yaml', ks: 'kubernetes/apps/default/bazarr/ks.yaml' },
  },
  {
    repo: 'bjw-s-labs__home-ops',
    style: 'namespace from a component, source listed before the release, quoted paths',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/ks.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/ks.yaml',
    sibling: { hr: 'kubernetes/apps/media/audiobookshelf/app/helmrelease.yaml', ks: 'kubernetes/apps/media/audiobookshelf/ks.yaml' },
  },
  {
    repo: 'buroa__k8s-gitops',
    style: 'one shared OCIRepository in flux-system',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/ks.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/ks.yaml',
    sibling: { hr: 'kubernetes/apps/media/bazarr/app/helmrelease.yaml', ks: 'kubernetes/apps/media/bazarr/ks.yaml' },
  },
  {
    repo: 'joryirving__home-ops',
    style: 'multi-cluster: ks in apps/main/<ns>/<app>.yaml, app in apps/base/<ns>/<app>/, anchors',
    appDir: 'kubernetes/apps/base/media/whoami',
    ksFile: 'kubernetes/apps/main/media/whoami.yaml',
    wiring: 'kubernetes/apps/main/media/kustomization.yaml',
    entry: './whoami.yaml',
    sibling: { hr: 'kubernetes/apps/base/media/komga/helmrelease.yaml', ks: 'kubernetes/apps/main/media/komga.yaml' },
  },
  {
    repo: 'toboshii__home-ops',
    style: 'no Flux Kustomization per app, helm-release.yaml, HelmRepository, app-template 0.2.2, PVC file',
    appDir: 'cluster/apps/media/whoami',
    wiring: 'cluster/apps/media/kustomization.yaml',
    entry: 'whoami',
    sibling: { hr: 'cluster/apps/media/tautulli/helm-release.yaml' },
  },
  {
    repo: 'ahinko__home-ops',
    style: 'install.yaml, helm-release.yaml, oci-repository.yaml, volsync claim names, no schema comments',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/install.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/install.yaml',
    sibling: { hr: 'kubernetes/apps/media/navidrome/app/helm-release.yaml', ks: 'kubernetes/apps/media/navidrome/install.yaml' },
  },
  {
    repo: 'gavinmcfall__home-ops',
    style: 'chart.spec to a HelmRepository (app-template 4.4.0), schema comment before ---, new namespace',
    appDir: 'kubernetes/apps/media/whoami/app',
    ksFile: 'kubernetes/apps/media/whoami/ks.yaml',
    wiring: 'kubernetes/apps/media/kustomization.yaml',
    entry: './whoami/ks.yaml',
    newNamespace: true,
    sibling: { hr: 'kubernetes/apps/downloads/kapowarr/app/helmrelease.yaml', ks: 'kubernetes/apps/downloads/kapowarr/ks.yaml' },
  },
  {
    repo: 'haraldkoch__kochhaus-home',
    style: 'ks in kubernetes/main/apps/<ns>/<app>.yaml, app in kubernetes/apps/base/, datreeio schemas, new namespace',
    appDir: 'kubernetes/apps/base/media/whoami',
    ksFile: 'kubernetes/main/apps/media/whoami.yaml',
    wiring: 'kubernetes/main/apps/media/kustomization.yaml',
    entry: './whoami.yaml',
    newNamespace: true,
    sibling: { hr: 'kubernetes/apps/base/default/calibre-web/helmrelease.yaml', ks: 'kubernetes/main/apps/default/calibre-web.yaml' },
  },
];

const shared = sharedDir();
const tools = await toolsDir();
const kubectl = tools ? join(tools, 'kubectl') : null;

function sourceOf(c: Case): string | null {
  if (c.repo.startsWith('examples/')) return join(projectRoot, c.repo);
  return shared ? join(shared, 'corpus/repos', c.repo) : null;
}

/** Lines before the first key: `---` and the schema comment, in the file's order. */
const header = (text: string): string[] => text.split('\n').slice(0, text.split('\n').findIndex((l) => /^[a-zA-Z]/.test(l)));

for (const c of CASES) {
  const src = sourceOf(c);
  const skip = !src || !existsSync(src) ? skipNotice(`new app on ${c.repo}`, '../shared is absent') : false;
  test(`new app on ${c.repo} (${c.style})`, { skip }, async () => {
    const { dir, base } = copyRepo(src!);
    try {
      const before = snapshot(dir);
      const r = await hops([...ARGS, '--path', dir], dir);
      assert.equal(r.code, 0, r.err);
      const after = snapshot(dir);

      // only new files, and one inserted line in the namespace kustomization (and its template)
      const added = [...after.keys()].filter((p) => !before.has(p));
      const changed = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p));
      for (const p of changed) {
        assert.deepEqual(insertedLines(before.get(p)!, after.get(p)!), [`${/^(\s*)-/.exec(after.get(p)!.split('\n').find((l) => /^\s*- /.test(l))!)![1]}- ${c.entry}`], `${p} changed beyond one line`);
      }
      if (c.newNamespace) assert.ok(added.includes(c.wiring), `${c.wiring} is created`);
      else assert.ok(changed.includes(c.wiring), `${c.wiring} lists the app`);
      const nsDir = dirname(c.wiring);
      for (const p of added) assert.ok(p.startsWith(c.appDir + '/') || p === c.ksFile || p.startsWith(nsDir + '/') || (c.templated && p.startsWith('templates/')), `unexpected new file ${p}`);
      assert.match(r.err, new RegExp(`created ${c.appDir.replace(/[.]/g, '\\.')}/`));
      assert.match(r.err, /next steps:\n/);

      // like the sibling: file names, headers, chart reference and version, Flux Kustomization fields
      const sib = (p: string) => readFileSync(join(src!, p), 'utf8');
      const hrPath = join(c.appDir, basename(c.sibling.hr));
      assert.ok(after.has(hrPath), `the HelmRelease is ${hrPath}, named like ${c.sibling.hr}`);
      assert.deepEqual(header(after.get(hrPath)!), header(sib(c.sibling.hr)));
      const hr = docs(after.get(hrPath)!, hrPath)[0]!;
      const shr = docs(sib(c.sibling.hr), c.sibling.hr)[0]!;
      assert.equal(hr['apiVersion'], shr['apiVersion']);
      assert.equal(hr['metadata']['name'], 'whoami');
      if (shr['spec']['chartRef']) {
        assert.equal(hr['spec']['chartRef']['kind'], shr['spec']['chartRef']['kind']);
        assert.equal(hr['spec']['chartRef']['namespace'], shr['spec']['chartRef']['namespace']);
      } else {
        assert.deepEqual(hr['spec']['chart']['spec']['sourceRef'], shr['spec']['chart']['spec']['sourceRef']);
        assert.equal(hr['spec']['chart']['spec']['version'], shr['spec']['chart']['spec']['version']);
      }
      const sibDir = dirname(c.sibling.hr);
      const siblingFiles = [...snapshot(join(src!, sibDir)).keys()];
      for (const p of added.filter((p) => p.startsWith(c.appDir + '/') && !p.endsWith('pvc.yaml'))) {
        assert.ok(siblingFiles.includes(basename(p)), `${p} is named like a file of ${sibDir}`);
        assert.deepEqual(header(after.get(p)!), header(sib(join(sibDir, basename(p)))), `${p} starts like ${sibDir}/${basename(p)}`);
      }
      const oci = docs(after.get(hrPath)!, hrPath) && added.find((p) => p.startsWith(c.appDir + '/') && docs(after.get(p)!, p).some((d) => d['kind'] === 'OCIRepository'));
      if (oci) {
        const sibOci = siblingFiles.map((f) => join(sibDir, f)).find((f) => docs(sib(f), f).some((d) => d['kind'] === 'OCIRepository'))!;
        assert.equal(docs(after.get(oci)!, oci)[0]!['spec']['ref']['tag'], docs(sib(sibOci), sibOci)[0]!['spec']['ref']['tag'], 'the chart version the sibling pins');
      } else if (shr['spec']['chartRef']) {
        assert.ok(shr['spec']['chartRef']['namespace'], 'no OCIRepository of its own only where the sibling shares one');
      }
      if (c.ksFile) {
        const ks = docs(after.get(c.ksFile)!, c.ksFile)[0]!;
        const sks = docs(sib(c.sibling.ks!), c.sibling.ks!)[0]!;
        assert.deepEqual(header(after.get(c.ksFile)!), header(sib(c.sibling.ks!)));
        const keys = Object.keys(ks['spec']);
        const sibKeys = Object.keys(sks['spec']);
        for (const k of keys) assert.ok(sibKeys.includes(k) || ['components', 'dependsOn', 'postBuild'].includes(k), `spec.${k} is not one the sibling has`);
        const order = sibKeys.filter((k) => keys.includes(k));
        assert.deepEqual(keys.filter((k) => sibKeys.includes(k)), order, 'spec keys in the sibling\'s order');
        for (const k of ['interval', 'prune', 'wait', 'sourceRef', 'timeout', 'retryInterval']) assert.deepEqual(ks['spec'][k], sks['spec'][k], `spec.${k} as the sibling has it`);
        assert.equal(ks['spec']['path'].replace(/^\.\//, ''), c.appDir);
        assert.equal('targetNamespace' in ks['spec'], 'targetNamespace' in sks['spec']);
      }

      // builds: the real kubectl (app folder and namespace folder), then hops as Flux would
      if (kubectl) {
        const app = kubectlKustomize(kubectl, dir, c.appDir);
        assert.ok(app.ok, app.err);
        assert.ok(docs(app.out, 'kubectl').some((d) => d['kind'] === 'HelmRelease' && d['metadata']['name'] === 'whoami'));
        const ns = kubectlKustomize(kubectl, dir, nsDir);
        assert.ok(ns.ok, ns.err);
        const listed = docs(ns.out, 'kubectl').some((d) => d['metadata']?.['name'] === (c.ksFile ? 'whoami' : 'whoami') && d['kind'] === (c.ksFile ? 'Kustomization' : 'HelmRelease'));
        assert.ok(listed, `${nsDir} builds the app's ${c.ksFile ? 'Flux Kustomization' : 'HelmRelease'}`);
      } else skipNotice('kubectl checks of new app', 'kubectl is not available');
      const b = c.ksFile ? await hops(['build', 'ks', 'whoami', '-n', 'media', '--path', dir], dir) : await hops(['build', 'path', c.appDir], dir);
      assert.equal(b.code, 0, b.err);
      const built = docs(b.out, 'build');
      assert.ok(built.some((d) => d['kind'] === 'HelmRelease' && d['metadata']['name'] === 'whoami'));
      const claim = built.find((d) => d['kind'] === 'HelmRelease' && d['metadata']['name'] === 'whoami')!['spec']['values']['persistence']['config']['existingClaim'];
      const claimName = claim === '{{ .Release.Name }}' ? 'whoami' : claim;
      assert.ok(built.some((d) => d['kind'] === 'PersistentVolumeClaim' && d['metadata']['name'] === claimName), `the build creates the claim ${claimName}`);
      // schema check of everything the app builds, then `hops validate` over the repository: nothing in the new
      // files, and no error the repository did not have before
      const findings = await validateResources(built.map((object) => ({ object })), { registry: new SchemaRegistry({ cacheDir: null }), missingSchema: 'ignore' });
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
      const vopts = { env: { HOME: '/nonexistent' }, cacheDir: null, chartCacheDir: null, missingSchema: 'ignore' as const };
      const v = await validate({ root: dir, ...vopts });
      assert.deepEqual(v.findings.filter((f) => f.severity !== 'info' && f.file && added.includes(f.file)), [], 'validate finds nothing in the new files');
      const errors = (fs: typeof v.findings): number => fs.filter((f) => f.severity === 'error').length;
      assert.ok(errors(v.findings) <= errors((await validate({ root: src!, ...vopts })).findings), 'no new validate errors');
      if (c.templated) {
        const check = await hops(['configure', '--check', '--path', dir], dir);
        assert.equal(check.code, 0, `templates and rendered files agree: ${check.out}${check.err}`);
      }

      // again: nothing changes, and it says so
      const again = await hops([...ARGS, '--path', dir], dir);
      assert.equal(again.code, 0, again.err);
      assert.match(again.err, /already there and up to date; nothing changed/);
      assert.deepEqual(snapshot(dir), after);
      // something else without --force: refused, nothing changes; with --force: the app's files are rewritten
      const other = [...ARGS.slice(0, 4), 'traefik/whoami:v1.11.0', ...ARGS.slice(5)];
      const refused = await hops([...other, '--path', dir], dir);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /already exists and differs .*nothing changed/);
      assert.match(refused.err, /--force/);
      assert.deepEqual(snapshot(dir), after);
      const forced = await hops([...other, '--force', '--path', dir], dir);
      assert.equal(forced.code, 0, forced.err);
      assert.match(readFileSync(join(dir, hrPath), 'utf8'), /tag: v1\.11\.0/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
}
