// Differential suite: every case in test/jinja/cases/*.ts is rendered by Python Jinja2 3.1 (oracle.py, run once
// for all cases) and by hops; output or `ExceptionType: message` must match byte for byte, and for errors the
// template and line Jinja reports too. Variable conventions (ints vs floats, tuples, Markup) are in case.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pythonWithJinja, skipNotice } from '../support/env.js';
import type { JinjaCase } from './case.js';
import { renderCase, type CaseResult } from './render-case.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadCases(): Promise<{ file: string; cases: JinjaCase[] }[]> {
  const dir = join(here, 'cases');
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(dir).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).sort();
  const out: { file: string; cases: JinjaCase[] }[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    const cases: JinjaCase[] = [];
    for (const v of Object.values(mod)) {
      if (Array.isArray(v)) cases.push(...(v as JinjaCase[]).filter((c) => c && typeof c.source === 'string'));
    }
    out.push({ file: f.slice(0, -ext.length), cases });
  }
  return out;
}

function oraclePath(): string | null {
  for (const p of [join(here, 'oracle.py'), join(here, '../../../test/jinja/oracle.py')]) if (existsSync(p)) return p;
  return null;
}

const python = pythonWithJinja();
const oracle = oraclePath();
const groups = await loadCases();
const all = groups.flatMap((g) => g.cases);

let expected: CaseResult[] = [];
const skip = !python ? skipNotice('jinja differential suite', 'python3 with jinja2 not found') : !oracle ? skipNotice('jinja differential suite', 'oracle.py not found') : false;
if (!skip && python && oracle) {
  const r = spawnSync(python, [oracle], { input: JSON.stringify(all), maxBuffer: 1 << 28, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  expected = JSON.parse(r.stdout) as CaseResult[];
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
