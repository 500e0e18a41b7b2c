// `hops configure`'s makejinja flags → makejinja.toml keys: one table per kind of flag, so a flag sets exactly the
// setting a makejinja.toml key would (a list flag replaces the file's list, as makejinja does).
import { UsageError } from '../core/errors.js';
import type { ConfigOverrides } from '../render/config/resolve.js';

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
