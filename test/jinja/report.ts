// Developer tool: `node --import tsx test/jinja/report.ts [file-substring]` prints only the differing cases.
import { pythonWithJinja } from '../support/env.js';
import type { JinjaCase } from './case.js';
import { renderCase } from './render-case.js';
import { loadCaseFiles, oracleScript, runOracle } from './suite.js';

const python = pythonWithJinja();
const oracle = oracleScript();
if (!python || !oracle) throw new Error('needs python3 with jinja2 (HOPS_PYTHON) and test/jinja/oracle.py');
const all: [string, JinjaCase][] = (await loadCaseFiles(process.argv[2] ?? '')).flatMap((g) => g.cases.map((c): [string, JinjaCase] => [`${g.file}.ts`, c]));
const r = runOracle(python, oracle, all.map((x) => x[1]));
if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
const want = r.results;
let bad = 0;
all.forEach(([f, c], i) => {
  const w = want[i]!;
  const g = renderCase(c);
  const lineOk = w.line === undefined || w.error!.startsWith('RecursionError') || (g.line === w.line && (w.template === undefined || (g.template ?? '<template>') === w.template));
  const same = w.error !== undefined ? g.error === w.error && lineOk : g.error === undefined && g.output === w.output;
  if (!same) {
    bad++;
    console.log(`✗ ${f} :: ${c.name}\n  src:  ${JSON.stringify(c.source)}\n  want: ${JSON.stringify(w)}\n  got:  ${JSON.stringify(g).slice(0, 600)}`);
  }
});
console.log(`${all.length - bad}/${all.length} pass`);
if (process.env['LINES']) {
  all.forEach(([f, c], i) => {
    const w = want[i]!;
    const g = renderCase(c);
    if (w.error !== undefined && g.error === w.error && w.line !== undefined && (g.line !== w.line || (w.template ?? '<template>') !== (g.template ?? '<template>'))) {
      console.log(`line ${f} :: ${c.name}: want ${w.template}:${w.line} got ${g.template}:${g.line}`);
    }
  });
}
