// SOPS (age) decryption in memory, for the variables a Flux Kustomization reads from encrypted Secrets. The data key
// is unwrapped with an age identity; every value is AES-256-GCM with its key path as AAD; and the MAC — SHA-512 over
// all plaintext values in document order (or only the encrypted ones with `mac_only_encrypted`) — must match, or
// the file was changed without the key. Plaintexts stay in memory: callers must never print them.
import { createHash } from 'node:crypto';
import { armor, Decrypter } from 'age-encryption';
import { isAlias, isMap as isYamlMap, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { resolvePlain } from '../io/scalar-rules.js';
import { decryptValue, isEncryptedValue, macBytes, SopsValueError } from './sops-cipher.js';
import type { SopsPlain } from './sops-cipher.js';

const MAC_ONLY_ENCRYPTED_INIT = Buffer.from([
  0x8a, 0x3f, 0xd2, 0xad, 0x54, 0xce, 0x66, 0x52, 0x7b, 0x10, 0x34, 0xf3, 0xd1, 0x47, 0xbe, 0x0b, 0x0b, 0x97, 0x5b, 0x3b,
  0xf4, 0x4f, 0x72, 0xc6, 0xfd, 0xad, 0xec, 0x81, 0x76, 0xf2, 0x7d, 0x69,
]);
const OTHER_KEY_TYPES = ['pgp', 'kms', 'gcp_kms', 'azure_kv', 'hc_vault', 'hckms'];

export interface SopsMetadata {
  age: Array<{ recipient: string; enc: string }>;
  /** Key types present besides age (hops cannot use them). */
  otherKeyTypes: string[];
  lastModified: string;
  mac: string;
  unencryptedSuffix: string;
  encryptedSuffix: string;
  unencryptedRegex: string;
  encryptedRegex: string;
  /** Comment-based rules are set: which values are encrypted is then read from the values themselves. */
  commentRules: boolean;
  macOnlyEncrypted: boolean;
}

const str = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');

/** The `sops` block of an object, or null when the object is not SOPS-encrypted. */
export function sopsMetadata(object: YMap): SopsMetadata | null {
  const s = object['sops'];
  if (!isMap(s) || typeof s['mac'] !== 'string') return null;
  const age = (Array.isArray(s['age']) ? s['age'] : []).filter(isMap).map((a) => ({ recipient: str(a['recipient']), enc: str(a['enc']) }));
  if (Array.isArray(s['key_groups'])) {
    for (const g of s['key_groups'].filter(isMap)) {
      for (const a of Array.isArray(g['age']) ? g['age'].filter(isMap) : []) age.push({ recipient: str(a['recipient']), enc: str(a['enc']) });
    }
  }
  return {
    age,
    otherKeyTypes: OTHER_KEY_TYPES.filter((k) => Array.isArray(s[k]) && s[k].length > 0),
    lastModified: str(s['lastmodified']),
    mac: str(s['mac']),
    unencryptedSuffix: str(s['unencrypted_suffix']),
    encryptedSuffix: str(s['encrypted_suffix']),
    unencryptedRegex: str(s['unencrypted_regex']),
    encryptedRegex: str(s['encrypted_regex']),
    commentRules: Boolean(s['encrypted_comment_regex'] || s['unencrypted_comment_regex']),
    macOnlyEncrypted: s['mac_only_encrypted'] === true || s['mac_only_encrypted'] === 'true',
  };
}

export type SopsResult =
  | { status: 'decrypted'; object: YMap }
  | { status: 'no-key'; recipients: string[]; message: string }
  | { status: 'failed'; reason: 'tampered' | 'mac-mismatch' | 'malformed'; message: string };

/** Unwraps the data key with the first identity that matches an age recipient; null when none does. */
export async function unwrapDataKey(meta: SopsMetadata, identities: readonly string[]): Promise<Uint8Array | null> {
  if (identities.length === 0) return null;
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  for (const a of meta.age) {
    try {
      const key = await d.decrypt(armor.decode(a.enc));
      if (key.length === 32) return key;
    } catch {
      // not for these identities, or not an age file: try the next recipient
    }
  }
  return null;
}

/** Go's time.Format(RFC3339) of a parsed RFC3339 time: fraction dropped, a zero offset written as Z. */
export function goRfc3339(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return s;
  return m[1]! + (m[2] === 'Z' || /^[+-]00:00$/.test(m[2]!) ? 'Z' : m[2]!);
}

function shouldBeEncrypted(meta: SopsMetadata, path: string[], value: YValue): boolean {
  if (meta.commentRules) return isEncryptedValue(value);
  let enc = true;
  if (meta.unencryptedSuffix && path.some((p) => p.endsWith(meta.unencryptedSuffix))) enc = false;
  if (meta.encryptedSuffix) enc = path.some((p) => p.endsWith(meta.encryptedSuffix));
  if (meta.unencryptedRegex && path.some((p) => new RegExp(meta.unencryptedRegex).test(p))) enc = false;
  if (meta.encryptedRegex) enc = path.some((p) => new RegExp(meta.encryptedRegex).test(p));
  return enc;
}

class Walker {
  private readonly hash = createHash('sha512');
  constructor(
    private readonly meta: SopsMetadata,
    private readonly key: Uint8Array,
    private readonly doc: Document,
  ) {
    if (meta.macOnlyEncrypted) this.hash.update(MAC_ONLY_ENCRYPTED_INIT);
  }

  mac(): string {
    return this.hash.digest('hex').toUpperCase();
  }

  value(n: YamlNode | null | undefined, path: string[], depth: number): YValue {
    if (depth > 256) throw new SopsValueError('malformed', 'document nested too deeply');
    if (n === null || n === undefined) return null;
    if (isAlias(n)) return this.value(n.resolve(this.doc) as YamlNode | undefined, path, depth + 1);
    if (isSeq(n)) return n.items.map((i) => this.value(i as YamlNode, path, depth + 1));
    if (isYamlMap(n)) return this.branch(n.items, path, depth + 1, false);
    if (isScalar(n)) return this.leaf(n, path);
    throw new SopsValueError('malformed', 'unsupported YAML node');
  }

  branch(items: Array<{ key: unknown; value: unknown }>, path: string[], depth: number, top: boolean): YMap {
    const out: YMap = {};
    for (const pair of items) {
      const k = pair.key;
      const key = isScalar(k) ? plainOf(k) : null;
      if (typeof key !== 'string') throw new SopsValueError('malformed', 'SOPS documents only support string keys');
      if (top && key === 'sops') continue;
      out[key] = this.value(pair.value as YamlNode | null, [...path, key], depth);
    }
    return out;
  }

  private leaf(n: Scalar, path: string[]): YValue {
    const v = plainOf(n);
    // nulls are neither decrypted nor hashed
    if (v === null) return null;
    const encrypted = shouldBeEncrypted(this.meta, path, v);
    let plain: SopsPlain;
    if (encrypted) {
      if (typeof v !== 'string') throw new SopsValueError('malformed', `expected an encrypted string at ${path.join('.')}`);
      plain = decryptValue(v, this.key, path.join(':') + ':');
    } else plain = asPlain(v);
    if (!this.meta.macOnlyEncrypted || encrypted) this.hash.update(macBytes(plain));
    switch (plain.type) {
      case 'int':
        return plain.value >= BigInt(Number.MIN_SAFE_INTEGER) && plain.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(plain.value) : plain.value;
      case 'bytes':
        return plain.value.toString('utf8');
      default:
        return plain.value;
    }
  }
}

/** A scalar as go-yaml v3 decodes it into `any` (what sops hashes); a timestamp keeps its text. */
function plainOf(n: Scalar): YValue {
  const s = String(n.value ?? '');
  if (n.type !== Scalar.PLAIN || n.tag === 'tag:yaml.org,2002:str') return s;
  const v = resolvePlain(s);
  return typeof v === 'string' ? s : v;
}

function asPlain(v: YValue): SopsPlain {
  if (typeof v === 'bigint') return { type: 'int', value: v };
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? { type: 'int', value: BigInt(v) } : { type: 'float', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  return { type: 'str', value: String(v) };
}

/**
 * Decrypts one SOPS-encrypted YAML document (the text as stored, since the MAC covers the order of values) and
 * verifies its MAC. The result holds plaintext: keep it in memory.
 */
export async function decryptSopsYaml(text: string, identities: readonly string[]): Promise<SopsResult> {
  const doc = parseDocument(text, { schema: 'failsafe' });
  if (doc.errors.length > 0) return { status: 'failed', reason: 'malformed', message: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  const root = doc.contents;
  if (!isYamlMap(root)) return { status: 'failed', reason: 'malformed', message: 'a SOPS document must be a mapping' };
  const meta = sopsMetadata(doc.toJS({ maxAliasCount: 100 }) as YMap);
  if (!meta) return { status: 'failed', reason: 'malformed', message: 'no sops metadata with a mac' };
  const recipients = meta.age.map((a) => a.recipient);
  const key = await unwrapDataKey(meta, identities);
  if (!key) {
    const other = meta.otherKeyTypes.length > 0 ? ` (also encrypted for ${meta.otherKeyTypes.join(', ')}, which hops cannot use)` : '';
    const message =
      meta.age.length === 0
        ? `no age recipients${other}`
        : identities.length === 0
          ? 'no age key available (set SOPS_AGE_KEY_FILE or SOPS_AGE_KEY)'
          : `none of the ${identities.length} age key(s) matches the recipients ${recipients.join(', ')}${other}`;
    return { status: 'no-key', recipients, message };
  }
  try {
    const w = new Walker(meta, key, doc);
    const object = w.branch(root.items, [], 0, true);
    const computed = w.mac();
    const stored = decryptValue(meta.mac, key, goRfc3339(meta.lastModified));
    if (stored.type !== 'str' || stored.value !== computed) {
      return { status: 'failed', reason: 'mac-mismatch', message: 'MAC mismatch: the file was changed after it was encrypted' };
    }
    return { status: 'decrypted', object };
  } catch (e) {
    if (e instanceof SopsValueError) return { status: 'failed', reason: e.reason, message: e.message };
    throw e;
  }
}
