// `hops diff [all | ks <name> | hr <name>]`: what a change does to the built manifests, offline, against a git ref
// or another folder. Exit codes as `flux diff`: 0 no change, 1 changes, 2 error (`--exit-zero` for comment-only CI).
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CommandContext } from '../index.js';
import { repoRoot, userPath } from '../paths.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { formatFinding } from '../../core/finding.js';
import { belowLine, diff, DEFAULT_STRIP_ATTRS, failureGroups, failureLine, formatJson, formatMarkdown, formatPatch, formatText, hasChanges, summaryLine } from '../../diff/index.js';
import type { Base, DiffRequest, DiffResult } from '../../diff/index.js';

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

function intOption(o: Record<string, unknown>, name: string, flag: string): number | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not ${JSON.stringify(v)}`);
  return n;
}

function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--ref <git-ref>', 'compare against this git ref of the repository (default: HEAD), read from git objects')
    .option('--path-orig <dir>', 'compare against another folder instead of a git ref')
    .option('--path <repo>', 'repository root of the new side (default: current folder)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'markdown', 'json', 'diff']).default('text'))
    .option('--strip-attrs <keys>', `labels/annotations to ignore, comma-separated ('' for none)`, DEFAULT_STRIP_ATTRS.join(','))
    .option('--unified <n>', 'lines of context around changes', '3')
    .option('--limit-bytes <n>', 'markdown: cap the output size (default 60000; 0 for no limit)')
    .option('--full', 'build every Kustomization on both sides (default: only those whose inputs changed)')
    .option('--exit-zero', 'exit 0 even when there are changes (errors still exit 2)')
    .option('--strict-substitute', 'fail on variables without a value or default')
    .addOption(new Option('--color <when>', 'color text output').choices(['auto', 'always', 'never']).default('auto'));
}

function print(ctx: CommandContext, r: DiffResult, o: Record<string, unknown>): void {
  const { io } = ctx;
  const fmt = o['output'] as string;
  const color = o['color'] === 'always' || (o['color'] === 'auto' && io.stdout.isTTY === true && !io.env['NO_COLOR']);
  const problems = r.findings.filter((f) => f.severity !== 'info');
  if (fmt === 'json') io.stdout.write(formatJson(r));
  else if (fmt === 'markdown') {
    const limit = intOption(o, 'limitBytes', '--limit-bytes');
    let md = formatMarkdown(r, limit === undefined ? {} : { limitBytes: limit });
    if (problems.length) md += `\n<details>\n<summary>${problems.length} problem${problems.length === 1 ? '' : 's'}</summary>\n\n${problems.map((f) => '- ' + formatFinding(f).replace(/\n\s*/g, ' — ')).join('\n')}\n\n</details>\n`;
    io.stdout.write(md);
  } else if (fmt === 'diff') io.stdout.write(formatPatch(r));
  else io.stdout.write(formatText(r, { color }));
  if (fmt !== 'json') {
    // a patch has no room for them: the Kustomizations not compared go to stderr
    if (fmt === 'diff') for (const { ks, below } of failureGroups(r)) io.stderr.write(`✖ ${failureLine(r, ks)}\n${below.length ? `  ${belowLine(below)}\n` : ''}`);
    for (const f of problems) io.stderr.write(formatFinding(f) + '\n');
    for (const n of r.notes) io.stderr.write(`note: ${n}\n`);
    if (fmt === 'text' || fmt === 'diff') io.stderr.write(summaryLine(r) + '\n');
  }
}

async function run(ctx: CommandContext, req: DiffRequest, o: Record<string, unknown>): Promise<void> {
  const { io } = ctx;
  const abs = (p: string): string => userPath(io, p);
  if (typeof o['ref'] === 'string' && typeof o['pathOrig'] === 'string') throw new UsageError('give either --ref or --path-orig, not both');
  const base: Base = typeof o['pathOrig'] === 'string' ? { path: abs(o['pathOrig']) } : { ref: typeof o['ref'] === 'string' ? o['ref'] : 'HEAD' };
  const strip = String(o['stripAttrs'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const helmDirs = (o['chartDir'] as string[] | undefined)?.map(abs);
  const r = await diff(req, {
    root: repoRoot(io, o),
    base,
    env: io.env,
    strict: o['strictSubstitute'] === true,
    full: o['full'] === true,
    stripAttrs: strip,
    context: intOption(o, 'unified', '--unified') ?? 3,
    helm: {
      env: io.env,
      ...(typeof o['helm'] === 'string' ? { binary: abs(o['helm']) } : {}),
      ...(helmDirs ? { chartDirs: helmDirs } : {}),
    },
  });
  print(ctx, r, o);
  ctx.setExit(!r.ok ? EXIT.usage : hasChanges(r) && o['exitZero'] !== true ? EXIT.failed : EXIT.ok);
}

export function registerDiff(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('diff')
    .description('what a change does to the built manifests, offline: the working tree against a git ref (or another folder)');

  withCommonOptions(cmd.command('all', { isDefault: true }).description('every Flux Kustomization whose output changed (the default)')).action(async (o: Record<string, unknown>) => {
    await run(ctx, { mode: 'all' }, o);
  });

  withCommonOptions(cmd.command('ks').description('one Flux Kustomization (like `flux diff ks`)').argument('<name>', 'metadata.name of the Flux Kustomization'))
    .option('-n, --namespace <ns>', 'its namespace, when the name is not unique')
    .action(async (name: string, o: Record<string, unknown>) => {
      await run(ctx, typeof o['namespace'] === 'string' ? { mode: 'ks', name, namespace: o['namespace'] } : { mode: 'ks', name }, o);
    });

  withCommonOptions(
    cmd
      .command('hr')
      .description('one HelmRelease: its object and, with helm on PATH and the chart available locally, the manifests its chart renders')
      .argument('<name>', 'metadata.name of the HelmRelease'),
  )
    .option('-n, --namespace <ns>', 'its namespace, when the name is not unique')
    .option('--helm <binary>', 'helm binary to render charts with (default: helm on PATH)')
    .option('--chart-dir <dir>', 'folder with local charts (<name>-<version>.tgz or folders); repeatable. Also searched: $HOPS_CHART_DIR, $XDG_CACHE_HOME/hops/charts (else ~/.cache/hops/charts), helm\'s cache', collect)
    .action(async (name: string, o: Record<string, unknown>) => {
      await run(ctx, typeof o['namespace'] === 'string' ? { mode: 'hr', name, namespace: o['namespace'] } : { mode: 'hr', name }, o);
    });
}
