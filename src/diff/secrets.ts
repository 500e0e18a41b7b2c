// Secrets never reach diff output. Like `flux diff`: values of a Secret's data/stringData become `***`, and a value
// that changed becomes `*** (before)` on one side and `*** (after)` on the other, so the reader sees which key
// changed but not how. SOPS-encrypted Secrets (and single values holding an encrypted SOPS document) show
// `**SOPS**` for every value and lose their `sops` block: ciphertext changes on every re-encryption, so they are
// compared by keys only.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { valuesEqual } from './field-paths.js';

export const MASK = '***';
export const MASK_BEFORE = '*** (before)';
export const MASK_AFTER = '*** (after)';
export const SOPS_MASK = '**SOPS**';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const FIELDS = ['data', 'stringData'] as const;

const isSecret = (o: YMap | undefined): o is YMap => o !== undefined && o['kind'] === 'Secret' && (o['apiVersion'] === 'v1' || o['apiVersion'] === undefined);

function isSops(o: YMap): boolean {
  if (isMap(o['sops'])) return true;
  return FIELDS.some((f) => isMap(o[f]) && Object.values(o[f]).some((v) => typeof v === 'string' && v.startsWith('ENC[')));
}

function encryptedDocument(v: YValue | undefined, field: string): boolean {
  if (typeof v !== 'string') return false;
  const text = field === 'data' ? Buffer.from(v, 'base64').toString('utf8') : v;
  return text.includes('sops') && text.includes('ENC[');
}

function withoutLastApplied(o: YMap): YMap {
  const meta = o['metadata'];
  if (!isMap(meta) || !isMap(meta['annotations']) || !(LAST_APPLIED in meta['annotations'])) return o;
  return { ...o, metadata: { ...meta, annotations: { ...meta['annotations'], [LAST_APPLIED]: MASK } } };
}

/** Masks the values of a Secret pair for display (either side may be absent); other objects pass through. */
export function maskSecretPair(before: YMap | undefined, after: YMap | undefined): [YMap | undefined, YMap | undefined] {
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  const sops = (before !== undefined && isSops(before)) || (after !== undefined && isSops(after));
  const mask = (self: YMap | undefined, other: YMap | undefined, changed: string): YMap | undefined => {
    if (!isSecret(self)) return self;
    const out: YMap = withoutLastApplied({ ...self });
    if (sops) delete out['sops'];
    for (const f of FIELDS) {
      const mine = self[f];
      if (!isMap(mine)) continue;
      const theirs = isSecret(other) && isMap(other[f]) ? other[f] : undefined;
      const m: YMap = {};
      for (const [k, v] of Object.entries(mine)) {
        if (sops || encryptedDocument(v, f)) m[k] = SOPS_MASK;
        else if (theirs && k in theirs && !valuesEqual(v, theirs[k])) m[k] = changed;
        else m[k] = MASK;
      }
      out[f] = m;
    }
    return out;
  };
  return [mask(before, after, MASK_BEFORE), mask(after, before, MASK_AFTER)];
}
