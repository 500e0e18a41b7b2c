// The shared corpus as conformance cases: every kustomization dir with kubectl kustomize v5.7.1's result (exit code
// and output) in ../shared/corpus/expected/<repo>/index.tsv, plus the LoadRestrictionsNone reruns.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiskFS } from '../../src/io/fs.js';
import type { FileSystem } from '../../src/io/fs.js';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { buildKustomization, newSession, renderYaml } from '../../src/kustomize/index.js';
import type { LoadRestrictor, LoadSession } from '../../src/kustomize/index.js';
import { deepEqual } from '../../src/kustomize/value.js';
import type { YValue } from '../../src/core/resource.js';

export interface CorpusCase {
  repo: string;
  dir: string;
  mode: LoadRestrictor;
  exitCode: number;
  /** Expected output file (exit 0 only). */
  expected: string | null;
  /** First lines of kustomize's stderr. */
  stderr: string;
}

export type Outcome = 'bytes' | 'semantic' | 'differs' | 'expected-failure' | 'missed-failure' | 'unexpected-failure';

export interface CaseResult {
  c: CorpusCase;
  outcome: Outcome;
  detail: string;
  ms: number;
}

function readIndex(file: string, repo: string, mode: LoadRestrictor, outDir: string): CorpusCase[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim());
  return lines.map((l) => {
    const [dir = '', output = '', exit = '1', , , stderr = ''] = l.split('\t');
    const exitCode = Number(exit);
    return { repo, dir, mode, exitCode, expected: exitCode === 0 ? join(outDir, output) : null, stderr };
  });
}

/** All cases; `none` cases are the dirs kustomize could not build root-only, rerun with LoadRestrictionsNone. */
export function corpusCases(shared: string): CorpusCase[] {
  const base = join(shared, 'corpus', 'expected');
  const out: CorpusCase[] = [];
  for (const repo of readdirSync(base).sort()) {
    const dir = join(base, repo);
    out.push(...readIndex(join(dir, 'index.tsv'), repo, 'rootOnly', dir));
    const none = join(dir, 'load-restrictor-none');
    out.push(...readIndex(join(none, 'index.tsv'), repo, 'none', none));
  }
  return out;
}

function parseAll(text: string, file: string): YValue[] {
  return parseYamlDocuments(text, file).map((d) => d.value as YValue).filter((v) => v !== null);
}

/** Where the two outputs first differ, as a short message. */
function firstDiff(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: want ${JSON.stringify(a[i] ?? '<eof>')} got ${JSON.stringify(b[i] ?? '<eof>')}`;
  }
  return 'identical';
}

export function runCase(c: CorpusCase, shared: string, sessions: Map<string, LoadSession>, fs: FileSystem = new DiskFS()): CaseResult {
  const repoRoot = join(shared, 'corpus', 'repos', c.repo);
  const key = `${c.repo}|${c.mode}`;
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = newSession(fs, c.mode, repoRoot)));
  const t0 = performance.now();
  let got: string | undefined;
  let err: string | undefined;
  try {
    got = renderYaml(buildKustomization(fs, c.dir, { loadRestrictor: c.mode, repoRoot, session }).resources);
  } catch (e) {
    err = e instanceof Error ? e.message : String(e);
  }
  const ms = performance.now() - t0;
  if (c.exitCode !== 0) {
    return err !== undefined
      ? { c, outcome: 'expected-failure', detail: err, ms }
      : { c, outcome: 'missed-failure', detail: `kustomize failed: ${c.stderr.slice(0, 300)}`, ms };
  }
  if (err !== undefined) return { c, outcome: 'unexpected-failure', detail: err, ms };
  const want = readFileSync(c.expected as string, 'utf8');
  if (want === got) return { c, outcome: 'bytes', detail: '', ms };
  let same = false;
  try {
    const a = parseAll(want, 'expected');
    const b = parseAll(got as string, 'hops');
    same = a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  } catch {
    same = false;
  }
  return { c, outcome: same ? 'semantic' : 'differs', detail: firstDiff(want, got as string), ms };
}
