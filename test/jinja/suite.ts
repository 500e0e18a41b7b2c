// What the differential test, the corpus test and report.ts share: the case files, and one oracle.py run (Python
// Jinja2) over a list of cases.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../support/env.js';
import type { JinjaCase } from './case.js';
import type { CaseResult } from './render-case.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Every case of test/jinja/cases, by file (without its suffix), in file order; `filter` keeps files whose name has it. */
export async function loadCaseFiles(filter = ''): Promise<Array<{ file: string; cases: JinjaCase[] }>> {
  const dir = join(here, 'cases');
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && f.includes(filter))
    .sort();
  const out: Array<{ file: string; cases: JinjaCase[] }> = [];
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

/** test/jinja/oracle.py (the source file, also when running from dist/), or null. */
export function oracleScript(): string | null {
  const p = join(projectRoot, 'test', 'jinja', 'oracle.py');
  return existsSync(p) ? p : null;
}

/** What Python Jinja2 makes of each case (oracle.py, one process for all); `results` is empty when it failed. */
export function runOracle(python: string, oracle: string, cases: readonly JinjaCase[]): { status: number | null; stderr: string; results: CaseResult[] } {
  const r = spawnSync(python, [oracle], { input: JSON.stringify(cases), maxBuffer: 1 << 30, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, results: r.status === 0 ? (JSON.parse(r.stdout) as CaseResult[]) : [] };
}
