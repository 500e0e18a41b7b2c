// Differential suite: every case in test/jinja/cases/*.ts is rendered by Python Jinja2 3.1 (oracle.py, run once
// for all cases) and by hops; output or `ExceptionType: message` must match byte for byte, and for errors the
// template and line Jinja reports too. Variable conventions (ints vs floats, tuples, Markup) are in case.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonWithJinja, skipNotice } from '../support/env.js';
import { renderCase, type CaseResult } from './render-case.js';
import { loadCaseFiles, oracleScript, runOracle } from './suite.js';

const python = pythonWithJinja();
const oracle = oracleScript();
const groups = await loadCaseFiles();
const all = groups.flatMap((g) => g.cases);

let expected: CaseResult[] = [];
const skip = !python ? skipNotice('jinja differential suite', 'python3 with jinja2 not found') : !oracle ? skipNotice('jinja differential suite', 'oracle.py not found') : false;
if (!skip && python && oracle) {
  const r = runOracle(python, oracle, all);
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  expected = r.results;
}

let index = 0;
for (const g of groups) {
  const base = index;
  index += g.cases.length;
  test(`jinja differential: ${g.file}`, { skip }, async (t) => {
    const seen = new Set<string>();
    for (const [i, c] of g.cases.entries()) {
      assert.ok(!seen.has(c.name), `duplicate case name ${c.name}`);
      seen.add(c.name);
      const want = expected[base + i]!;
      await t.test(c.name, () => {
        const got = renderCase(c);
        if (want.error !== undefined) {
          assert.equal(got.error ?? `(no error) output ${JSON.stringify(got.output)}`, want.error, `source: ${JSON.stringify(c.source)}`);
          // positions: the line Jinja reports (innermost template frame), and which template
          if (want.line !== undefined && !want.error.startsWith('RecursionError')) {
            assert.equal(got.line, want.line, `line of ${want.error}`);
            if (want.template !== undefined) assert.equal(got.template ?? '<template>', want.template, `template of ${want.error}`);
          }
        } else {
          assert.equal(got.error, undefined, `unexpected error ${got.error} for ${JSON.stringify(c.source)}`);
          assert.equal(got.output, want.output, `source: ${JSON.stringify(c.source)}`);
        }
      });
    }
  });
}
