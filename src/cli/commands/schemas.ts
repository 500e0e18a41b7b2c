// `hops schemas import <crd files|dir>` and `hops schemas list [filter]`: the local schema cache and the bundle.
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXIT, UsageError } from '../../core/errors.js';
import { formatFinding, hasErrors } from '../../core/finding.js';
import { DEFAULT_CACHE_DIR_TEXT, defaultCacheDir, importSchemas, listSchemas } from '../../schema/index.js';
import type { CommandContext } from '../index.js';
import { userPath } from '../paths.js';

export function registerSchemas(program: Command, ctx: CommandContext): void {
  const schemas = program.command('schemas').description('manage the JSON schemas used by `hops validate`');
  const { io } = ctx;
  const cacheDir = (opts: { cacheDir?: string }): string => {
    const dir = opts.cacheDir !== undefined ? userPath(io, opts.cacheDir) : defaultCacheDir(io.env);
    // the nearest part of the path that exists must be a folder, or nothing can be read or written there
    for (let p = dir; ; p = dirname(p)) {
      let st: ReturnType<typeof statSync> | undefined;
      try {
        st = statSync(p);
      } catch {
        st = undefined; // missing, or a path through a file: the loop goes up to that file
      }
      if (st && !st.isDirectory()) throw new UsageError(`schema cache ${dir}: ${p} is a file, not a folder`, 'give --cache-dir a folder (it is created when missing)');
      if (st || dirname(p) === p) break;
    }
    return dir;
  };

  schemas
    .command('import')
    .description('convert CustomResourceDefinitions to JSON schemas in the local cache (files or folders)')
    .argument('<paths...>', 'CRD files, or folders to search for .yaml/.yml/.json files')
    .option('--cache-dir <dir>', `schema cache folder (default: ${DEFAULT_CACHE_DIR_TEXT})`)
    .action((paths: string[], opts: { cacheDir?: string }) => {
      const dir = cacheDir(opts);
      const result = importSchemas(paths, { cacheDir: dir, cwd: io.cwd });
      for (const f of result.findings) io.stderr.write(formatFinding(f) + '\n');
      for (const { key } of result.imported) io.stdout.write(`${key}\n`);
      const kinds = result.imported.length;
      if (kinds === 0) {
        io.stderr.write('hops: no CustomResourceDefinition schemas found; nothing imported\n');
        ctx.setExit(EXIT.failed);
        return;
      }
      io.stderr.write(`imported ${kinds} schema${kinds === 1 ? '' : 's'} into ${dir}\n`);
      if (hasErrors(result.findings)) ctx.setExit(EXIT.failed);
    });

  schemas
    .command('list')
    .description('list the kinds with a schema: the local cache, then the bundled Kubernetes and CRD schemas')
    .argument('[filter]', 'only kinds whose group/version/kind contains this text (case-insensitive)')
    .option('--cache-dir <dir>', `schema cache folder (default: ${DEFAULT_CACHE_DIR_TEXT})`)
    .option('--json', 'print JSON')
    .action((filter: string | undefined, opts: { cacheDir?: string; json?: boolean }) => {
      const entries = listSchemas({ cacheDir: cacheDir(opts), ...(filter ? { filter } : {}) });
      if (opts.json) {
        io.stdout.write(JSON.stringify(entries, null, 2) + '\n');
        return;
      }
      const width = Math.max(0, ...entries.map((e) => e.gvk.length));
      for (const e of entries) {
        const notes = e.notes.length ? ` (${e.notes.join(', ')})` : '';
        io.stdout.write(`${e.gvk.padEnd(width)}  ${e.origin}: ${e.source}${notes}\n`);
      }
    });
}
