// `configure()`: the makejinja-compatible render job, for the CLI and the dashboard. Read (settings, data, plugins,
// templates) → plan → render everything in memory → compare with disk and the manifest → write all or nothing.
// Problems come back as findings; with any error nothing is written.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from '../core/errors.js';
import { hasErrors, type Finding } from '../core/finding.js';
import { applyTransaction, ApplyError, removeEmptyDirs, type WriteOp } from './apply/atomic.js';
import { computeChanges, isChange, type Change } from './apply/changes.js';
import { MANIFEST_PATH, readManifest, serializeManifest } from './apply/manifest.js';
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
    result.findings.push(...rendered.findings);
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

    // write: changed files, the manifest, prunes — all or nothing
    const byPath = new Map(rendered.outputs.map((o) => [relPath(config.root, o.path), o]));
    const writes: WriteOp[] = [];
    for (const c of set.changes) {
      const o = byPath.get(c.path);
      // clean empties the output folder first, so everything is written again
      if (o && (c.kind === 'create' || c.kind === 'update' || (config.clean && c.kind === 'unchanged'))) writes.push({ path: o.path, bytes: o.bytes, meta: o.meta });
    }
    const manifestBytes = serializeManifest(set.manifest);
    const manifestPath = join(config.output, MANIFEST_PATH);
    const oldManifest = readManifestBytes(manifestPath);
    const manifestChanged = oldManifest === null ? Object.keys(set.manifest.files).length > 0 : !oldManifest.equals(manifestBytes);
    if (manifestChanged) writes.push({ path: manifestPath, bytes: manifestBytes, meta: null });
    const deletes = set.changes.filter((c) => c.kind === 'delete').map((c) => join(config.root, c.path));
    try {
      applyTransaction({ writes, deletes, ...(config.clean ? { cleanDir: config.output } : {}) });
    } catch (e) {
      if (!(e instanceof ApplyError)) throw e;
      result.findings.push({ code: 'write-failed', severity: 'error', message: e.message });
      result.exitCode = EXIT.failed;
      return result;
    }
    result.written = true;
    for (const c of set.changes) {
      if (c.kind === 'create' || c.kind === 'update') log(`${c.kind === 'create' ? 'Create' : 'Update'} file '${c.path}'`);
      if (c.kind === 'delete') log(`Prune file '${c.path}'`);
    }
    // metadata of unchanged files (copy2 / copy_metadata keep the input's mode and times)
    for (const c of set.changes) {
      const o = byPath.get(c.path);
      if (c.kind === 'unchanged' && o?.meta) {
        try {
          chmodSync(o.path, o.meta.mode);
          utimesSync(o.path, o.meta.atime, o.meta.mtime);
        } catch {
          // a file we cannot touch keeps its metadata; the content is right
        }
      }
    }
    // folders: makejinja removes emptied output folders (unless keep_empty), and copies folder metadata
    const emptied = new Set<string>(config.keepEmpty ? [] : plan.dirs.map((d) => d.output));
    for (const d of deletes) for (let dir = dirname(d); dir.startsWith(config.output) && dir !== config.output; dir = dirname(dir)) emptied.add(dir);
    for (const d of removeEmptyDirs(emptied, config.output)) log(`Remove empty dir '${relPath(config.root, d)}'`);
    if (config.copyMetadata) {
      for (const d of [...plan.dirs].sort((a, b) => (a.output < b.output ? 1 : -1))) {
        try {
          const st = statSync(d.input);
          chmodSync(d.output, st.mode & 0o7777);
          utimesSync(d.output, st.atime, st.mtime);
        } catch {
          // removed as empty
        }
      }
    }
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

function readManifestBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}
