import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasEntry, insertResource } from './wire.js';

/** The text with one line inserted at `at` (0-based line index). */
const withLine = (text: string, at: number, line: string): string => {
  const lines = text.split('\n');
  lines.splice(at, 0, line);
  return lines.join('\n');
};

test('a sorted list gets the entry in order; comments, blank lines and other keys stay byte for byte', () => {
  const text = '---\n# yaml-language-server: $schema=x\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: media\n\ncomponents:\n  - ../../components/common # shared\n\nresources:\n  - ./namespace.yaml\n  # the players\n  - ./jellyfin/ks.yaml\n  - ./plex/ks.yaml\n';
  const r = insertResource(text, './kodi/ks.yaml');
  assert.equal(r.text, withLine(text, 13, '  - ./kodi/ks.yaml'));
  // before the first app, above the comment that heads it
  assert.equal(insertResource(text, './audio/ks.yaml').text, withLine(text, 11, '  - ./audio/ks.yaml'));
  assert.equal(insertResource(text, './zz/ks.yaml').text, withLine(text, 14, '  - ./zz/ks.yaml'));
});

test('an unsorted list gets the entry at the end; entries already there change nothing', () => {
  const text = 'resources:\n- ./b/ks.yaml\n- ./a/ks.yaml\n';
  assert.equal(insertResource(text, './c/ks.yaml').text, 'resources:\n- ./b/ks.yaml\n- ./a/ks.yaml\n- ./c/ks.yaml\n');
  const same = insertResource(text, 'a/ks.yaml');
  assert.equal(same.changed, false);
  assert.equal(same.text, text);
  assert.ok(hasEntry(text, './a/ks.yaml'));
});

test('a commented-out entry and folder entries without ./ are kept as they are', () => {
  const text = 'resources:\n  - namespace.yaml\n  - calibre-web\n  # - owncast\n  - plex\n  - tautulli\n';
  assert.equal(insertResource(text, 'whoami').text, withLine(text, 6, '  - whoami'));
  assert.equal(insertResource(text, 'ombi').text, withLine(text, 3, '  - ombi'));
});

test('templates: the entry never lands inside an if block that does not hold the whole list', () => {
  const text = 'resources:\n  - ./namespace.yaml\n  - ./a/ks.yaml\n#% if apps.echo.enabled %#\n  - ./echo/ks.yaml\n#% endif %#\n';
  assert.equal(insertResource(text, './zz/ks.yaml', { blockStart: '#%' }).text, text + '  - ./zz/ks.yaml\n');
  assert.equal(insertResource(text, './b/ks.yaml', { blockStart: '#%' }).text, withLine(text, 3, '  - ./b/ks.yaml'));
  const wrapped = '#% if apps.jellyfin.enabled %#\n---\nresources:\n  - ./namespace.yaml\n  - ./jellyfin/ks.yaml\n#% endif %#\n';
  assert.equal(insertResource(wrapped, './whoami/ks.yaml', { blockStart: '#%' }).text, withLine(wrapped, 5, '  - ./whoami/ks.yaml'));
});

test('no list, an empty key, an empty flow list, a flow list; CRLF files stay CRLF', () => {
  assert.equal(insertResource('kind: Kustomization\n', './a').text, 'kind: Kustomization\nresources:\n  - ./a\n');
  assert.equal(insertResource('kind: Kustomization\nresources:\ncomponents:\n  - ../c\n', './a').text, 'kind: Kustomization\nresources:\n  - ./a\ncomponents:\n  - ../c\n');
  assert.equal(insertResource('resources: []\n', './a').text, 'resources:\n  - ./a\n');
  assert.equal(insertResource('resources: [./a, ./b]\n', './c').text, 'resources: [./a, ./b, ./c]\n');
  assert.equal(insertResource('resources:\r\n  - ./a\r\n  - ./b\r\n', './c').text, 'resources:\r\n  - ./a\r\n  - ./b\r\n  - ./c\r\n');
});
