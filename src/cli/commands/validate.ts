// `hops validate`: schemas plus cross-reference rules over every Flux Kustomization of a repository built offline, or
// over plain manifests (files, folders, `-` for stdin) like kubeconform. Exit 1 on any error (with --strict, on any
// warning too), 2 on bad usage.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../index.js';
import { VERSION } from '../index.js';
import { entryDir, repoRoot, userPath } from '../paths.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { DEFAULT_CACHE_DIR_TEXT, defaultCacheDir, readManifestInputs } from '../../schema/index.js';
import type { MissingSchemaPolicy } from '../../schema/index.js';
import { chartDirs, defaultSeverity, rules, validate } from '../../validate/index.js';
import type { ValidateOptions } from '../../validate/index.js';
import { FORMATS, formatReport, isFormat } from '../../report/index.js';

const collect = (v: string, prev: string[] = []): string[] => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const POLICIES = ['error', 'warn', 'ignore'];

/** A local --schema-location whose fixed folder is missing is a typo: every lookup would miss without a word. */
function checkLocalLocation(io: CommandContext['io'], loc: string): void {
  if (loc === 'default' || /^https?:\/\//.test(loc)) return;
  const fixed = (loc.split('{{')[0] ?? '').replace(/^file:\/\//, '');
  const dir = loc.includes('{{') || loc.endsWith('json') ? fixed.slice(0, fixed.lastIndexOf('/') + 1) : fixed;
  if (dir === '' || existsSync(userPath(io, dir))) return;
  throw new UsageError(`--schema-location ${loc}: ${userPath(io, dir)} does not exist`, 'give an existing folder (or file template), an http(s) URL, or default');
}

/** kubeconform's form (`1.33.0`, `master`); the `v1.33.0` people copy from `kubectl version` is taken too. */
export function kubernetesVersion(v: string): string {
  const m = /^v?(\d+\.\d+(?:\.\d+)?)$/.exec(v);
  if (m) return m[1]!;
  if (v === 'master') return v;
  throw new UsageError(`--kubernetes-version must look like 1.33.0 (or master), not ${v}`, 'give major.minor.patch with or without a leading v (1.33.0, v1.33.0), or master for the newest schemas');
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('check every resource the repository builds against its schema and the cross-reference rules (offline)')
    .argument('[paths...]', 'plain manifests instead of the repository: files, folders, or - for stdin')
    .option('--path <repo>', 'repository root (default: current folder)')
    .option('--entry <dir>', 'cluster directory to start from, e.g. kubernetes/flux/cluster (default: every Flux Kustomization)')
    .option('-o, --output <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--summary', 'end text output with a line of counts')
    .option('--strict', 'exit 1 on warnings too')
    .option('--skip <kinds>', 'kinds or group/version/kinds not to validate (comma list, repeatable)', collect)
    .option('--reject <kinds>', 'kinds or group/version/kinds that are an error (comma list, repeatable)', collect)
    .option('--schema-location <location>', 'schema location template or folder, tried in order (repeatable; "default" = shipped bundle)', (v: string, p: string[] = []) => [...p, v])
    .option('--kubernetes-version <version>', 'Kubernetes version for {{.NormalizedKubernetesVersion}} in schema locations')
    .option('--missing-schemas <policy>', 'a kind without schema is: error, warn or ignore', 'warn')
    .option('--cache-dir <dir>', `schema cache of \`hops schemas import\` (default: ${DEFAULT_CACHE_DIR_TEXT})`)
    .option('--chart-cache-dir <dir>', 'local charts for values.schema.json checks, as hops diff reads them (<chart>-<version>.tgz, <chart>/, <chart>/<version>/); searched first, then $HOPS_CHART_DIR, $XDG_CACHE_HOME/hops/charts (else ~/.cache/hops/charts) and helm\'s cache')
    .option('--disable <codes>', `rule codes not to run (comma list): ${rules.map((r) => r.code).join(', ')}`, collect)
    .option('--no-schemas', 'skip schema validation (rules only)')
    .action(async (paths: string[], o: Record<string, unknown>) => {
      const { io } = ctx;
      const format = String(o['output']);
      if (!isFormat(format)) throw new UsageError(`--output must be one of ${FORMATS.join(', ')}, not ${format}`);
      const policy = String(o['missingSchemas']);
      if (!POLICIES.includes(policy)) throw new UsageError(`--missing-schemas must be error, warn or ignore, not ${policy}`);
      const list = (k: string): string[] | undefined => (Array.isArray(o[k]) ? (o[k] as string[]) : undefined);
      const unknown = (list('disable') ?? []).filter((c) => !rules.some((r) => r.code === c));
      if (unknown.length) throw new UsageError(`--disable: no rule ${unknown.join(', ')}`, `rule codes: ${rules.map((r) => r.code).join(', ')}`);
      for (const loc of list('schemaLocation') ?? []) checkLocalLocation(io, loc);
      const root = repoRoot(io, o);
      const opts: ValidateOptions = {
        root,
        env: io.env,
        cwd: io.cwd,
        missingSchema: policy as MissingSchemaPolicy,
        cacheDir: typeof o['cacheDir'] === 'string' ? userPath(io, o['cacheDir']) : defaultCacheDir(io.env),
        chartCacheDir: chartDirs(io.env, typeof o['chartCacheDir'] === 'string' ? [userPath(io, o['chartCacheDir'])] : []),
        noSchemas: o['schemas'] === false,
      };
      if (typeof o['entry'] === 'string') opts.entry = entryDir(root, o['entry']);
      if (typeof o['kubernetesVersion'] === 'string') opts.kubernetesVersion = kubernetesVersion(o['kubernetesVersion']);
      for (const [key, field] of [['skip', 'skip'], ['reject', 'reject'], ['schemaLocation', 'schemaLocations'], ['disable', 'disable']] as const) {
        const v = list(key);
        if (v) opts[field] = v;
      }
      if (paths.length > 0) {
        const hint = `check the path (read from ${io.cwd}); to validate a repository, give its folder with --path <repo> instead`;
        opts.manifests = await readManifestInputs(paths, io, hint);
      }

      const result = await validate(opts);
      const describe = (code: string): string | undefined => rules.find((r) => r.code === code)?.description;
      const report = { tool: 'hops', findings: result.findings, checked: result.resources, summary: result.summary };
      io.stdout.write(formatReport(format, report, { summary: o['summary'] === true, version: VERSION, describe, defaultSeverity }));
      const failed = result.summary.errors > 0 || (o['strict'] === true && result.summary.warnings > 0);
      ctx.setExit(failed ? EXIT.failed : EXIT.ok);
    });
}
