// The source ignore rules as source-controller applies them (cases worked out from fluxcd/pkg sourceignore and its
// gitignore matcher; where upstream differs from git, the case says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactRules, DEFAULT_RULES, domainOf, parsePattern, patternMatches, readPatterns } from './sourceignore.js';

type Case = [pattern: string, path: string, isDir: boolean, expected: boolean, why: string];

const cases: Case[] = [
  // no slash: any single component, at any depth
  ['secret.yaml', 'secret.yaml', false, true, 'name at the root'],
  ['secret.yaml', 'apps/demo/secret.yaml', false, true, 'name at any depth'],
  ['secret.yaml', 'apps/secret.yaml.bak', false, false, 'whole component only'],
  ['*.yaml', 'apps/demo/x.yaml', false, true, '* within a component'],
  ['*.yaml', 'apps/demo/x.yml', false, false, 'other extension'],
  ['old', 'apps/old/x.yaml', false, true, 'a matching folder component excludes what is below'],
  ['v?.yaml', 'v1.yaml', false, true, '? is one character'],
  ['v?.yaml', 'v10.yaml', false, false, '? is not two'],
  ['**', 'a/b.yaml', false, true, 'a lone ** is a name glob matching anything'],
  // leading slash, or a slash in the middle: anchored at the domain start
  ['/secret.yaml', 'secret.yaml', false, true, 'anchored at the root'],
  ['/secret.yaml', 'apps/secret.yaml', false, false, 'anchored: not deeper'],
  ['apps/secret.yaml', 'apps/secret.yaml', false, true, 'a middle slash anchors too'],
  ['apps/secret.yaml', 'x/apps/secret.yaml', false, false, 'a middle slash anchors: not deeper'],
  ['apps/old', 'apps/old/deep/x.yaml', false, true, 'a path below a match is matched (prefix)'],
  ['apps/*.yaml', 'apps/sub/x.yaml', false, false, '* does not cross a slash'],
  // trailing slash: folders only
  ['build/', 'build', true, true, 'a folder'],
  ['build/', 'build', false, false, 'not a file of that name'],
  ['build/', 'apps/build/x.yaml', false, true, 'a file below such a folder'],
  ['/build/', 'apps/build/x.yaml', false, false, 'anchored folder: only at the root'],
  ['apps/build/', 'apps/build', false, false, 'anchored folder-only pattern, a file'],
  // **
  ['**/tmp', 'tmp', false, true, 'leading **/ : at the root'],
  ['**/tmp', 'a/b/tmp', true, true, 'leading **/ : at any depth'],
  ['a/**/z.yaml', 'a/z.yaml', false, true, '/**/ matches zero folders'],
  ['a/**/z.yaml', 'a/b/c/z.yaml', false, true, '/**/ matches several folders'],
  ['a/**/z.yaml', 'b/a/z.yaml', false, false, '/**/ pattern stays anchored'],
  ['a/**', 'a/b/c', false, true, 'trailing /** : everything inside'],
  ['a/**', 'a', true, true, 'trailing /** : the folder itself too (upstream; git would not)'],
  ['x/**/y/z', 'x/y/q/y/z', false, false, '** takes the first match and does not backtrack (upstream; git would match)'],
  ['a/b**/c', 'a/bb/c', false, false, '** inside a segment never matches'],
  // character classes, escapes, malformed globs
  ['[ab].yaml', 'b.yaml', false, true, 'class'],
  ['[a-c].yaml', 'd.yaml', false, false, 'range'],
  ['[^ab].yaml', 'c.yaml', false, true, '^ negates a class'],
  ['[^ab].yaml', 'a.yaml', false, false, '^ negates a class (no match)'],
  ['[!ab].yaml', 'a.yaml', false, true, '! is a plain member of a class in Go'],
  ['[!ab].yaml', 'c.yaml', false, false, '! does not negate'],
  ['[z-a].yaml', 'a.yaml', false, false, 'a reversed range matches nothing'],
  ['[a.yaml', '[a.yaml', false, false, 'an open class is malformed: never matches'],
  ['a\\', 'a\\', false, false, 'a trailing backslash is malformed'],
  ['\\!bang.yaml', '!bang.yaml', false, true, '\\! is a literal !'],
  ['\\#hash.yaml', '#hash.yaml', false, true, '\\# is a literal #'],
  ['\\*.yaml', '*.yaml', false, true, '\\* is a literal *'],
  ['\\*.yaml', 'x.yaml', false, false, '\\* is not a wildcard'],
  ['trail   ', 'trail', false, true, 'trailing spaces are dropped'],
  ['trail\\ ', 'trail ', false, true, 'an escaped trailing space is kept'],
  [' lead', 'lead', false, false, 'leading spaces are part of the pattern'],
];

test('one pattern against one path', () => {
  for (const [pattern, path, isDir, expected, why] of cases) {
    assert.equal(patternMatches(parsePattern(pattern), path.split('/'), isDir), expected, `${pattern} vs ${path}${isDir ? '/' : ''}: ${why}`);
  }
});

