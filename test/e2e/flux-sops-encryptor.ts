// Test-only SOPS encryptor (there is no sops binary here). Written from sops' format, independently of
// src/flux/sops*.ts, so the decryptor is checked against a second implementation: age-wrapped data key, AES-256-GCM
// per value with the key path as AAD, SHA-512 MAC over plaintexts in order, MAC encrypted with lastmodified as AAD.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { armor, Encrypter } from 'age-encryption';
import { stringify } from 'yaml';

export interface EncryptOptions {
  recipient: string;
  /** Defaults to a fresh random key. */
  dataKey?: Uint8Array;
  encryptedRegex?: string;
  unencryptedSuffix?: string;
  macOnlyEncrypted?: boolean;
  lastModified?: string;
  /** Deterministic IVs for reproducible fixtures. */
  ivSeed?: string;
}

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

function goBytes(v: string | number | boolean): { bytes: Buffer; type: string } {
  if (typeof v === 'boolean') return { bytes: Buffer.from(v ? 'True' : 'False'), type: 'bool' };
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return { bytes: Buffer.from(String(v)), type: 'int' };
    // FormatFloat 'f' -1 for the small, non-exponent floats tests use
    return { bytes: Buffer.from(String(v)), type: 'float' };
  }
  return { bytes: Buffer.from(v, 'utf8'), type: 'str' };
}

export async function sopsEncrypt(doc: { [k: string]: Plain }, opts: EncryptOptions): Promise<string> {
  const key = opts.dataKey ?? randomBytes(32);
  let ivCounter = 0;
  const nextIv = (): Buffer =>
    opts.ivSeed === undefined ? randomBytes(32) : createHash('sha256').update(`${opts.ivSeed}:${ivCounter++}`).digest();
  const seal = (bytes: Buffer, aad: string, type: string): string => {
    const iv = nextIv();
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(aad));
    const data = Buffer.concat([c.update(bytes), c.final()]);
    return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${c.getAuthTag().toString('base64')},type:${type}]`;
  };
  const encrypted = (path: string[]): boolean => {
    if (opts.unencryptedSuffix && path.some((p) => p.endsWith(opts.unencryptedSuffix!))) return false;
    if (opts.encryptedRegex) return path.some((p) => new RegExp(opts.encryptedRegex!).test(p));
    return true;
  };
  const mac = createHash('sha512');
  if (opts.macOnlyEncrypted) {
    mac.update(Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex'));
  }
  const walk = (v: Plain, path: string[]): Plain => {
    if (v === null) return null;
    if (Array.isArray(v)) return v.map((x) => walk(x, path));
    if (typeof v === 'object') {
      const out: { [k: string]: Plain } = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    const enc = encrypted(path);
    const { bytes, type } = goBytes(v);
    if (!opts.macOnlyEncrypted || enc) mac.update(bytes);
    if (!enc) return v;
    if (bytes.length === 0) return '';
    return seal(bytes, path.join(':') + ':', type);
  };
  const body = walk(doc, []) as { [k: string]: Plain };
  const lastModified = opts.lastModified ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const macText = seal(Buffer.from(mac.digest('hex').toUpperCase()), lastModified, 'str');

  const e = new Encrypter();
  e.addRecipient(opts.recipient);
  const wrapped = armor.encode(await e.encrypt(key));

  // the sops block as sops 3.9 writes it
  const sops: { [k: string]: Plain } = {
    kms: [],
    gcp_kms: [],
    azure_kv: [],
    hc_vault: [],
    age: [{ recipient: opts.recipient, enc: wrapped }],
    lastmodified: lastModified,
    mac: macText,
    pgp: [],
  };
  if (opts.encryptedRegex) sops['encrypted_regex'] = opts.encryptedRegex;
  if (opts.unencryptedSuffix) sops['unencrypted_suffix'] = opts.unencryptedSuffix;
  if (opts.macOnlyEncrypted) sops['mac_only_encrypted'] = true;
  sops['version'] = '3.9.0';
  // sops writes the timestamp quoted
  return stringify({ ...body, sops }, { indentSeq: true, lineWidth: 0 }).replace(/^  lastmodified: (.*)$/m, '  lastmodified: "$1"');
}
