// `hops new app <namespace>/<name>`: parses flags (asking for the missing ones only on a terminal), calls newApp(),
// prints the files it wrote (or, with --dry-run, would write) and the next steps.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { EXIT } from '../../core/errors.js';
import { formatFinding } from '../../core/finding.js';
import type { CommandContext } from '../index.js';
import { repoRoot } from '../paths.js';
import { newApp } from '../../scaffold/index.js';
import type { NewAppOptions, NewAppResult } from '../../scaffold/index.js';
import { unifiedDiff } from '../../render/apply/unified-diff.js';

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** Asks for what a terminal user left out (an empty answer skips the optional ones). */
async function ask(ctx: CommandContext, o: Record<string, unknown>): Promise<void> {
  const { io } = ctx;
  if (!io.stdin?.isTTY || o['image'] !== undefined || o['chart'] !== undefined) return;
  // the terminal echoes what is typed; the prompts go to stderr so stdout stays the files (--dry-run)
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    const q = async (label: string): Promise<string | undefined> => {
      io.stderr.write(`${label}: `);
      const r = await lines.next();
      return r.done ? undefined : String(r.value).trim() || undefined;
    };
    o['image'] = await q('image (repository:tag)');
    o['port'] ??= await q('port (empty: none)');
    o['route'] ??= await q('route host (empty: none)');
    if (!o['persistence']) {
      const p = await q('persistence <name>=<size>[,<class>] (empty: none)');
      if (p) o['persistence'] = [p];
    }
  } finally {
    rl.close();
  }
}

function print(ctx: CommandContext, r: NewAppResult, dryRun: boolean): void {
  const { io } = ctx;
  const changed = r.writes.filter((w) => w.action !== 'unchanged');
  if (dryRun) {
    for (const w of changed) {
      if (w.action === 'create') io.stdout.write(`# ${w.path} (new)\n${w.text}${w.text.endsWith('\n') ? '' : '\n'}`);
    }
    for (const w of changed) {
      if (w.action === 'update') io.stdout.write(unifiedDiff(w.before ?? '', w.text, `a/${w.path}`, `b/${w.path}`));
    }
  }
  const verb = (a: string): string => (dryRun ? `would ${a}` : a === 'create' ? 'created' : 'updated');
  for (const n of r.notes) io.stderr.write(`  ${n}\n`);
  for (const w of changed) io.stderr.write(`${verb(w.action)} ${w.path}\n`);
  for (const f of r.findings) if (f.severity !== 'info' && f.code !== 'schema-missing') io.stderr.write(formatFinding(f) + '\n');
  const missing = r.findings.filter((f) => f.code === 'schema-missing').length;
  if (missing) io.stderr.write(`(${missing} kind${missing === 1 ? '' : 's'} without a schema were not schema-checked; \`hops schemas import\` adds CRDs)\n`);
  const n = changed.length;
  io.stderr.write(`hops new app ${r.namespace}/${r.name}: ${dryRun ? `${n} file${n === 1 ? '' : 's'} would be written; nothing written` : `${n} file${n === 1 ? '' : 's'} written`}${r.templated ? ' (templates and their rendered output)' : ''}\n`);
  if (!dryRun) {
    io.stderr.write('next steps:\n');
    for (const s of r.nextSteps) io.stderr.write(`  ${s}\n`);
  }
}

export function registerNew(program: Command, ctx: CommandContext): void {
  const cmd = program.command('new').description('scaffold new things in the repository, in its own conventions');
  cmd
    .command('app')
    .description('add a HelmRelease app laid out like the repository\'s others, wired into its namespace, built and validated')
    .argument('<namespace/name>', 'namespace and app name, e.g. media/whoami')
    .option('--path <repo>', 'repository root (default: current folder)')
    .option('--chart <ref>', 'oci://registry/path/chart or <helmrepository>/<chart> (default: the chart most apps use)')
    .option('--version <x.y.z>', 'chart version (default: the one the repository\'s apps of that chart pin)')
    .option('--image <repo:tag>', 'container image, pinned (tag or digest)')
    .option('--port <n>', 'container port, exposed as the service port http')
    .option('--route <host>', 'host label (joined to the repository\'s domain) or full host name')
    .option('--persistence <name=size[,class]>', 'a volume mounted at /<name> (repeatable); uses the repository\'s volume component where it has one', collect)
    .option('--externalsecret <store/key>', 'an ExternalSecret from <store> (default store: the usual one) whose keys become the environment')
    .option('--depends-on <ns/ks>', 'a Flux Kustomization the app waits for (repeatable)', collect)
    .option('--dry-run', 'print the files instead of writing them')
    .option('--force', 'overwrite the app\'s files when they exist and differ')
    .option('--allow-floating', 'accept moving image tags and chart version ranges')
    .option('--online', 'look up the newest chart version when --version is left out (network)')
    .option('--json', 'print the result as JSON')
    .action(async (ref: string, o: Record<string, unknown>) => {
      const { io } = ctx;
      await ask(ctx, o);
      const s = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const opts: NewAppOptions = {
        root: repoRoot(io, o),
        app: ref,
        env: io.env,
        dryRun: o['dryRun'] === true,
        force: o['force'] === true,
        allowFloating: o['allowFloating'] === true,
        online: o['online'] === true,
        ...(s('chart') ? { chart: s('chart')! } : {}),
        ...(s('version') ? { version: s('version')! } : {}),
        ...(s('image') ? { image: s('image')! } : {}),
        ...(s('port') ? { port: s('port')! } : {}),
        ...(s('route') ? { route: s('route')! } : {}),
        ...(s('externalsecret') ? { externalSecret: s('externalsecret')! } : {}),
        persistence: (o['persistence'] as string[] | undefined) ?? [],
        dependsOn: (o['dependsOn'] as string[] | undefined) ?? [],
        ...(o['online'] === true ? { fetch: globalThis.fetch as unknown as NonNullable<NewAppOptions['fetch']> } : {}),
      };
      const r = await newApp(opts);
      if (o['json']) {
        io.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      if (r.status === 'unchanged') {
        io.stderr.write(`hops new app ${r.namespace}/${r.name}: already there and up to date; nothing changed\n`);
        return;
      }
      print(ctx, r, r.status === 'dry-run');
      ctx.setExit(EXIT.ok);
    });
}
