import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refoldV3 } from './kyaml-refold.js';

// Each case was observed with kubectl kustomize (v5.7.1) on the folded scalar that reads as the input value.
test('folded values after the go-yaml v3 round trip', () => {
  const cases: [string, string][] = [
    ['[\n  JSONPatch{\n]', '[\n\n  JSONPatch{\n]'], // a more-indented line gains a blank line before it
    ['a\n\n', 'a\n\n\n'], // kept trailing newlines gain one
    [' x\nb\nc\n', ' x\nb c\n'], // value starting with a blank: single newlines between plain lines become spaces
    ['first\n  more\nlast\n', 'first\n\n  more\nlast\n'],
    ['x\n  y\n', 'x\n\n  y\n'],
    ['one two\n', 'one two\n'],
    ['a\nb\n', 'a\nb\n'],
    ['tab\tin\n  x\n', 'tab\tin\n\n  x\n'], // tabs do not stop go-yaml v3 from writing a block
    ['trailing \n  x\n', 'trailing \n  x\n'], // space before a break: written double-quoted, exact
  ];
  for (const [input, want] of cases) assert.equal(refoldV3(input), want, JSON.stringify(input));
});
