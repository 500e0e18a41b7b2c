// The manifest of generated files: `.hops/configure-manifest.json` in the output folder (for cluster-template's
// output = "./" that is the repository folder). It lists every output hops wrote (path relative to the output
// folder → sha256 of the bytes written, and the input it came from, relative to the makejinja.toml folder), so
// outputs of removed templates can be reported and, with --prune, deleted — only when the file still holds exactly
// what hops wrote. Deterministic (sorted keys, no timestamps) so it can be committed with the repository.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_PATH = '.hops/configure-manifest.json';
export const MANIFEST_FORMAT = 'hops/configure-manifest/v1';

export interface ManifestEntry {
  sha256: string;
  /** The template or copied file, relative to the manifest's folder. */
  from: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  files: Record<string, ManifestEntry>;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function emptyManifest(): Manifest {
  return { format: MANIFEST_FORMAT, files: {} };
}

/** Read the manifest of the output folder `root`; a missing one is empty, a damaged one is reported through `problem`. */
export function readManifest(root: string): { manifest: Manifest; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(join(root, MANIFEST_PATH), 'utf8');
  } catch {
    return { manifest: emptyManifest(), problem: null };
  }
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (m.format !== MANIFEST_FORMAT || typeof m.files !== 'object' || m.files === null) throw new Error(`not a ${MANIFEST_FORMAT} file`);
    for (const [k, v] of Object.entries(m.files)) {
      if (typeof v?.sha256 !== 'string' || typeof v.from !== 'string' || k.startsWith('/') || k.split('/').includes('..')) throw new Error(`bad entry "${k}"`);
    }
    return { manifest: m as Manifest, problem: null };
  } catch (e) {
    return { manifest: emptyManifest(), problem: (e as Error).message };
  }
}

export function serializeManifest(m: Manifest): Buffer {
  const files: Record<string, ManifestEntry> = {};
  for (const k of Object.keys(m.files).sort()) files[k] = { sha256: m.files[k]!.sha256, from: m.files[k]!.from };
  return Buffer.from(JSON.stringify({ format: m.format, files }, null, 2) + '\n', 'utf8');
}
