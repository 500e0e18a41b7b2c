// Render issues → findings that say what to do: for an undefined variable, the variable as written, the data files
// searched, and where to add it (the data file that already holds its parent, else the first data file).
import type { Finding } from '../../core/finding.js';
import type { RenderIssue } from '../../template/api.js';
import type { Value } from '../../template/runtime/values.js';
import type { DataFile } from '../data/load.js';

export interface HintContext {
  /** Data files in load order. */
  files: readonly DataFile[];
  /** Plugins whose data() fed the globals (entries as configured). */
  dataPlugins: readonly string[];
  /** The data as templates see it: data files and data_vars, then each plugin's data (later wins); not env or functions. */
  globals: ReadonlyMap<Value, Value>;
  /** The guide file name for the hint (TEMPLATE_GUIDE.md). */
  guide: string;
}

/** `nodes[0].name` → ['nodes', 0n, 'name']; `a["x-y"]` → ['a', 'x-y']. */
export function splitPath(expr: string): Array<string | bigint> {
  const out: Array<string | bigint> = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[\s*(-?\d+)\s*\]|\[\s*(["'])((?:\\.|(?!\3).)*)\3\s*\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(expr)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(BigInt(m[2]));
    else out.push(m[4]!);
  }
  return out;
}

/** How many leading segments of `path` exist in `data`. */
function depthIn(data: ReadonlyMap<Value, Value>, path: Array<string | bigint>): number {
  let here: Value = data;
  let depth = 0;
  for (const seg of path) {
    if (here instanceof Map && here.has(seg)) here = here.get(seg);
    else if (Array.isArray(here) && typeof seg === 'bigint' && seg >= 0n && seg < BigInt(here.length)) here = here[Number(seg)];
    else break;
    depth++;
  }
  return depth;
}

/** The data file to add `path` to: the one holding the deepest existing part of it (later files win ties). */
export function targetFile(files: readonly DataFile[], path: Array<string | bigint>): DataFile | null {
  let best: DataFile | null = null;
  let bestDepth = 0;
  for (const f of files) {
    const d = depthIn(f.data, path);
    if (d >= bestDepth && d > 0) {
      best = f;
      bestDepth = d;
    }
  }
  return best ?? files[0] ?? null;
}

export function searchedList(ctx: HintContext): string {
  const parts = ctx.files.map((f) => f.rel);
  for (const p of ctx.dataPlugins) parts.push(`data of plugin ${p}`);
  return parts.length ? parts.join(', ') : 'no data files (makejinja.toml sets no "data")';
}

/**
 * The variable as the template writes it at the issue's position. Strict mode stops at the first undefined part
 * (`dns` of `dns.zone`), so the rest of the dotted path is read from the source; a trailing method call is dropped.
 */
export function pathAsWritten(expr: string, source: string | undefined, line: number, col: number): string {
  if (source === undefined || line < 1 || col < 1) return expr;
  const text = source.split('\n')[line - 1]?.slice(col - 1) ?? '';
  if (!text.startsWith(expr)) return expr;
  const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*|\[\s*(?:-?\d+|"[^"]*"|'[^']*')\s*\])*/.exec(text);
  if (!m || m[0].length <= expr.length) return expr;
  let path = m[0].replace(/\s+/g, '');
  if (/^\s*\(/.test(text.slice(m[0].length))) path = path.replace(/\.[A-Za-z_][A-Za-z0-9_]*$/, '');
  return path.length > expr.length ? path : expr;
}

/** The finding code of a template error: found when compiling (a TemplateAssertionError is a TemplateSyntaxError in Jinja) or when rendering. */
export function errorCode(pyType: string): 'template-syntax-error' | 'render-error' {
  return pyType === 'TemplateSyntaxError' || pyType === 'TemplateAssertionError' ? 'template-syntax-error' : 'render-error';
}

export function issueFinding(issue: RenderIssue, file: string, ctx: HintContext, source?: string): Finding {
  const loc = { file, line: issue.line, col: issue.col };
  if (issue.kind !== 'undefined') return { code: errorCode(issue.pyType), severity: 'error', message: `${issue.pyType}: ${issue.message}`, ...loc };
  const rawExpr = issue.expr ?? /'([^']+)' is undefined/.exec(issue.message)?.[1] ?? '?';
  const expr = pathAsWritten(rawExpr, source, issue.line, issue.col);
  const path = splitPath(expr);
  const root = path[0];
  const target = targetFile(ctx.files, path);
  const where = target ? target.rel : 'a data file listed in makejinja.toml ("data")';
  const searched = searchedList(ctx);
  const fromData = typeof root === 'string' && (ctx.globals.has(root) || ctx.files.some((f) => f.data.has(root)));
  // A name that is itself undefined is missing from the data; an attribute missing on a name that is not a global
  // belongs to a template variable (loop item, {% set %}).
  const rootMissing = /^'[^']*' is undefined$/.test(issue.message);
  const local = typeof root === 'string' && !fromData && !rootMissing && path.length > 1;
  const hint = local
    ? `"${root}" is a template variable (a loop item or a {% set %}); add "${path.slice(1).map(String).join('.')}" to every entry it comes from in ${where}, or document it in ${ctx.guide}`
    : `add "${expr}" to ${where}, or document it in ${ctx.guide}`;
  return {
    code: 'undefined-variable',
    severity: 'error',
    message: `"${expr}" is undefined (${issue.message}); data searched: ${searched}`,
    ...loc,
    hint,
  };
}
