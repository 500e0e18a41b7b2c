import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HopsError } from '../core/errors.js';
import type { Fetch } from './online.js';
import { newestHelmVersion, newestOciTag } from './online.js';

/** A registry that wants the anonymous-token dance, as ghcr.io does. */
function registry(tags: string[], calls: string[]): Fetch {
  return async (url, init) => {
    calls.push(url);
    const res = (status: number, body: string, headers: Record<string, string> = {}) => ({
      ok: status === 200,
      status,
      headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
      text: async () => body,
    });
    if (url.startsWith('https://ghcr.io/token?')) return res(200, JSON.stringify({ token: 'T' }));
    if (init?.headers?.['Authorization'] !== 'Bearer T') {
      return res(401, '', { 'www-authenticate': 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:bjw-s-labs/helm/app-template:pull"' });
    }
    return res(200, JSON.stringify({ tags }));
  };
}

test('newest OCI release tag: token from the registry, pre-releases and odd tags left out', async () => {
  const calls: string[] = [];
  const v = await newestOciTag('oci://ghcr.io/bjw-s-labs/helm/app-template', registry(['4.4.0', '5.0.1', '5.1.0', '5.2.0-rc.1', 'latest', 'sha256-abc.sig', '10.0.0'], calls));
  assert.equal(v, '10.0.0');
  assert.equal(calls[0], 'https://ghcr.io/v2/bjw-s-labs/helm/app-template/tags/list?n=1000');
  assert.match(calls[1]!, /^https:\/\/ghcr\.io\/token\?service=ghcr\.io&scope=repository%3Abjw-s-labs%2Fhelm%2Fapp-template%3Apull$/);
});

test('newest version in a Helm repository index; clear errors when there is none or the network fails', async () => {
  const index = 'apiVersion: v1\nentries:\n  app-template:\n    - version: 3.7.3\n    - version: 4.0.0-beta\n    - version: 3.10.0\n';
  const fetcher: Fetch = async (url) => ({ ok: true, status: 200, headers: { get: () => null }, text: async () => (url === 'https://bjw-s.github.io/helm-charts/index.yaml' ? index : '') });
  assert.equal(await newestHelmVersion('https://bjw-s.github.io/helm-charts/', 'app-template', fetcher), '3.10.0');
  await assert.rejects(newestHelmVersion('https://bjw-s.github.io/helm-charts', 'nope', fetcher), (e: unknown) => e instanceof HopsError && /lists no release of nope/.test(e.message));
  const down: Fetch = async () => {
    throw new Error('getaddrinfo ENOTFOUND');
  };
  await assert.rejects(newestOciTag('oci://ghcr.io/x/y', down), (e: unknown) => e instanceof HopsError && /cannot reach .*ENOTFOUND/.test(e.message) && /--version/.test(e.hint ?? ''));
});
