// Conformance with kubectl kustomize v5.7.1 on the shared corpus: every kustomization dir of every repository, built
// root-only (and LoadRestrictionsNone where the reference needed it), compared with the reference output as parsed
// objects in order and as bytes. Dirs the reference fails on must fail here too. Prints the counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedDir, skipNotice } from '../support/env.js';
import { corpusCases, runCase } from './kustomize-corpus.js';
import type { CaseResult, Outcome } from './kustomize-corpus.js';
import type { LoadSession } from '../../src/kustomize/index.js';

/** Goals from the issue: of the dirs kustomize builds, ≥ 99.5 % semantically equal and ≥ 98 % byte-equal. */
const SEMANTIC_GOAL = 0.995;
const BYTES_GOAL = 0.98;

const shared = sharedDir();

test('kustomize conformance on the shared corpus', { skip: shared ? false : skipNotice('kustomize conformance', '../shared is absent') }, () => {
  const cases = corpusCases(shared as string);
  const sessions = new Map<string, LoadSession>();
  const results: CaseResult[] = cases.map((c) => runCase(c, shared as string, sessions));
  const count = (mode: string, ...o: Outcome[]) => results.filter((r) => r.c.mode === mode && o.includes(r.outcome)).length;
  const lines: string[] = [];
  for (const mode of ['rootOnly', 'none']) {
    const dirs = results.filter((r) => r.c.mode === mode).length;
    const built = results.filter((r) => r.c.mode === mode && r.c.exitCode === 0).length;
    const bytes = count(mode, 'bytes');
    const semantic = count(mode, 'bytes', 'semantic');
    const failures = results.filter((r) => r.c.mode === mode && r.c.exitCode !== 0).length;
    const matched = count(mode, 'expected-failure');
    lines.push(
      `${mode}: dirs ${dirs}, built by kustomize ${built}, semantically equal ${semantic}, byte equal ${bytes}, ` +
        `expected failures matched ${matched}/${failures}`,
    );
  }
  const built = results.filter((r) => r.c.exitCode === 0).length;
  const semantic = results.filter((r) => r.outcome === 'bytes' || r.outcome === 'semantic').length;
  const bytes = results.filter((r) => r.outcome === 'bytes').length;
  lines.push(`total: built ${built}, semantic ${((100 * semantic) / built).toFixed(2)} %, bytes ${((100 * bytes) / built).toFixed(2)} %`);
  for (const r of results) {
    if (r.outcome === 'bytes' || r.outcome === 'expected-failure') continue;
    lines.push(`  ${r.outcome} [${r.c.mode}] ${r.c.repo} ${r.c.dir}: ${r.detail.slice(0, 300)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  const missed = results.filter((r) => r.outcome === 'missed-failure');
  assert.deepEqual(missed.map((r) => `${r.c.repo} ${r.c.dir}`), [], 'dirs kustomize fails on must fail in hops too');
  assert.ok(semantic / built >= SEMANTIC_GOAL, `semantic ${semantic}/${built} below goal`);
  assert.ok(bytes / built >= BYTES_GOAL, `bytes ${bytes}/${built} below goal`);
  // Failures must carry a message naming a file.
  for (const r of results.filter((x) => x.outcome === 'expected-failure')) {
    assert.match(r.detail, /^[^:\s]+(\/[^:\s]+)*(:\d+)?: /, `failure message should start with a file: ${r.detail}`);
  }
});
