// What `flux build ks` prints for Secrets: SOPS-encrypted ones lose their `sops` block and every value becomes
// `**SOPS**` (base64 in `data`; a JSON `{"mask":"**SOPS**"}` for dockerconfigjson), and single values holding an
// encrypted SOPS document are masked too. hops prints builds the same way, so no secret reaches the output.
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';

const MASK = '**SOPS**';
const MASK_B64 = Buffer.from(MASK).toString('base64');
const DOCKER_MASK = JSON.stringify({ mask: MASK });

const looksEncrypted = (s: string): boolean => s.includes('sops') && s.includes('ENC[');

function maskMap(m: YMap, value: string): YMap {
  return Object.fromEntries(Object.keys(m).map((k) => [k, value]));
}

export function maskSecret(obj: YMap): YMap {
  if (obj['kind'] !== 'Secret') return obj;
  const data = isMap(obj['data']) ? obj['data'] : undefined;
  const stringData = isMap(obj['stringData']) ? obj['stringData'] : undefined;
  const out: YMap = { ...obj };
  if (isMap(obj['sops']) && typeof obj['sops']['mac'] === 'string' && obj['sops']['mac'].startsWith('ENC[')) {
    delete out['sops'];
    const docker = obj['type'] === 'kubernetes.io/dockerconfigjson';
    if (data) out['data'] = maskMap(data, docker ? Buffer.from(DOCKER_MASK).toString('base64') : MASK_B64);
    if (stringData) out['stringData'] = maskMap(stringData, docker ? DOCKER_MASK : MASK);
    return out;
  }
  if (data) {
    out['data'] = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, typeof v === 'string' && looksEncrypted(Buffer.from(v, 'base64').toString('utf8')) ? MASK_B64 : v]),
    );
  }
  if (stringData) {
    out['stringData'] = Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, typeof v === 'string' && looksEncrypted(v) ? MASK_B64 : v]));
  }
  return out;
}

export function maskSecrets(resources: readonly Resource[]): Resource[] {
  return resources.map((r) => (r.object['kind'] === 'Secret' ? { object: maskSecret(r.object), origin: r.origin } : r));
}
