// `--online`: the newest released chart version, from an OCI registry's tag list (with the anonymous token dance
// registries such as ghcr.io require) or a Helm repository's index.yaml. Only called when the user asked for network.
import { parse } from 'yaml';
import { HopsError } from '../core/errors.js';

export type Fetch = (url: string, init?: { headers?: Record<string, string> }) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

const RELEASE = /^v?([0-9]+)\.([0-9]+)\.([0-9]+)$/;

/** Compares release versions (`1.2.3`, `v1.2.3`); pre-releases are not candidates. */
function newest(versions: readonly string[]): string | undefined {
  let best: { v: string; n: number[] } | undefined;
  for (const v of versions) {
    const m = RELEASE.exec(v);
    if (!m) continue;
    const n = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!best || n[0]! > best.n[0]! || (n[0] === best.n[0] && (n[1]! > best.n[1]! || (n[1] === best.n[1] && n[2]! > best.n[2]!)))) best = { v, n };
  }
  return best?.v;
}

async function get(fetcher: Fetch, url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; auth: string | null }> {
  try {
    const r = await fetcher(url, { headers });
    return { status: r.status, text: r.ok ? await r.text() : '', auth: r.headers.get('www-authenticate') };
  } catch (e) {
    throw new HopsError(`cannot reach ${url}: ${(e as Error).message}`, { hint: 'check the network, or give --version and leave out --online' });
  }
}

/** Newest release tag of `oci://registry/repo/chart`. */
export async function newestOciTag(url: string, fetcher: Fetch): Promise<string> {
  const m = /^oci:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!m) throw new HopsError(`${url} is not an oci:// chart URL`);
  const [, registry, repo] = m as unknown as [string, string, string];
  const tagsUrl = `https://${registry}/v2/${repo}/tags/list?n=1000`;
  let r = await get(fetcher, tagsUrl);
  if (r.status === 401 && r.auth) {
    const params = Object.fromEntries([...r.auth.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
    if (params['realm']) {
      const q = new URLSearchParams({ ...(params['service'] ? { service: params['service'] } : {}), scope: params['scope'] ?? `repository:${repo}:pull` });
      const t = await get(fetcher, `${params['realm']}?${q}`);
      const token = (JSON.parse(t.text || '{}') as { token?: string; access_token?: string }).token ?? '';
      r = await get(fetcher, tagsUrl, { Authorization: `Bearer ${token}` });
    }
  }
  if (r.status !== 200) throw new HopsError(`listing the tags of ${url} failed (HTTP ${r.status})`, { hint: 'give --version instead' });
  const tags = (JSON.parse(r.text) as { tags?: string[] }).tags ?? [];
  const v = newest(tags);
  if (!v) throw new HopsError(`${url} has no release tag (x.y.z) among ${tags.length} tags`, { hint: 'give --version' });
  return v;
}

/** Newest release of `chart` in the Helm repository at `repoUrl` (its index.yaml). */
export async function newestHelmVersion(repoUrl: string, chart: string, fetcher: Fetch): Promise<string> {
  if (repoUrl.startsWith('oci://')) return newestOciTag(`${repoUrl.replace(/\/+$/, '')}/${chart}`, fetcher);
  const url = `${repoUrl.replace(/\/+$/, '')}/index.yaml`;
  const r = await get(fetcher, url);
  if (r.status !== 200) throw new HopsError(`reading ${url} failed (HTTP ${r.status})`, { hint: 'give --version instead' });
  const index = parse(r.text) as { entries?: Record<string, Array<{ version?: string }>> };
  const versions = (index.entries?.[chart] ?? []).map((e) => String(e.version ?? ''));
  const v = newest(versions);
  if (!v) throw new HopsError(`${url} lists no release of ${chart}`, { hint: 'check the chart name, or give --version' });
  return v;
}
