// Key/value sources of configMapGenerator and secretGenerator: env files, literals and files (`key=path`).
import { posix } from 'node:path';
import { KustomizeError, wrapError } from '../errors.js';
import type { Loader } from '../loader.js';
import type { GeneratorArgs } from '../types.js';

export interface Pair {
  key: string;
  /** UTF-8 text, or raw bytes for file sources that are not valid UTF-8. */
  value: string | Buffer;
}

// kustomize v5.7.1 (as kubectl embeds it) checks no key names: `a b`, `a/b`, `1abc` and `..` all become data keys
// (the API server refuses them later, at apply time).

/** KEY=VALUE lines; a line without `=` is a key with an empty value, a line with an empty key is skipped. */
function envLines(text: string): Pair[] {
  const out: Pair[] = [];
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === '') return;
    out.push({ key, value: eq < 0 ? '' : line.slice(eq + 1) });
  });
  return out;
}

/** `key=value`; the `n`th literal (1-based) is named in errors, never quoted (a secretGenerator's holds a secret). */
function literal(source: string, n: number): Pair {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KustomizeError(`invalid literal source #${n}, expected key=value`);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
    value = value.slice(1, -1);
  }
  return { key: source.slice(0, eq), value };
}

function fileSource(source: string): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) return { key: posix.basename(source), path: source };
  if (n === 1 && source.startsWith('=')) throw new KustomizeError(`missing key name for file path "${source.slice(1)}" in source "${source}"`);
  if (n === 1 && source.endsWith('=')) throw new KustomizeError(`missing file path for key name "${source.slice(0, -1)}" in source "${source}"`);
  if (n > 1) throw new KustomizeError(`source "${source}" key name or file path contains '='`);
  const [key = '', path = ''] = source.split('=');
  return { key, path };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** All pairs in kustomize's order (envs, literals, files); duplicate keys are an error. */
export function loadPairs(ldr: Loader, args: GeneratorArgs): Pair[] {
  const all: Pair[] = [];
  for (const p of args.envs) {
    try {
      all.push(...envLines(ldr.load(p)));
    } catch (e) {
      throw wrapError(`env source files: [${args.envs.join(' ')}]`, e);
    }
  }
  args.literals.forEach((s, i) => all.push(literal(s, i + 1)));
  for (const s of args.files) {
    try {
      const { key, path } = fileSource(s);
      const bytes = ldr.loadBytes(path);
      let value: string | Buffer;
      try {
        value = utf8.decode(bytes);
      } catch {
        value = bytes;
      }
      all.push({ key, value });
    } catch (e) {
      throw wrapError(`file sources: [${args.files.join(' ')}]`, e);
    }
  }
  const seen = new Set<string>();
  for (const p of all) {
    if (seen.has(p.key)) throw new KustomizeError(`configmap ${args.name} illegally repeats the key \`${p.key}\``);
    seen.add(p.key);
  }
  return all;
}
