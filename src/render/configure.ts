// `configure()`: the makejinja-compatible render job, for the CLI and the dashboard. Read (settings, data, plugins,
// templates) → plan → render everything in memory → compare with disk and the manifest → write all or nothing.
// Problems come back as findings; with any error nothing is written.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXIT } from '../core/errors.js';
import { hasErrors, type Finding } from '../core/finding.js';
import { computeChanges, isChange, type Change } from './apply/changes.js';
import { MANIFEST_PATH, readManifest } from './apply/manifest.js';
import { writeRun } from './apply/write-run.js';
import { cleanRefusal } from './apply/safety.js';
import { unifiedDiff } from './apply/unified-diff.js';
import type { ResolvedConfig } from './config/resolve.js';
import { relPath } from './data/load.js';
import { planRender } from './plan/plan.js';
import { prepare, type PrepareOptions } from './prepare.js';
import { renderPlan } from './render/render-all.js';

export interface ConfigureOptions extends PrepareOptions {
  /** Report what would change and fail (exit 1) when something would; write nothing. */
  check?: boolean;
  /** Produce a unified diff of what would change; write nothing. */
  diff?: boolean;
  /** Render in memory only (no write, no hooks): for the dashboard and benchmarks. */
  dryRun?: boolean;
  /** Delete outputs of removed templates (only files still holding what hops wrote). */
  prune?: boolean;
  /** Run exec_pre/exec_post (default: true when writing). */
  hooks?: boolean;
  /** makejinja-style progress lines (suppressed by quiet). */
  log?: (line: string) => void;
}

export interface ConfigureResult {
  /** 0 ok; 1 errors found, or --check found changes; 2 bad settings or refused. */
  exitCode: number;
  findings: Finding[];
  changes: Change[];
  /** True when the tree was written. */
  written: boolean;
  /** Unified diff (with `diff`). */
  diff: string;
  /** The rendered text in single-file `-o /dev/stdout` mode. */
  stdout: string | null;
  config: ResolvedConfig | null;
  /** Rendered/copied files in memory: absolute path → bytes. */
  outputs: Map<string, Buffer>;
  counts: { templates: number; copied: number; empty: number; excluded: number };
}

function runHooks(cmds: readonly string[], root: string, what: string, env: Record<string, string | undefined>, log: (s: string) => void): Finding[] {
  for (const cmd of cmds) {
    log(`Run ${what} '${cmd}'`);
    const r = spawnSync('sh', ['-c', cmd], { cwd: root, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
    if (r.stdout) log(r.stdout.trimEnd());
    if (r.status !== 0) {
      return [
        {
          code: 'hook-failed',
          severity: 'error',
          message: `${what} command failed (${r.error ? r.error.message : `exit status ${r.status}`}): ${cmd}${r.stderr ? `\n${r.stderr.trimEnd()}` : ''}`,
          hint: `fix the command or remove it from ${what.replace('-', '_')} in makejinja.toml`,
        },
      ];
    }
  }
  return [];
}

export async function configure(opts: ConfigureOptions = {}): Promise<ConfigureResult> {
  const writing = !opts.check && !opts.diff && !opts.dryRun;
  const hooks = opts.hooks ?? writing;
  const result: ConfigureResult = {
    exitCode: EXIT.ok,
    findings: [],
    changes: [],
    written: false,
    diff: '',
    stdout: null,
    config: null,
    outputs: new Map(),
    counts: { templates: 0, copied: 0, empty: 0, excluded: 0 },
  };
  let quiet = false;
  const log = (s: string) => {
    if (!quiet) opts.log?.(s);
  };
  const env = opts.env ?? process.env;

  const outcome = await prepare(opts, (config) => {
    quiet = config.quiet;
    const compare = opts.check ? '--check' : opts.diff ? '--diff' : null;
    if (compare && config.stdout) {
      // single-file mode prints the render and has no file to compare with: --check would always pass
      return [
        {
          code: 'config-invalid',
          severity: 'error',
          message: `${compare} compares outputs with the files on disk, but the output is standard output (/dev/stdout), which has none`,
          hint: `give -o the file to compare with (hops configure -i <template> -o <file> ${compare}), or drop ${compare} to print the render`,
        },
      ];
    }
    if (config.clean) {
      const refusal = cleanRefusal(config);
      if (refusal) return [refusal];
    }
    return hooks ? runHooks(config.execPre, config.root, 'exec-pre', env, log) : null;
  });
  result.findings.push(...outcome.findings);
  if (!outcome.ok) {
    result.config = outcome.config;
    result.exitCode = outcome.exitCode;
    return result;
  }
  const p = outcome.prepared;
  const config = p.config;
  result.config = config;
  try {
    const pathFilters = p.plugins.flatMap((c) => c.pathFilters);
    const plan = planRender(config, pathFilters);
    const rendered = renderPlan(plan, p.built, config, p.hints);
    result.findings.push(...plan.findings, ...rendered.findings);
    result.counts = {
      templates: rendered.templates,
      copied: rendered.outputs.filter((o) => o.kind === 'copy').length,
      empty: rendered.empty.length,
      excluded: plan.actions.filter((a) => a.kind === 'excluded').length,
    };
    for (const o of rendered.outputs) result.outputs.set(o.path, o.bytes);
    for (const e of rendered.empty) log(`Skip empty file '${relPath(config.root, e.input)}'`);
    if (hasErrors(result.findings)) {
      result.exitCode = EXIT.failed;
      return result;
    }

    if (config.stdout) {
      result.stdout = rendered.outputs.map((o) => o.bytes.toString('utf8')).join('');
      return result;
    }

    const previous = readManifest(config.output);
    if (previous.problem) {
      result.findings.push({ code: 'manifest-invalid', severity: 'warning', message: `ignoring the manifest: ${previous.problem}`, file: relPath(config.root, join(config.output, MANIFEST_PATH)), hint: 'delete it; the next run writes a fresh one' });
    }
    const set = computeChanges({ config, plan, outputs: rendered.outputs, previous: previous.manifest, prune: opts.prune === true });
    result.findings.push(...set.findings);
    result.changes = set.changes;

    if (opts.diff) {
      result.diff = set.changes
        .filter(isChange)
        .map((c) => {
          const bin = (b?: Buffer) => b !== undefined && b.includes(0);
          if (bin(c.before) || bin(c.after)) return `Binary file ${c.path} ${c.kind === 'create' ? 'created' : c.kind === 'delete' ? 'deleted' : 'changed'}\n`;
          return unifiedDiff(
            c.before?.toString('utf8') ?? '',
            c.kind === 'delete' ? '' : (c.after?.toString('utf8') ?? ''),
            c.kind === 'create' ? '/dev/null' : `a/${c.path}`,
            c.kind === 'delete' ? '/dev/null' : `b/${c.path}`,
          );
        })
        .join('');
    }
    if (opts.check && set.changes.some(isChange)) result.exitCode = EXIT.failed;
    if (!writing) return result;

    const w = writeRun({ config, plan, outputs: rendered.outputs, set, log });
    if (w) {
      result.findings.push(w);
      result.exitCode = w.code === 'write-outside-repo' ? EXIT.usage : EXIT.failed;
      return result;
    }
    result.written = true;
    if (hooks) {
      const f = runHooks(config.execPost, config.root, 'exec-post', env, log);
      result.findings.push(...f);
      if (hasErrors(f)) result.exitCode = EXIT.failed;
    }
    return result;
  } finally {
    p.close();
  }
}
