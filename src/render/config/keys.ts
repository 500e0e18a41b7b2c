// makejinja 2.8's settings: every key of `[makejinja]` (and its nested tables), its type and default, and the
// command-line flags that set it. One table drives toml validation, MAKEJINJA_* variables and the CLI.
import type { UndefinedMode } from '../../template/runtime/values.js';

export type KeyType =
  | 'path' // one path, relative to the toml's folder
  | 'paths' // list of paths
  | 'str'
  | 'strs'
  | 'optstr' // string or absent (None)
  | 'bool'
  | 'int'
  | 'strmap' // table of string → string (data_vars)
  | 'pathsmap' // table of string → list of paths (file_data)
  | 'undefined';

export interface KeySpec {
  /** Dotted name as in makejinja.toml below `[makejinja]`, e.g. `delimiter.block_start`. */
  key: string;
  type: KeyType;
  default: unknown;
}

export const UNDEFINED_MODES: readonly UndefinedMode[] = ['default', 'chainable', 'debug', 'strict'];

export const KEYS: readonly KeySpec[] = [
  { key: 'inputs', type: 'paths', default: [] },
  { key: 'output', type: 'path', default: null },
  { key: 'include_patterns', type: 'strs', default: ['**/*'] },
  { key: 'exclude_patterns', type: 'strs', default: [] },
  { key: 'jinja_suffix', type: 'optstr', default: '.jinja' },
  { key: 'keep_jinja_suffix', type: 'bool', default: false },
  { key: 'keep_empty', type: 'bool', default: false },
  { key: 'copy_metadata', type: 'bool', default: false },
  { key: 'data', type: 'paths', default: [] },
  { key: 'data_vars', type: 'strmap', default: [] },
  { key: 'file_data', type: 'pathsmap', default: [] },
  { key: 'loaders', type: 'strs', default: [] },
  { key: 'plugins', type: 'strs', default: [] },
  { key: 'import_paths', type: 'paths', default: ['.'] },
  { key: 'extensions', type: 'strs', default: [] },
  { key: 'undefined', type: 'undefined', default: 'default' },
  { key: 'exec_pre', type: 'strs', default: [] },
  { key: 'exec_post', type: 'strs', default: [] },
  { key: 'clean', type: 'bool', default: false },
  { key: 'force', type: 'bool', default: false },
  { key: 'quiet', type: 'bool', default: false },
  { key: 'delimiter.block_start', type: 'str', default: '{%' },
  { key: 'delimiter.block_end', type: 'str', default: '%}' },
  { key: 'delimiter.variable_start', type: 'str', default: '{{' },
  { key: 'delimiter.variable_end', type: 'str', default: '}}' },
  { key: 'delimiter.comment_start', type: 'str', default: '{#' },
  { key: 'delimiter.comment_end', type: 'str', default: '#}' },
  { key: 'prefix.line_statement', type: 'optstr', default: null },
  { key: 'prefix.line_comment', type: 'optstr', default: null },
  { key: 'whitespace.trim_blocks', type: 'bool', default: true },
  { key: 'whitespace.lstrip_blocks', type: 'bool', default: true },
  { key: 'whitespace.newline_sequence', type: 'str', default: '\n' },
  { key: 'whitespace.keep_trailing_newline', type: 'bool', default: true },
  { key: 'internal.optimized', type: 'bool', default: true },
  { key: 'internal.autoescape', type: 'bool', default: false },
  { key: 'internal.cache_size', type: 'int', default: '0' },
  { key: 'internal.auto_reload', type: 'bool', default: false },
  { key: 'internal.enable_async', type: 'bool', default: false },
];

export const KEY_BY_NAME: ReadonlyMap<string, KeySpec> = new Map(KEYS.map((k) => [k.key, k]));
export const TABLES = new Set(['delimiter', 'prefix', 'whitespace', 'internal']);

/** A value for a key as given by one source, before paths are made absolute. */
export type RawValue = string | boolean | null | string[] | Array<[string, string]> | Array<[string, string[]]>;

/** Where a value came from, for messages. */
export interface Origin {
  /** `makejinja.toml`, `MAKEJINJA_OUTPUT`, `--output`, `default`. */
  source: string;
  /** The file the value was read from (toml), absolute. */
  file?: string;
  line?: number;
  /** Folder that relative paths in this value are relative to. */
  base: string;
}

export interface Setting {
  value: RawValue;
  origin: Origin;
}
