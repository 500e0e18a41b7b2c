// `hops build path|ks|all`: kustomize builds of directories, or Flux Kustomizations built offline as Flux would.
// Prints YAML (Secrets masked as `flux build` does) or writes one file per unit plus index.tsv to --output-dir.
import type { Command } from 'commander';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CommandContext } from '../index.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { formatFinding } from '../../core/finding.js';
import type { Finding } from '../../core/finding.js';
import { stringifyDocuments } from '../../io/yaml-write.js';
import { build } from '../../flux/build.js';
import type { BuildRequest, BuildResult, BuildUnit } from '../../flux/build.js';
import { maskSecrets } from '../../flux/mask.js';
import { entryDir, pathModeRoot, repoRoot } from '../paths.js';

const abs = (cwd: string, p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));

/** `kubernetes/apps` → `kubernetes__apps.yaml`; `.` → `_root_.yaml`; `flux-system/apps` → `flux-system__apps.yaml`. */
export function outputName(id: string): string {
  return id === '.' ? '_root_.yaml' : id.replace(/\//g, '__') + '.yaml';
}

function firstError(u: BuildUnit): string {
  const f = u.findings.find((x) => x.severity === 'error');
  return f ? f.message.replace(/[\t\r\n]+/g, ' ') : '';
}

function yamlOf(u: BuildUnit): string {
  return stringifyDocuments(maskSecrets(u.resources).map((r) => r.object));
}

/**
 * Writes every file next to its final name first and renames at the end: no half-written output directory. A
 * directory that cannot be written is a usage error; the temporary files are removed.
 */
function writeOutputDir(dir: string, result: BuildResult): void {
  const files: Array<[string, string]> = result.units.map((u) => [outputName(u.id), yamlOf(u)]);
  const rows = result.units.map((u) => [u.id, u.ok ? '0' : '1', String(Math.round(u.ms)), firstError(u)].join('\t'));
  files.push(['index.tsv', ['dir\texit\tms\terror', ...rows].join('\n') + '\n']);
  const tmp = `.hops-tmp-${process.pid}`;
  let renamed = 0;
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of files) writeFileSync(join(dir, name + tmp), text);
    for (const [name] of files) {
      renameSync(join(dir, name + tmp), join(dir, name));
      renamed++;
    }
  } catch (e) {
    for (const [name] of files) {
      try {
        rmSync(join(dir, name + tmp), { force: true });
      } catch {
        // never written (the directory is not there)
      }
    }
    const err = e as NodeJS.ErrnoException;
    const reason = err.code && err.path ? `${err.code} at ${err.path.replace(tmp, '')}` : err.message;
    const done = renamed === 0 ? 'nothing written' : `${renamed} of ${files.length} files replaced before the failure`;
    throw new UsageError(`cannot write the build to --output-dir ${dir} (${reason}); ${done}`, 'give a directory hops can create and write');
  }
}

function report(result: BuildResult, write: (s: string) => void): void {
  const all: Finding[] = [...result.findings, ...result.units.flatMap((u) => u.findings)];
  const seen = new Set<string>();
  for (const f of all) {
    const line = formatFinding(f);
    if (seen.has(line)) continue;
    seen.add(line);
    write(line + '\n');
  }
}

async function run(ctx: CommandContext, req: BuildRequest, o: Record<string, unknown>, root: string): Promise<void> {
  const { io } = ctx;
  const result = await build(req, { root, env: io.env, strict: o['strictSubstitute'] === true });
  if (typeof o['outputDir'] === 'string') writeOutputDir(abs(io.cwd, o['outputDir']), result);
  else {
    const docs = result.units.filter((u) => u.resources.length > 0).map(yamlOf);
    io.stdout.write(docs.join('---\n'));
  }
  report(result, (s) => io.stderr.write(s));
  ctx.setExit(result.ok ? EXIT.ok : EXIT.failed);
}

export function registerBuild(program: Command, ctx: CommandContext): void {
  const cmd = program.command('build').description('build kustomize directories or Flux Kustomizations offline, as kustomize and Flux would');

  cmd
    .command('path')
    .description('kustomize build of one or more directories (like `kustomize build`), in one process')
    .argument('<dir...>', 'directories holding a kustomization file')
    .option('--load-restrictor <mode>', 'root-only (kustomize default) or none (what Flux uses)', 'root-only')
    .option('--output-dir <dir>', 'write <dir with / as __>.yaml per directory and index.tsv instead of printing')
    .option('--path <repo>', 'repository root no file may be read outside of (default: the current folder, or the git repository holding the directories)')
    .action(async (dirs: string[], o: Record<string, unknown>) => {
      const lr = o['loadRestrictor'];
      if (lr !== 'root-only' && lr !== 'none') throw new UsageError(`--load-restrictor must be root-only or none, not ${String(lr)}`);
      const absDirs = dirs.map((d) => abs(ctx.io.cwd, d));
      const root = typeof o['path'] === 'string' ? repoRoot(ctx.io, o) : pathModeRoot(ctx.io.cwd, absDirs);
      await run(ctx, { mode: 'path', dirs: absDirs, loadRestrictor: lr === 'none' ? 'none' : 'rootOnly' }, o, root);
    });

  cmd
    .command('ks')
    .description('build one Flux Kustomization offline (like `flux build ks`): spec, substitutions, SOPS variables')
    .argument('<name>', 'metadata.name of the Flux Kustomization')
    .option('-n, --namespace <ns>', 'its namespace, when the name is not unique')
    .option('--path <repo>', 'repository root (default: current folder)')
    .option('--strict-substitute', 'fail on variables without a value or default')
    .action(async (name: string, o: Record<string, unknown>) => {
      const root = repoRoot(ctx.io, o);
      const req: BuildRequest = typeof o['namespace'] === 'string' ? { mode: 'ks', name, namespace: o['namespace'] } : { mode: 'ks', name };
      await run(ctx, req, o, root);
    });

  cmd
    .command('all')
    .description('build every Flux Kustomization of the repository (or those reached from a cluster directory)')
    .option('--path <repo>', 'repository root (default: current folder)')
    .option('--entry <dir>', 'cluster directory to start from, e.g. kubernetes/flux/cluster (default: every Kustomization)')
    .option('--output-dir <dir>', 'write <namespace>__<name>.yaml per Kustomization and index.tsv instead of printing')
    .option('--strict-substitute', 'fail on variables without a value or default')
    .option('--include-unapplied', 'also build Kustomizations Flux does not apply (inside another one\'s path, not listed by it); by default they are only reported')
    .action(async (o: Record<string, unknown>) => {
      const root = repoRoot(ctx.io, o);
      const req: BuildRequest =
        typeof o['entry'] === 'string' ? { mode: 'all', entry: entryDir(root, o['entry']) } : { mode: 'all', unapplied: o['includeUnapplied'] === true ? 'build' : 'skip' };
      await run(ctx, req, o, root);
    });
}
