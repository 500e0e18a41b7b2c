// Settings from every source → one resolved config, the way makejinja's typed-settings does it: defaults, then
// ./makejinja.toml, then the files in MAKEJINJA_SETTINGS (`:`-separated), then MAKEJINJA_* variables, then flags
// (a list given on the command line replaces the file's list). Relative paths are taken from the folder of the
// toml that set them, or from the working directory for variables and flags.
import { relative, resolve } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { SyntaxOptions } from '../../template/api.js';
import type { UndefinedMode } from '../../template/runtime/values.js';
import { checkResolved } from './check-resolved.js';
import { KEYS, type Origin, type RawValue } from './keys.js';
import { outputOutsideRepo } from './output-inside.js';
import { gatherSettings } from './gather.js';

export interface ResolvedConfig {
  /** The repository folder: where makejinja.toml is looked up; plugins run here. Absolute. */
  root: string;
  /** Toml files that were read, absolute, in order. */
  configFiles: string[];
  inputs: string[];
  /** Absolute output path (a folder, or a file in single-file mode). */
  output: string;
  /** `-o /dev/stdout` (or `-`): print the single rendered file. */
  stdout: boolean;
  includePatterns: string[];
  excludePatterns: string[];
  /** '' renders every file. */
  jinjaSuffix: string;
  keepJinjaSuffix: boolean;
  keepEmpty: boolean;
  copyMetadata: boolean;
  data: string[];
  dataVars: Array<[string, string]>;
  fileData: Map<string, string[]>;
  /** `plugins` then `loaders`, in makejinja's order. */
  plugins: string[];
  importPaths: string[];
  extensions: string[];
  undefined: UndefinedMode;
  execPre: string[];
  execPost: string[];
  clean: boolean;
  force: boolean;
  quiet: boolean;
  syntax: SyntaxOptions;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  newlineSequence: '\n' | '\r\n' | '\r';
  autoescape: boolean;
  /** Where each setting came from (dotted toml key → origin). */
  origins: Map<string, Origin>;
}

/** Command-line values by dotted toml key (`output`, `delimiter.block_start`, `data_vars`, ...). */
export type ConfigOverrides = Record<string, RawValue>;

export interface ConfigSourceOptions {
  root: string;
  cwd: string;
  env: Record<string, string | undefined>;
  overrides?: ConfigOverrides;
  /** Use this toml instead of `<root>/makejinja.toml`. */
  configFile?: string;
}

export function resolveConfig(opts: ConfigSourceOptions): { config: ResolvedConfig; findings: Finding[] } {
  const findings: Finding[] = [];
  const root = resolve(opts.root);
  const rel = (p: string) => relative(root, p).split('\\').join('/') || '.';
  const { files, merged } = gatherSettings(opts, root, rel, findings);

  const origins = new Map<string, Origin>();
  const get = <T extends RawValue>(key: string): T => {
    const s = merged.get(key);
    if (s) {
      origins.set(key, s.origin);
      return s.value as T;
    }
    const spec = KEYS.find((k) => k.key === key)!;
    origins.set(key, { source: 'default', base: root });
    return spec.default as T;
  };
  const base = (key: string) => origins.get(key)?.base ?? root;
  const paths = (key: string) => get<string[]>(key).map((p) => resolve(base(key), p));

  const outRaw = get<string | null>('output');
  const stdout = outRaw === '/dev/stdout' || outRaw === '-';
  // after a settings file that could not be read, "no output" only repeats that error
  if (outRaw === null && !findings.some((f) => f.severity === 'error')) {
    findings.push({
      code: 'config-missing-output',
      severity: 'error',
      message: files.length ? `no output folder: ${rel(files[0]!)} has no "output" setting` : `no makejinja.toml in ${root} and no --output given`,
      hint: files.length ? 'add output = "./" (or another folder) under [makejinja], or pass -o <folder>' : 'run in the folder holding makejinja.toml (or pass --path), or give -i <templates> -o <output>',
    });
  }
  const outOrigin = origins.get('output');
  if (outRaw !== null && !stdout && outOrigin) {
    const outside = outputOutsideRepo(root, outRaw, outOrigin, rel);
    if (outside) findings.push(outside);
  }
  const fileData = new Map<string, string[]>();
  for (const [tpl, list] of get<Array<[string, string[]]>>('file_data')) fileData.set(tpl, list.map((p) => resolve(base('file_data'), p)));
  const config: ResolvedConfig = {
    root,
    configFiles: files,
    inputs: paths('inputs'),
    output: stdout ? '/dev/stdout' : resolve(base('output'), outRaw ?? '.'),
    stdout,
    includePatterns: get('include_patterns'),
    excludePatterns: get('exclude_patterns'),
    jinjaSuffix: get<string | null>('jinja_suffix') ?? '',
    keepJinjaSuffix: get('keep_jinja_suffix'),
    keepEmpty: get('keep_empty'),
    copyMetadata: get('copy_metadata'),
    data: paths('data'),
    dataVars: get('data_vars'),
    fileData,
    plugins: [...get<string[]>('plugins'), ...get<string[]>('loaders')],
    importPaths: paths('import_paths'),
    extensions: get('extensions'),
    undefined: get('undefined'),
    execPre: get('exec_pre'),
    execPost: get('exec_post'),
    clean: get('clean'),
    force: get('force'),
    quiet: get('quiet'),
    syntax: {
      blockStart: get('delimiter.block_start'),
      blockEnd: get('delimiter.block_end'),
      variableStart: get('delimiter.variable_start'),
      variableEnd: get('delimiter.variable_end'),
      commentStart: get('delimiter.comment_start'),
      commentEnd: get('delimiter.comment_end'),
      lineStatementPrefix: get('prefix.line_statement'),
      lineCommentPrefix: get('prefix.line_comment'),
    },
    trimBlocks: get('whitespace.trim_blocks'),
    lstripBlocks: get('whitespace.lstrip_blocks'),
    keepTrailingNewline: get('whitespace.keep_trailing_newline'),
    newlineSequence: get<string>('whitespace.newline_sequence') as ResolvedConfig['newlineSequence'],
    autoescape: get('internal.autoescape'),
    origins,
  };
  findings.push(...checkResolved(config, rel));
  return { config, findings };
}
