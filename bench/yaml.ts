// YAML read/write speed over the shared corpus: every input YAML file, and every kustomize output file; the inputs
// also as the build stages read them (the fast reader first, the full one where it gives up).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFast } from '../src/io/yaml-fast.js';
import { parseYamlDocuments } from '../src/io/yaml-read.js';
import { stringifyDocuments } from '../src/io/yaml-write.js';
import { sharedDir } from '../test/support/env.js';

export const title = 'YAML read/write (src/io)';

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Best of five passes: the machine is shared, the minimum is the least disturbed figure. */
function fastest(pass: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    pass();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

type Reader = (text: string) => Array<{ value: unknown }>;
const full: Reader = (t) => parseYamlDocuments(t, 'bench.yaml');
const fastFirst: Reader = (t) => parseYamlFast(t) ?? parseYamlDocuments(t, 'bench.yaml');

function measure(label: string, texts: string[], read: Reader = full): Record<string, string | number> {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const values: unknown[][] = [];
  const parseOnce = (keep: boolean) => {
    for (const t of texts) {
      try {
        const v = read(t).map((d) => d.value);
        if (keep) values.push(v);
      } catch {
        if (keep) values.push([]);
      }
    }
  };
  parseOnce(true); // warm up, keep values for the write pass
  const parseMs = fastest(() => parseOnce(false));
  const writeOnce = () => {
    for (const v of values) {
      try {
        stringifyDocuments(v);
      } catch {
        /* values kustomize cannot print */
      }
    }
  };
  writeOnce();
  const writeMs = fastest(writeOnce);
  return {
    set: label,
    files: texts.length,
    MB: (bytes / 1e6).toFixed(1),
    'parse files/s': Math.round((texts.length / parseMs) * 1000),
    'parse MB/s': (bytes / 1e3 / parseMs).toFixed(1),
    'write files/s': Math.round((texts.length / writeMs) * 1000),
    'write MB/s': (bytes / 1e3 / writeMs).toFixed(1),
  };
}

export async function run(): Promise<Record<string, string | number>[]> {
  const shared = sharedDir();
  if (!shared) return [{ note: 'skipped: ../shared is absent' }];
  const inputs = walk(join(shared, 'corpus', 'repos'), []).map((p) => readFileSync(p, 'utf8'));
  const outputs = walk(join(shared, 'corpus', 'expected'), []).map((p) => readFileSync(p, 'utf8'));
  return [measure('corpus inputs', inputs), measure('corpus inputs, fast reader first', inputs, fastFirst), measure('kustomize outputs', outputs)];
}
