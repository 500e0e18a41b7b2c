// The repository as the artifact holds it: what the builds see (SourceView) and what discovery keeps (scan).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileNotFoundError, MemoryFS } from '../io/fs.js';
import { fluxKs } from '../../test/support/flux.js';
import { ParseCache } from './parse-cache.js';
import { scanRepository } from './scan.js';
import { artifactRules, readPatterns } from './sourceignore.js';
import { SourceView } from './sourceignore-fs.js';

const gitRepo = (name: string, ignore?: string): string =>
  `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 1h
  url: https://github.com/example/home-ops
${ignore === undefined ? '' : `  ignore: |\n${ignore.replace(/^/gm, '    ')}\n`}`;

test('SourceView hides excluded files and folders, as missing', () => {
  const base = new MemoryFS({
    '/r/apps/a.yaml': 'a',
    '/r/apps/secret.yaml': 's',
    '/r/apps/old/b.yaml': 'b',
    '/r/.git/config': 'c',
    '/outside/x.yaml': 'x',
  });
  const fs = new SourceView(base, '/r', artifactRules(readPatterns('secret.yaml\nold/')));
  assert.deepEqual(fs.readDir('/r'), ['apps']);
  assert.deepEqual(fs.readDir('/r/apps'), ['a.yaml']);
  assert.equal(fs.isFile('/r/apps/secret.yaml'), false);
  assert.equal(fs.exists('/r/apps/secret.yaml'), false);
  assert.throws(() => fs.readText('/r/apps/secret.yaml'), FileNotFoundError);
  assert.throws(() => fs.realpath!('/r/apps/secret.yaml'), FileNotFoundError);
  assert.equal(fs.isDirectory('/r/apps/old'), false);
  assert.equal(fs.isFile('/r/apps/old/b.yaml'), false);
  assert.throws(() => fs.readDir('/r/apps/old'), FileNotFoundError);
  assert.equal(fs.isDirectory('/r/.git'), false, 'VCS data is never in the artifact');
  assert.equal(fs.readText('/r/apps/a.yaml'), 'a');
  assert.equal(fs.realpath!('/r/apps/a.yaml'), '/r/apps/a.yaml');
  assert.equal(fs.isDirectory('/r'), true, 'the root itself');
  assert.equal(fs.readText('/outside/x.yaml'), 'x', 'paths outside the repository are passed through');
});

test('SourceView: an excluded folder stays when a ! pattern brings back something below it', () => {
  const base = new MemoryFS({ '/r/k/apps/x.yaml': 'x', '/r/k/flux/y.yaml': 'y', '/r/docs/z.yaml': 'z', '/r/top.yaml': 't' });
  const fs = new SourceView(base, '/r', artifactRules([], '/*\n!/k/apps/'));
  assert.deepEqual(fs.readDir('/r'), ['k']);
  assert.deepEqual(fs.readDir('/r/k'), ['apps']);
  assert.equal(fs.isFile('/r/k/apps/x.yaml'), true);
  assert.equal(fs.isFile('/r/k/flux/y.yaml'), false);
  assert.equal(fs.isDirectory('/r/docs'), false);
});

test('scan: nested .sourceignore files and the flux-system spec.ignore decide what discovery keeps', () => {
  const fs = new MemoryFS({
    '/r/.sourceignore': '# top\n/archive/\n',
    '/r/archive/ks.yaml': fluxKs('archived', './archive/app'),
    '/r/archive/source.yaml': gitRepo('flux-system', '/kubernetes/apps/'),
    '/r/kubernetes/flux/source.yaml': gitRepo('flux-system', 'draft.yaml'),
    '/r/kubernetes/apps/.sourceignore': 'local-*.yaml\n',
    '/r/kubernetes/apps/ks.yaml': fluxKs('apps', './kubernetes/apps/app'),
    '/r/kubernetes/apps/local-ks.yaml': fluxKs('local', './kubernetes/apps/app'),
    '/r/kubernetes/apps/draft.yaml': fluxKs('draft', './kubernetes/apps/app'),
    '/r/kubernetes/local-other.yaml': fluxKs('other', './kubernetes/apps/app'),
    '/r/kubernetes/.sops.yaml': 'creation_rules: []\n',
  });
  const s = scanRepository(fs, '/r', new ParseCache());
  // the archived flux-system GitRepository is not in the artifact, so its spec.ignore does not apply
  assert.deepEqual(s.raw.map((k) => k.name).sort(), ['apps', 'other']);
  assert.deepEqual(
    s.files.map((f) => f.file),
    // patterns of its own replace the defaults: .sops.yaml is in the artifact
    ['kubernetes/.sops.yaml', 'kubernetes/apps/ks.yaml', 'kubernetes/flux/source.yaml', 'kubernetes/local-other.yaml'],
  );
  assert.deepEqual([...s.repoSources], ['flux-system']);
  assert.equal(s.ignore.excludes('kubernetes/apps/draft.yaml', false), true);
  assert.equal(s.ignore.excludes('kubernetes/apps/sub/local-x.yaml', false), true);
});

test('scan: without .sourceignore and spec.ignore the built-in rules apply', () => {
  const fs = new MemoryFS({
    '/r/apps/ks.yaml': fluxKs('apps', './apps'),
    '/r/.github/workflows/ks.yaml': fluxKs('ci', './apps'),
    '/r/apps/.sops.yaml': 'creation_rules: []\n',
  });
  const s = scanRepository(fs, '/r', new ParseCache());
  assert.deepEqual(s.files.map((f) => f.file), ['apps/ks.yaml']);
  assert.deepEqual(s.raw.map((k) => k.name), ['apps']);
});