test('a domain scopes a pattern to the folder of its .sourceignore', () => {
  const p = parsePattern('x.yaml', domainOf('apps'));
  assert.equal(patternMatches(p, ['apps', 'x.yaml'], false), true);
  assert.equal(patternMatches(p, ['apps', 'deep', 'x.yaml'], false), true);
  assert.equal(patternMatches(p, ['x.yaml'], false), false);
  assert.equal(patternMatches(p, ['other', 'x.yaml'], false), false);
  assert.equal(patternMatches(p, ['apps'], true), false, 'the folder itself is not below it');
  const anchored = parsePattern('/x.yaml', domainOf('./apps/sub/'));
  assert.deepEqual(anchored.domain, ['apps', 'sub']);
  assert.equal(patternMatches(anchored, ['apps', 'sub', 'x.yaml'], false), true);
  assert.equal(patternMatches(anchored, ['apps', 'sub', 'd', 'x.yaml'], false), false, 'anchored at its own folder');
  assert.deepEqual(domainOf('.'), []);
});

test('readPatterns: # lines and blank lines are skipped, CRLF is one line end, negation is kept', () => {
  const ps = readPatterns('# comment\r\n\r\n   \n\t\n*.txt\r\n!keep.txt\n  # not a comment\nlast');
  assert.deepEqual(
    ps.map((p) => [p.text, p.negate]),
    [
      ['*.txt', false],
      ['keep.txt', true],
      ['  # not a comment', false],
      ['last', false],
    ],
  );
});

type RulesCase = [name: string, files: Array<[dir: string, text: string]>, spec: string | undefined, path: string, isDir: boolean, excluded: boolean];

const rulesCases: RulesCase[] = [
  ['defaults: VCS', [], undefined, '.git/config', false, true],
  ['defaults: .gitignore', [], undefined, 'apps/.gitignore', false, true],
  ['defaults: CI folder', [], undefined, '.github/workflows/ci.yaml', false, true],
  ['defaults: images and archives', [], undefined, 'docs/logo.png', false, true],
  ['defaults: .sops.yaml at any depth', [], undefined, 'apps/demo/.sops.yaml', false, true],
  ['defaults: manifests stay', [], undefined, 'apps/demo/app.yaml', false, false],
  ['a .sourceignore replaces the defaults: .sops.yaml is in', [['.', 'README.md']], undefined, 'apps/demo/.sops.yaml', false, false],
  ['a .sourceignore replaces the defaults: so is a png', [['.', 'README.md']], undefined, 'logo.png', false, false],
  ['a .sourceignore keeps the VCS defaults', [['.', 'README.md']], undefined, '.git/config', false, true],
  ['a .sourceignore in a sub-folder replaces the defaults everywhere', [['deep/down', 'x']], undefined, '.github/ci.yaml', false, false],
  ['spec.ignore replaces the defaults', [], 'README.md', '.github/ci.yaml', false, false],
  ['a spec.ignore of comments only leaves the defaults', [], '# nothing\n\n', '.github/ci.yaml', false, true],
  ['the last matching pattern wins: re-included', [['.', '*.yaml\n!keep.yaml']], undefined, 'a/keep.yaml', false, false],
  ['the last matching pattern wins: excluded again', [['.', '!keep.yaml\n*.yaml']], undefined, 'a/keep.yaml', false, true],
  ['! brings back a file below an excluded folder (upstream; git would not)', [['.', '/kubernetes/\n!/kubernetes/apps/']], undefined, 'kubernetes/apps/x.yaml', false, false],
  ['... while the rest of the folder stays out', [['.', '/kubernetes/\n!/kubernetes/apps/']], undefined, 'kubernetes/flux/x.yaml', false, true],
  ['a nested .sourceignore overrides its parent below its folder', [['.', 'secret.yaml'], ['apps', '!secret.yaml']], undefined, 'apps/x/secret.yaml', false, false],
  ['... and not elsewhere', [['.', 'secret.yaml'], ['apps', '!secret.yaml']], undefined, 'infra/secret.yaml', false, true],
  ['spec.ignore comes after the .sourceignore files', [['.', 'secret.yaml']], '!/apps/secret.yaml', 'apps/secret.yaml', false, false],
  ['spec.ignore: exclude all, include one folder', [], '/*\n!/kubernetes', 'kubernetes/apps/x.yaml', false, false],
  ['spec.ignore: exclude all, include one folder (the rest)', [], '/*\n!/kubernetes', 'docs/x.yaml', false, true],
  ['spec.ignore: exclude all, include one folder (root files)', [], '/*\n!/kubernetes', 'x.yaml', false, true],
];

test('artifact rules: defaults, .sourceignore files, spec.ignore and their order', () => {
  for (const [name, files, spec, path, isDir, excluded] of rulesCases) {
    const rules = artifactRules(
      files.flatMap(([dir, text]) => readPatterns(text, domainOf(dir))),
      spec,
    );
    assert.equal(rules.excludes(path, isDir), excluded, name);
  }
  assert.equal(DEFAULT_RULES.hasNegation, false);
  assert.equal(artifactRules([], '/*\n!/kubernetes').hasNegation, true);
});
