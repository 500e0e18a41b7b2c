// `hops vars`: variables read by the templates vs defined in the data vs documented in TEMPLATE_GUIDE.md.
import type { Command } from 'commander';
import type { CommandContext } from '../index.js';
import { repoRoot } from '../paths.js';
import { vars } from '../../render/vars/vars.js';
import { printFindings } from '../configure-print.js';

export function registerVars(program: Command, ctx: CommandContext): void {
  program
    .command('vars')
    .description('variables the templates read vs defined in the data vs documented in TEMPLATE_GUIDE.md (exit 1 when one is missing)')
    .option('--path <dir>', 'repository folder holding makejinja.toml (default: current folder)')
    .option('--config <file>', 'settings file to read instead of <path>/makejinja.toml')
    .option('--guide <file>', 'template guide (default: TEMPLATE_GUIDE.md or docs/TEMPLATE_GUIDE.md)')
    .option('--python <exe>', 'Python interpreter for Python plugins')
    .option('--json', 'print the table as JSON')
    .action(async (o: Record<string, unknown>) => {
      const { io } = ctx;
      const result = await vars({
        root: repoRoot(io, o),
        cwd: io.cwd,
        env: io.env,
        ...(typeof o['config'] === 'string' ? { configFile: o['config'] } : {}),
        ...(typeof o['guide'] === 'string' ? { guide: o['guide'] } : {}),
        ...(typeof o['python'] === 'string' ? { python: o['python'] } : {}),
      });
      ctx.setExit(result.exitCode);
      if (o['json']) {
        io.stdout.write(JSON.stringify({ exitCode: result.exitCode, guide: result.guide, rows: result.rows, findings: result.findings }, null, 2) + '\n');
        return;
      }
      if (result.rows.length > 0) {
        const mark = (b: boolean) => (b ? 'yes' : 'NO');
        const table = [
          ['VARIABLE', 'READ', 'DEFINED', 'DOCUMENTED', 'WHERE'],
          ...result.rows.map((r) => [
            r.path,
            r.readAt ? 'yes' : '-',
            mark(r.definedIn !== null),
            result.guide === null ? '-' : mark(r.documentedAt !== null),
            r.readAt ? `${r.readAt.file}:${r.readAt.line}` : (r.definedIn ?? ''),
          ]),
        ];
        const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
        for (const row of table) io.stdout.write(row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd() + '\n');
      }
      printFindings(result.findings, (s) => io.stderr.write(s));
    });
}
