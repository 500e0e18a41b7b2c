// `hops configure`: makejinja's flags plus --check/--diff/--prune; parses, calls configure(), prints.
import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { formatFinding, type Finding } from '../../core/finding.js';
import type { CommandContext } from '../index.js';
import { repoRoot } from '../paths.js';
import { isChange } from '../../render/apply/changes.js';
import { configure } from '../../render/configure.js';
import type { ConfigOverrides } from '../../render/config/resolve.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** Flags whose value is one makejinja.toml key (flag attribute → key). */
const SCALARS: Record<string, string> = {
  output: 'output',
  jinjaSuffix: 'jinja_suffix',
  undefined: 'undefined',
  delimiterBlockStart: 'delimiter.block_start',
  delimiterBlockEnd: 'delimiter.block_end',
  delimiterVariableStart: 'delimiter.variable_start',
  delimiterVariableEnd: 'delimiter.variable_end',
  delimiterCommentStart: 'delimiter.comment_start',
  delimiterCommentEnd: 'delimiter.comment_end',
  prefixLineStatement: 'prefix.line_statement',
  prefixLineComment: 'prefix.line_comment',
};
const LISTS: Record<string, string> = {
  input: 'inputs',
  includePattern: 'include_patterns',
  excludePattern: 'exclude_patterns',
  data: 'data',
  plugin: 'plugins',
  loader: 'loaders',
  importPath: 'import_paths',
  extension: 'extensions',
  execPre: 'exec_pre',
  execPost: 'exec_post',
};
const FLAGS: Record<string, string> = {
  keepJinjaSuffix: 'keep_jinja_suffix',
  keepEmpty: 'keep_empty',
  copyMetadata: 'copy_metadata',
  clean: 'clean',
  force: 'force',
  quiet: 'quiet',
  trimBlocks: 'whitespace.trim_blocks',
  lstripBlocks: 'whitespace.lstrip_blocks',
};

/** Flag values → makejinja.toml keys (a list flag replaces the file's list, like makejinja). */
export function overridesFrom(o: Record<string, unknown>): ConfigOverrides {
  const out: ConfigOverrides = {};
  for (const [flag, key] of Object.entries(SCALARS)) if (typeof o[flag] === 'string') out[key] = o[flag] as string;
  for (const [flag, key] of Object.entries(LISTS)) {
    const v = (o[flag] as string[] | undefined) ?? [];
    const alias = flag === 'includePattern' ? (o['include'] as string[] | undefined) : flag === 'excludePattern' ? (o['exclude'] as string[] | undefined) : undefined;
    const all = [...v, ...(alias ?? [])];
    if (all.length) out[key] = all;
  }
  for (const [flag, key] of Object.entries(FLAGS)) if (typeof o[flag] === 'boolean') out[key] = o[flag] as boolean;
  if (o['keepTrailingNewline'] === true) out['whitespace.keep_trailing_newline'] = true;
  if (o['stripTrailingNewline'] === true) out['whitespace.keep_trailing_newline'] = false;
  if (typeof o['newlineSequence'] === 'string') out['whitespace.newline_sequence'] = (o['newlineSequence'] as string).replace(/\\r/g, '\r').replace(/\\n/g, '\n');
  const pairs = (flag: string, what: string) =>
    ((o[flag] as string[] | undefined) ?? []).map((s) => {
      const i = s.indexOf('=');
      if (i <= 0) throw new UsageError(`${what} expects key=value, got "${s}"`);
      return [s.slice(0, i), s.slice(i + 1)] as [string, string];
    });
  const dataVars = pairs('dataVar', '--data-var');
  if (dataVars.length) out['data_vars'] = dataVars;
  const fileData = pairs('fileData', '--file-data').map(([k, v]): [string, string[]] => [k, v.split(',').filter((s) => s !== '')]);
  if (fileData.length) out['file_data'] = fileData;
  return out;
}

export function printFindings(findings: readonly Finding[], write: (s: string) => void): void {
  const order = { error: 0, warning: 1, info: 2 } as const;
  for (const f of [...findings].sort((a, b) => order[a.severity] - order[b.severity])) {
    if (f.severity === 'info') continue;
    write(formatFinding(f) + '\n');
  }
}

