#!/usr/bin/env node
// Rebuilds the shipped schema bundle in schemas/ from the collected upstream sources (no network).
//   node scripts/build-schemas.js [SHARED_SCHEMAS_DIR] [--kubernetes-version v1.35.0]
// SHARED_SCHEMAS_DIR defaults to ../shared/schemas. The conversion code lives in src/schema/ (run `npm run build` first);
// this script only writes its output, replacing the folder's contents.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let version = 'v1.35.0';
let shared = resolve(root, '..', 'shared', 'schemas');
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--kubernetes-version') version = args[++i] ?? '';
  else if (a.startsWith('--kubernetes-version=')) version = a.slice(a.indexOf('=') + 1);
  else if (a === '-h' || a === '--help') {
    console.log('usage: node scripts/build-schemas.js [SHARED_SCHEMAS_DIR] [--kubernetes-version v1.35.0]');
    process.exit(0);
  } else shared = resolve(a);
}
if (!/^v\d+\.\d+\.\d+$/.test(version)) {
  console.error(`build-schemas: --kubernetes-version must look like v1.35.0, got "${version}"`);
  process.exit(2);
}
if (!existsSync(join(shared, 'kubernetes'))) {
  console.error(`build-schemas: ${shared} has no kubernetes/ folder (pass the shared schemas folder as the first argument)`);
  process.exit(2);
}
const compiled = join(root, 'dist/src/schema/bundle-build.js');
if (!existsSync(compiled)) {
  console.error('build-schemas: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const { buildBundle } = await import(compiled);
const files = buildBundle(shared, { kubernetesVersion: version });

// Write everything into a fresh sibling folder, then swap it in: a failure never leaves a half-written bundle.
const outDir = join(root, 'schemas');
const tmpDir = join(root, 'schemas.tmp');
rmSync(tmpDir, { recursive: true, force: true });
let total = 0;
for (const [rel, text] of files) {
  const p = join(tmpDir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  total += Buffer.byteLength(text);
}
rmSync(outDir, { recursive: true, force: true });
renameSync(tmpDir, outDir);
console.log(`wrote ${files.size} files, ${(total / 1024 / 1024).toFixed(2)} MB, to ${outDir}`);
