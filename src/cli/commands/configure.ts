// `hops configure`: makejinja's flags plus --check/--diff/--prune; parses, calls configure(), prints.
import { Option, type Command } from 'commander';
import { overridesFrom } from '../configure-flags.js';
import { printConfigureResult } from '../configure-print.js';
import type { CommandContext } from '../index.js';
import { repoRoot } from '../paths.js';
import { configure } from '../../render/configure.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

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
    printConfigureResult(result, { json: o['json'] === true, diff: o['diff'] === true, check: o['check'] === true, quiet: o['quiet'] === true }, io);
  });
}
