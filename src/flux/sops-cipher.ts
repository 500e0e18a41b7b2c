// One SOPS value: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]`, AES-256-GCM under the file's data key with the value's
// key path (`data:password:`) as additional authenticated data. Plaintexts are typed; the MAC hashes them in Go's
// formatting, so the conversions below follow Go's strconv.
import { createDecipheriv } from 'node:crypto';

export type SopsPlain =
  | { type: 'str' | 'time' | 'comment'; value: string }
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'bytes'; value: Buffer };

const ENC_RE = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;

export function isEncryptedValue(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('ENC[AES256_GCM,');
}

/** Why a value could not be decrypted. `tampered` means the GCM tag did not verify. */
export class SopsValueError extends Error {
  readonly reason: 'malformed' | 'tampered';
  constructor(reason: 'malformed' | 'tampered', message: string) {
    super(message);
    this.name = 'SopsValueError';
    this.reason = reason;
  }
}

const b64 = (s: string): Buffer => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new SopsValueError('malformed', 'bad base64 in encrypted value');
  return Buffer.from(s, 'base64');
};

/** Decrypts one value; the empty string is stored unencrypted and stays empty. */
export function decryptValue(value: string, key: Uint8Array, aad: string): SopsPlain {
  if (value === '') return { type: 'str', value: '' };
  const m = ENC_RE.exec(value);
  if (!m) throw new SopsValueError('malformed', 'value does not match the SOPS encrypted format');
  const [data, iv, tag] = [b64(m[1]!), b64(m[2]!), b64(m[3]!)];
  const type = m[4]!;
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(tag);
    plain = Buffer.concat([d.update(data), d.final()]);
  } catch {
    throw new SopsValueError('tampered', 'could not decrypt with AES_GCM (wrong key, changed value or moved to another key)');
  }
  const text = plain.toString('utf8');
  switch (type) {
    case 'str':
    case 'time':
    case 'comment':
      return { type, value: text };
    case 'bytes':
      return { type, value: plain };
    case 'int':
      if (!/^[+-]?[0-9]+$/.test(text)) throw new SopsValueError('malformed', 'encrypted int is not a number');
      return { type, value: BigInt(text) };
    case 'float': {
      const f = Number(text);
      if (text.trim() === '' || Number.isNaN(f)) throw new SopsValueError('malformed', 'encrypted float is not a number');
      return { type, value: f };
    }
    case 'bool': {
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return { type, value: true };
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return { type, value: false };
      throw new SopsValueError('malformed', 'encrypted bool is not a boolean');
    }
    default:
      throw new SopsValueError('malformed', `unknown encrypted type ${JSON.stringify(type)}`);
  }
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  const s = String(f);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, first, rest = '', expText] = m;
  const digits = first! + rest;
  const exp = Number(expText);
  if (exp >= 0) return sign + (digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`);
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** The bytes a value contributes to the MAC (sops' ToBytes). */
export function macBytes(v: SopsPlain): Buffer {
  switch (v.type) {
    case 'bytes':
      return v.value;
    case 'int':
      return Buffer.from(v.value.toString());
    case 'float':
      return Buffer.from(formatFloatF(v.value));
    case 'bool':
      return Buffer.from(v.value ? 'True' : 'False');
    default:
      return Buffer.from(v.value, 'utf8');
  }
}
