// `npm run bench`: runs every benchmark that exists and prints its figures. Each bench module exports `run()`
// returning rows of [label, value] pairs; speed goals are checked here, never in tests.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Row = Record<string, string | number>;
interface BenchModule {
  title: string;
  run(): Promise<Row[]>;
}

const here = dirname(fileURLToPath(import.meta.url));
// Pipeline order first; any other bench module after them.
const order = ['configure', 'template', 'yaml', 'kustomize', 'flux', 'schema', 'validate', 'diff'];
const found = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'index.js')
  .map((f) => f.slice(0, -3));
const names = [...order.filter((n) => found.includes(n)), ...found.filter((n) => !order.includes(n)).sort()];

function printTable(rows: Row[]): void {
  if (rows.length === 0) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((s, i) => s.padEnd(width[i] ?? 0)).join('  ').trimEnd();
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}

const only = process.argv.slice(2);
for (const name of names) {
  if (only.length && !only.includes(name)) continue;
  const file = join(here, `${name}.js`);
  const mod = (await import(file)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') continue;
  console.log(`\n## ${mod.title ?? name}`);
  printTable(await mod.run());
}
console.log(`\npeak RSS of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
