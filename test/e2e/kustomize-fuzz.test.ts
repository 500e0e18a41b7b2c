// Differential testing against the real kubectl on seeded random cases built from corpus resources (see
// kustomize-fuzz.ts): hops must print exactly what kubectl prints, or fail where kubectl fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedDir, skipNotice, toolsDir } from '../support/env.js';
import { hopsBuild, kubectlBuild } from './kustomize-harness.js';
import { corpusPool, kustomizationCase, patchCase, Rng } from './kustomize-fuzz.js';

const CASES = 40;
const shared = sharedDir();
const tools = await toolsDir();
const skip = !shared ? skipNotice('kustomize fuzz', '../shared is absent') : !tools ? skipNotice('kustomize fuzz', 'kubectl is not available') : false;

for (const [name, make, seed] of [
  ['strategic merge patches', patchCase, 20240101],
  ['kustomizations', kustomizationCase, 20240202],
] as const) {
  test(`kustomize fuzz vs kubectl: ${name}`, { skip }, async () => {
    const pool = corpusPool(shared as string);
    const rng = new Rng(seed);
    const problems: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const files = make(rng, pool);
      let got: string | undefined;
      let err: string | undefined;
      try {
        got = hopsBuild(files);
      } catch (e) {
        err = (e as Error).message;
      }
      const ref = await kubectlBuild(files);
      if (!ref) return;
      if (ref.ok ? got !== ref.out : err === undefined) {
        problems.push(`case ${i}: kubectl ${ref.ok ? 'ok' : 'failed'}, hops ${err ? 'failed: ' + err : 'differs'}\n${JSON.stringify(files)}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
