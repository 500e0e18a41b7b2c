// Every .j2 template of the shared corpus (real makejinja repos), rendered without data in each undefined mode with
// makejinja's whitespace defaults and the repo's delimiters, must match Python Jinja2 byte for byte. A parse and
// lexing regression test on real-world templates; skipped without ../shared or python3+jinja2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pythonWithJinja, sharedDir, skipNotice } from '../support/env.js';
import type { CaseOptions, JinjaCase } from './case.js';
import { renderCase } from './render-case.js';
import { oracleScript, runOracle } from './suite.js';

const oracle = oracleScript();
const shared = sharedDir();
const python = pythonWithJinja();
const skip = !shared ? skipNotice('jinja corpus test', 'shared corpus not found') : !python || !oracle ? skipNotice('jinja corpus test', 'python3 with jinja2 not found') : false;

function corpusCases(root: string): JinjaCase[] {
  const cases: JinjaCase[] = [];
  for (const repo of readdirSync(root).sort()) {
    const dir = join(root, repo);
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const f of readdirSync(d).sort()) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.j2')) files.push(p);
      }
    };
    walk(dir);
    if (!files.length) continue;
    const toml = existsSync(join(dir, 'makejinja.toml')) ? readFileSync(join(dir, 'makejinja.toml'), 'utf8') : '';
    const delimiters: CaseOptions = toml.includes('block_start = "#%"')
      ? { blockStart: '#%', blockEnd: '%#', variableStart: '#{', variableEnd: '}#', commentStart: '#|', commentEnd: '#|' }
      : {};
    const templates: Record<string, string> = {};
    for (const f of files) templates[relative(dir, f)] = readFileSync(f, 'utf8');
    for (const mode of ['default', 'chainable', 'debug', 'strict'] as const) {
      for (const name of Object.keys(templates)) {
        cases.push({
          name: `${repo}/${name} (${mode})`,
          source: templates[name]!,
          templates,
          options: { ...delimiters, undefined: mode, trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true },
        });
      }
    }
  }
  return cases;
}

test('jinja corpus templates render like Jinja2', { skip }, () => {
  const cases = corpusCases(join(shared!, 'corpus', 'repos'));
  const r = runOracle(python!, oracle!, cases);
  assert.equal(r.status, 0, r.stderr);
  const want = r.results;
  const bad: string[] = [];
  cases.forEach((c, i) => {
    const w = want[i]!;
    const g = renderCase(c);
    const same = w.error !== undefined ? g.error === w.error : g.error === undefined && g.output === w.output;
    if (!same) bad.push(`${c.name}: want ${JSON.stringify(w).slice(0, 200)} got ${JSON.stringify(g).slice(0, 200)}`);
  });
  assert.deepEqual(bad, []);
});