export function registerConfigure(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('configure')
    .description('render makejinja templates (reads makejinja.toml; a drop-in for makejinja 2.8) — all or nothing')
    .option('--path <dir>', 'repository folder holding makejinja.toml (default: current folder)')
    .option('--config <file>', 'settings file to read instead of <path>/makejinja.toml')
    .option('-i, --input <path>', 'template folder or file (repeatable; replaces "inputs")', collect)
    .option('-o, --output <path>', 'output folder; a file name (or /dev/stdout) renders a single input file')
    .option('-I, --include-pattern <glob>', 'files to take from the inputs (repeatable)', collect)
    .addOption(new Option('--include <glob>').argParser(collect).hideHelp())
    .option('-E, --exclude-pattern <glob>', 'files to skip, matched from the right (repeatable)', collect)
    .addOption(new Option('--exclude <glob>').argParser(collect).hideHelp())
    .option('--jinja-suffix <suffix>', 'suffix of template files (default .jinja)')
    .option('--keep-jinja-suffix', 'keep the suffix in output names')
    .option('--keep-empty', 'write renders that come out empty')
    .option('-m, --copy-metadata', 'copy mode and times from the templates')
    .option('-d, --data <path>', 'data file or folder (yaml/toml/json; repeatable)', collect)
    .option('-D, --data-var <key=value>', 'set a (dotted) variable (repeatable)', collect)
    .option('--file-data <template=files>', 'data only for one template: name=a.yaml,b.yaml (repeatable)', collect)
    .option('-p, --plugin <name>', 'plugin: module:Class (ES module or Python; repeatable)', collect)
    .addOption(new Option('-l, --loader <name>', 'deprecated name of --plugin').argParser(collect).hideHelp())
    .option('--import-path <dir>', 'folder to find plugins in (repeatable)', collect)
    .option('-e, --extension <name>', 'Jinja extension, e.g. jinja2.ext.do (repeatable)', collect)
    .addOption(new Option('--undefined <mode>', 'undefined variables').choices(['default', 'chainable', 'debug', 'strict']))
    .option('--exec-pre <command>', 'shell command to run before rendering (repeatable)', collect)
    .option('--exec-post <command>', 'shell command to run after writing (repeatable)', collect)
    .option('-c, --clean', 'delete the output folder first (refused for the repository folder)')
    .option('-f, --force', 'overwrite existing outputs')
    .option('-q, --quiet', 'print only problems')
    .option('--trim-blocks', 'remove the first newline after a block (default)')
    .option('--no-trim-blocks', 'keep it')
    .option('--lstrip-blocks', 'strip whitespace before a block on its line (default)')
    .option('--no-lstrip-blocks', 'keep it')
    .option('--newline-sequence <seq>', 'newline of the output: \\n, \\r\\n or \\r')
    .option('--keep-trailing-newline', 'keep a final newline of templates (default)')
    .option('--strip-trailing-newline', 'drop it')
    .option('--delimiter-block-start <s>', 'block start (default {%)')
    .option('--delimiter-block-end <s>', 'block end (default %})')
    .option('--delimiter-variable-start <s>', 'print start (default {{)')
    .option('--delimiter-variable-end <s>', 'print end (default }})')
    .option('--delimiter-comment-start <s>', 'comment start (default {#)')
    .option('--delimiter-comment-end <s>', 'comment end (default #})')
    .option('--prefix-line-statement <s>', 'line statement prefix')
    .option('--prefix-line-comment <s>', 'line comment prefix')
    .option('--check', 'write nothing; list what would change and exit 1 if anything would (for CI)')
    .option('--diff', 'write nothing; print a unified diff of what would change')
    .option('--prune', 'delete outputs of removed templates (only files hops generated and nobody edited)')
    .option('--schema <file>', 'JSON Schema to check the merged data against')
    .option('--python <exe>', 'Python interpreter for Python plugins (default: $HOPS_PYTHON or python3)')
    .option('--json', 'print the result as JSON');

  cmd.action(async (o: Record<string, unknown>) => {
    const { io } = ctx;
    const overrides = overridesFrom(o);
    const result = await configure({
      root: repoRoot(io, o),
      cwd: io.cwd,
      env: io.env,
      overrides,
      ...(typeof o['config'] === 'string' ? { configFile: o['config'] } : {}),
      ...(typeof o['schema'] === 'string' ? { schema: o['schema'] } : {}),
      ...(typeof o['python'] === 'string' ? { python: o['python'] } : {}),
      check: o['check'] === true,
      diff: o['diff'] === true,
      prune: o['prune'] === true,
      ...(o['json'] ? {} : { log: (s: string) => io.stderr.write(s + '\n') }),
    });
    ctx.setExit(result.exitCode);

    if (o['json']) {
      io.stdout.write(
        JSON.stringify(
          {
            exitCode: result.exitCode,
            written: result.written,
            findings: result.findings,
            changes: result.changes.map((c) => ({ path: c.path, kind: c.kind, ...(c.from ? { from: c.from } : {}) })),
            ...(o['diff'] ? { diff: result.diff } : {}),
          },
          null,
          2,
        ) + '\n',
      );
      return;
    }
    if (result.stdout !== null) io.stdout.write(result.stdout);
    if (o['diff']) io.stdout.write(result.diff);
    if (o['check']) {
      for (const c of result.changes) if (isChange(c)) io.stdout.write(`would ${c.kind} ${c.path}\n`);
    }
    printFindings(result.findings, (s) => io.stderr.write(s));
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const quiet = o['quiet'] === true || result.config?.quiet === true;
    if (errors > 0) {
      io.stderr.write(`hops configure: ${errors} error${errors === 1 ? '' : 's'}; nothing written\n`);
    } else if (!quiet && result.stdout === null) {
      const n = (k: string) => result.changes.filter((c) => c.kind === k).length;
      const verb = result.written ? '' : 'would be ';
      io.stderr.write(
        `hops configure: ${result.outputs.size + n('kept')} files (${n('create')} ${verb}created, ${n('update')} ${verb}updated, ${n('unchanged')} unchanged` +
          `${n('delete') ? `, ${n('delete')} ${verb}pruned` : ''}${n('stale') ? `, ${n('stale')} stale` : ''}${n('kept') ? `, ${n('kept')} kept (force is off)` : ''})` +
          `${result.written ? '' : '; nothing written'}\n`,
      );
    }
  });
}
