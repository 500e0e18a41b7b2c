import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../core/errors.js';
import { checkChartVersion, parseAppRef, parseDependsOn, parseExternalSecret, parseImage, parsePersistence, parsePort } from './app-spec.js';

const usage = (f: () => unknown, re: RegExp): void => {
  assert.throws(f, (e: unknown) => e instanceof UsageError && re.test(e.message + ' ' + (e.hint ?? '')));
};

test('app references: namespace/name, both DNS labels, with a suggestion', () => {
  assert.deepEqual(parseAppRef('media/whoami'), { namespace: 'media', name: 'whoami' });
  usage(() => parseAppRef('whoami'), /expected <namespace>\/<name>.*hops new app media\/whoami/);
  usage(() => parseAppRef('Media/whoami'), /namespace "Media" is not a valid Kubernetes name.*did you mean "media"/);
  usage(() => parseAppRef('media/who_ami'), /app name "who_ami".*did you mean "who-ami"/);
  usage(() => parseAppRef('media/-x'), /not a valid Kubernetes name/);
  usage(() => parseAppRef(`media/${'a'.repeat(54)}`), /54 characters long; at most 53/);
});

test('images must be pinned unless floating is allowed', () => {
  assert.deepEqual(parseImage('traefik/whoami:v1.10.1', false), { repository: 'traefik/whoami', tag: 'v1.10.1' });
  assert.deepEqual(parseImage('localhost:5000/app:1.0', false), { repository: 'localhost:5000/app', tag: '1.0' });
  const digest = 'sha256:' + 'a'.repeat(64);
  assert.deepEqual(parseImage(`ghcr.io/a/b:1.2@${digest}`, false), { repository: 'ghcr.io/a/b', tag: `1.2@${digest}` });
  usage(() => parseImage('traefik/whoami', false), /not pinned: no tag means "latest"/);
  usage(() => parseImage('traefik/whoami:latest', false), /the tag "latest" moves.*--allow-floating/);
  assert.equal(parseImage('traefik/whoami:latest', true).tag, 'latest');
  usage(() => parseImage('Traefik/Whoami:1', false), /not an image repository/);
});

test('chart versions: exact, or floating only when allowed', () => {
  checkChartVersion('5.1.0', false);
  usage(() => checkChartVersion('5.x', false), /not an exact version/);
  usage(() => checkChartVersion('>=4.0.0', false), /not an exact version/);
  checkChartVersion('5.x', true);
});

test('persistence, external secrets, dependencies, ports', () => {
  assert.deepEqual(parsePersistence('config=1Gi'), { name: 'config', size: '1Gi' });
  assert.deepEqual(parsePersistence('media=100Gi,ceph-block'), { name: 'media', size: '100Gi', storageClass: 'ceph-block' });
  usage(() => parsePersistence('config'), /<name>=<size>/);
  usage(() => parsePersistence('config=lots'), /not a storage size/);
  assert.deepEqual(parseExternalSecret('onepassword/whoami'), { store: 'onepassword', key: 'whoami' });
  assert.deepEqual(parseExternalSecret('vault/apps/whoami'), { store: 'vault', key: 'apps/whoami' });
  assert.deepEqual(parseExternalSecret('whoami'), { key: 'whoami' });
  assert.deepEqual(parseDependsOn('storage/volsync'), { namespace: 'storage', name: 'volsync' });
  assert.deepEqual(parseDependsOn('volsync'), { name: 'volsync' });
  assert.equal(parsePort('80'), 80);
  usage(() => parsePort('http'), /1 to 65535/);
});
