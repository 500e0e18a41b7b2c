// Plain manifest inputs as kubeconform takes them: files, folders (walked for .yaml/.yml/.json) and `-` for stdin.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ManifestText } from './validate-manifests.js';

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Files under the given paths: a folder contributes its manifests (sorted, recursively), a file itself. A path that
 * does not exist is an InputError naming it, with `missingHint` (a command's own advice) or a plain one.
 */
export function manifestFiles(paths: readonly string[], cwd: string = process.cwd(), missingHint?: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new InputError(p, 'no such file or folder', { hint: missingHint ?? `check the path (read from ${cwd})` });
    if (statSync(abs).isDirectory()) out.push(...walk(abs));
    else out.push(abs);
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (MANIFEST.test(name)) out.push(p);
  }
  return out;
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads the inputs; `-` (or no paths at all) means stdin. Names are relative to `cwd` where possible. */
export async function readManifestInputs(paths: readonly string[], io: { cwd: string; stdin?: NodeJS.ReadableStream }, missingHint?: string): Promise<ManifestText[]> {
  const out: ManifestText[] = [];
  const list = paths.length === 0 ? ['-'] : paths;
  for (const p of list) {
    if (p === '-') {
      if (!io.stdin) throw new InputError('stdin', 'no standard input to read');
      out.push({ file: 'stdin', text: await readStream(io.stdin) });
      continue;
    }
    for (const f of manifestFiles([p], io.cwd, missingHint)) {
      const rel = relative(io.cwd, f);
      out.push({ file: rel && !rel.startsWith('..') ? rel.split('\\').join('/') : f, text: readFileSync(f, 'utf8') });
    }
  }
  return out;
}
