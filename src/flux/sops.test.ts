import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { projectRoot } from '../../test/support/env.js';
import { sopsEncrypt } from '../../test/e2e/flux-sops-encryptor.js';
import { decryptSopsYaml, goRfc3339 } from './sops.js';
import { formatFloatF } from './sops-cipher.js';
import { discoverAgeKeys, parseIdentities } from './age-keys.js';

// The fixtures stay in the source tree; find it from dist/ or from src/ (tsx).
const root = projectRoot;
const fixtures = join(root, 'test/e2e/flux-fixtures/sops');
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'vars', namespace: 'flux-system' },
  type: 'Opaque',
  stringData: { DOMAIN: 'example.test', EMPTY: '', PASSWORD: 'p@ss: w0rd # not a comment' },
};

async function keyPair(): Promise<{ id: string; rcp: string }> {
  const id = await generateIdentity();
  return { id, rcp: await identityToRecipient(id) };
}

test('decrypts a committed real-format fixture (sops 3.9 layout, age, encrypted_regex)', async () => {
  const text = readFileSync(join(fixtures, 'cluster-secrets.sops.yaml'), 'utf8');
  const { identities } = parseIdentities(readFileSync(join(fixtures, 'age.key'), 'utf8'), false);
  const r = await decryptSopsYaml(text, identities);
  assert.equal(r.status, 'decrypted');
  if (r.status !== 'decrypted') return;
  assert.deepEqual(r.object['stringData'], { SECRET_DOMAIN: 'example.test', SECRET_ACME_EMAIL: 'admin@example.test', SECRET_TZ: 'Europe/Paris' });
  assert.deepEqual(r.object['metadata'], { name: 'cluster-secrets', namespace: 'flux-system' });
  assert.equal('sops' in r.object, false);
});

test('round trip with the independent test encryptor, typed values and both MAC modes', async () => {
  const { id, rcp } = await keyPair();
  const doc = { ...secret, data: { n: 42, f: 1.25, b: true, s: 'x', list: ['a', 7] } };
  for (const macOnlyEncrypted of [false, true]) {
    const text = await sopsEncrypt(doc, { recipient: rcp, encryptedRegex: '^(data|stringData)$', macOnlyEncrypted });
    assert.match(text, /type:int\]/);
    assert.match(text, /type:bool\]/);
    const r = await decryptSopsYaml(text, [id]);
    assert.equal(r.status, 'decrypted', JSON.stringify(r));
    if (r.status === 'decrypted') assert.deepEqual(r.object, doc);
  }
  // everything encrypted, except keys with the unencrypted suffix
  const text = await sopsEncrypt({ a: 'x', b_unencrypted: 'plain', c: { d: 'y' } }, { recipient: rcp, unencryptedSuffix: '_unencrypted' });
  assert.match(text, /b_unencrypted: plain/);
  const r = await decryptSopsYaml(text, [id]);
  assert.deepEqual(r.status === 'decrypted' && r.object, { a: 'x', b_unencrypted: 'plain', c: { d: 'y' } });
});

