// Developer tool: `node --import tsx test/jinja/report.ts [file-substring]` prints only the differing cases.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JinjaCase } from './case.js';
import { renderCase, type CaseResult } from './render-case.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const all: [string, JinjaCase][] = [];
for (const f of readdirSync(join(here, 'cases')).sort()) {
  if (!f.endsWith('.ts') || !f.includes(filter)) continue;
  const mod = (await import(pathToFileURL(join(here, 'cases', f)).href)) as Record<string, unknown>;
  for (const v of Object.values(mod)) if (Array.isArray(v)) for (const c of v as JinjaCase[]) all.push([f, c]);
}
const r = spawnSync('/usr/bin/python3', [join(here, 'oracle.py')], { input: JSON.stringify(all.map((x) => x[1])), encoding: 'utf8', maxBuffer: 1 << 28 });
const want = JSON.parse(r.stdout) as CaseResult[];
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
