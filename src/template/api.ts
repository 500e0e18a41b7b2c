// Public shape of the template engine (Jinja2 3.1 compatible). src/render/ and the CLI use only what is here and in
// runtime/values.ts; everything else in src/template/ is internal.
import type { FilterFn, TestFn, UndefinedMode, Value } from './runtime/values.js';

export interface SyntaxOptions {
  blockStart: string; // '{%'
  blockEnd: string; // '%}'
  variableStart: string; // '{{'
  variableEnd: string; // '}}'
  commentStart: string; // '{#'  (may equal commentEnd, as cluster-template's '#|')
  commentEnd: string; // '#}'
  lineStatementPrefix: string | null;
  lineCommentPrefix: string | null;
}

export interface EnvironmentOptions extends Partial<SyntaxOptions> {
  trimBlocks?: boolean; // default false (Jinja); makejinja passes true
  lstripBlocks?: boolean; // default false
  keepTrailingNewline?: boolean; // default false
  newlineSequence?: '\n' | '\r\n' | '\r'; // default '\n'
  undefined?: UndefinedMode; // default 'default'
  autoescape?: boolean; // default false
  /** Jinja extension import names: 'jinja2.ext.do', 'jinja2.ext.loopcontrols', 'jinja2.ext.debug'. */
  extensions?: string[];
  loader?: TemplateLoader;
  /** Extra globals/filters/tests (plugins); added over the builtins. */
  globals?: Map<string, Value>;
  filters?: Map<string, FilterFn>;
  tests?: Map<string, TestFn>;
}

export interface TemplateSource {
  source: string;
  /** Path for messages (relative to the repo root where possible). */
  filename: string;
}

/** Finds templates by name for include/import/extends (and getTemplate). */
export interface TemplateLoader {
  getSource(name: string): TemplateSource | null;
}

/** One problem met while rendering, with its position in the template source (1-based line and column). */
export interface RenderIssue {
  /** `undefined`: an undefined value was used where strict mode forbids it; `error`: any other exception. */
  kind: 'undefined' | 'error';
  /** Python exception type name, e.g. UndefinedError, TypeError. */
  pyType: string;
  /** Jinja's exact message, e.g. `'dict object' has no attribute 'token'`. */
  message: string;
  /** For `undefined`: the expression path read, e.g. `cloudflare.token` or `nodes[0].name` (as written). */
  expr?: string;
  template: string;
  line: number;
  col: number;
}

/** A variable a template reads from its globals/context, as a dotted path with the position of the first read. */
export interface VariableReference {
  path: string; // 'cloudflare.token', 'nodes' (subscripts by variable stop the path)
  template: string;
  line: number;
  col: number;
}
