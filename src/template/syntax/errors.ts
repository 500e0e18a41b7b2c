// Template syntax / assertion errors carrying Jinja's line and our column.
import { PyError } from '../runtime/values.js';

/** 1-based column of `pos` in `source`. */
export function columnAt(source: string, pos: number): number {
  return pos - (source.lastIndexOf('\n', pos - 1) + 1) + 1;
}

export function syntaxError(
  message: string,
  lineno: number,
  name: string | null,
  source?: string,
  pos?: number,
  type: 'TemplateSyntaxError' | 'TemplateAssertionError' = 'TemplateSyntaxError',
): PyError {
  const e = new PyError(type, message);
  e.lineno = lineno;
  e.templateName = name ?? undefined;
  if (source !== undefined && pos !== undefined) e.col = columnAt(source, pos);
  return e;
}