test('tampered values, moved values and a wrong MAC are rejected', async () => {
  const { id, rcp } = await keyPair();
  const text = await sopsEncrypt(secret, { recipient: rcp, encryptedRegex: '^(data|stringData)$' });

  // one byte of ciphertext changed: the GCM tag fails
  const tampered = text.replace(/(DOMAIN: ENC\[AES256_GCM,data:)(.)/, (_, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'));
  assert.notEqual(tampered, text);
  const r1 = await decryptSopsYaml(tampered, [id]);
  assert.equal(r1.status === 'failed' && r1.reason, 'tampered');

  // a value moved under another key: the AAD (key path) no longer matches
  const enc = (k: string): string => new RegExp(`${k}: (ENC\\[[^\\]]+\\])`).exec(text)![1]!;
  const swapped = text.replace(enc('DOMAIN'), 'X').replace(enc('PASSWORD'), enc('DOMAIN')).replace('DOMAIN: X', `DOMAIN: ${enc('PASSWORD')}`);
  const r2 = await decryptSopsYaml(swapped, [id]);
  assert.equal(r2.status === 'failed' && r2.reason, 'tampered');

  // an unencrypted value changed: every value decrypts but the MAC differs
  const renamed = text.replace('name: vars', 'name: other');
  const r3 = await decryptSopsYaml(renamed, [id]);
  assert.equal(r3.status === 'failed' && r3.reason, 'mac-mismatch');

  // values reordered: the MAC covers the order (the empty value adds nothing, so swap two real ones)
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith('  DOMAIN:'));
  const j = lines.findIndex((l) => l.startsWith('  PASSWORD:'));
  [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  const r4 = await decryptSopsYaml(lines.join('\n'), [id]);
  assert.equal(r4.status === 'failed' && r4.reason, 'mac-mismatch');

  // a MAC from another encryption of different content
  const other = await sopsEncrypt({ ...secret, type: 'kubernetes.io/tls' }, { recipient: rcp, encryptedRegex: '^(data|stringData)$' });
  const otherMac = /mac: (ENC\[[^\]]+\])/.exec(other)![1]!;
  const r5 = await decryptSopsYaml(text.replace(/mac: ENC\[[^\]]+\]/, `mac: ${otherMac}`), [id]);
  assert.equal(r5.status, 'failed');

  // a MAC tied to another timestamp
  const r6 = await decryptSopsYaml(text.replace(/lastmodified: "[^"]+"/, 'lastmodified: "2001-01-01T00:00:00Z"'), [id]);
  assert.equal(r6.status === 'failed' && r6.reason, 'tampered');
});

test('without the right key the result says so and names the recipients, not the values', async () => {
  const { rcp } = await keyPair();
  const other = await keyPair();
  const text = await sopsEncrypt(secret, { recipient: rcp, encryptedRegex: '^(data|stringData)$' });
  const none = await decryptSopsYaml(text, []);
  assert.equal(none.status, 'no-key');
  const wrong = await decryptSopsYaml(text, [other.id]);
  assert.equal(wrong.status, 'no-key');
  if (wrong.status === 'no-key') {
    assert.deepEqual(wrong.recipients, [rcp]);
    assert.doesNotMatch(wrong.message, /example\.test|p@ss/);
  }
});

test('Go formatting used by the MAC', () => {
  assert.equal(formatFloatF(1.25), '1.25');
  assert.equal(formatFloatF(1e21), '1000000000000000000000');
  assert.equal(formatFloatF(1.5e-7), '0.00000015');
  assert.equal(formatFloatF(-2.5e22), '-25000000000000000000000');
  assert.equal(goRfc3339('2024-11-12T13:33:42Z'), '2024-11-12T13:33:42Z');
  assert.equal(goRfc3339('2024-11-12T13:33:42.123+00:00'), '2024-11-12T13:33:42Z');
  assert.equal(goRfc3339('2024-11-12T13:33:42+01:00'), '2024-11-12T13:33:42+01:00');
});

test('age key discovery follows sops: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, then the user config keys.txt', () => {
  const files: Record<string, string> = {
    '/k/file.txt': '# comment\nAGE-SECRET-KEY-1FILE\n',
    '/home/u/.config/sops/age/keys.txt': 'AGE-SECRET-KEY-1HOME\n',
    '/xdg/sops/age/keys.txt': 'AGE-SECRET-KEY-PQ-1XDG\nAGE-PLUGIN-YUBIKEY-1X\n',
  };
  const readFile = (p: string): string | null => files[p] ?? null;
  const a = discoverAgeKeys({ env: { SOPS_AGE_KEY: 'AGE-SECRET-KEY-1A AGE-SECRET-KEY-1B', SOPS_AGE_KEY_FILE: '/k/file.txt' }, home: '/home/u', readFile });
  assert.deepEqual(a.identities, ['AGE-SECRET-KEY-1A', 'AGE-SECRET-KEY-1B', 'AGE-SECRET-KEY-1FILE', 'AGE-SECRET-KEY-1HOME']);
  assert.deepEqual(a.locations, ['SOPS_AGE_KEY', '/k/file.txt', '/home/u/.config/sops/age/keys.txt']);
  const b = discoverAgeKeys({ env: { XDG_CONFIG_HOME: '/xdg', SOPS_AGE_KEY_FILE: '/missing' }, home: '/home/u', readFile });
  assert.deepEqual(b.identities, ['AGE-SECRET-KEY-PQ-1XDG']);
  assert.equal(b.problems.length, 2);
  assert.ok(b.problems.every((p) => !p.includes('AGE-SECRET')));
});
