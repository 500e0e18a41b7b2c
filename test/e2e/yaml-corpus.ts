// Shared walk over the kustomize reference outputs in ../shared/corpus/expected (see its README).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedOutput {
  repo: string;
  /** Kustomization dir relative to the repo folder ('.' for the root). */
  dir: string;
  /** Absolute path of the expected output file. */
  file: string;
  /** Built with --load-restrictor LoadRestrictionsNone. */
  restrictorNone: boolean;
}

/** Every expected output with exit code 0, from each repo's index.tsv (root-only and load-restrictor-none). */
export function expectedOutputs(shared: string): ExpectedOutput[] {
  const base = join(shared, 'corpus', 'expected');
  const out: ExpectedOutput[] = [];
  for (const repo of readdirSync(base).sort()) {
    for (const [sub, restrictorNone] of [['', false], ['load-restrictor-none', true]] as const) {
      const index = join(base, repo, sub, 'index.tsv');
      if (!existsSync(index)) continue;
      for (const line of readFileSync(index, 'utf8').split('\n').slice(1)) {
        const [dir, output, exit] = line.split('\t');
        if (!dir || !output || exit !== '0') continue;
        const file = join(base, repo, sub, output);
        if (existsSync(file)) out.push({ repo, dir, file, restrictorNone });
      }
    }
  }
  return out;
}

/** Split a `kubectl kustomize` output into its documents (each ends with a newline). */
export function splitOutput(text: string): string[] {
  if (text === '') return [];
  return text.split(/^---\n/m);
}
