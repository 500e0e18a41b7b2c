// Token types and their descriptions, as Jinja's lexer names them (the names appear in syntax error messages).
import type { Value } from '../runtime/values.js';

export interface Token {
  type: string;
  /** The token text, or for literals the converted value (string, bigint or float). */
  value: Value;
  /** Jinja's line number (1-based). */
  lineno: number;
  /** Offset in the newline-normalised source; the column is derived from it. */
  pos: number;
}

/** Operator text → token type. */
export const OPERATORS: Record<string, string> = {
  '+': 'add',
  '-': 'sub',
  '/': 'div',
  '//': 'floordiv',
  '*': 'mul',
  '%': 'mod',
  '**': 'pow',
  '~': 'tilde',
  '[': 'lbracket',
  ']': 'rbracket',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
  '==': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '>=': 'gteq',
  '<': 'lt',
  '<=': 'lteq',
  '=': 'assign',
  '.': 'dot',
  ':': 'colon',
  '|': 'pipe',
  ',': 'comma',
  ';': 'semicolon',
};

const REVERSE_OPERATORS: Record<string, string> = Object.fromEntries(Object.entries(OPERATORS).map(([k, v]) => [v, k]));

const TYPE_DESCRIPTIONS: Record<string, string> = {
  comment_begin: 'begin of comment',
  comment_end: 'end of comment',
  comment: 'comment',
  linecomment: 'comment',
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  linestatement_begin: 'begin of line statement',
  linestatement_end: 'end of line statement',
  data: 'template data / text',
  eof: 'end of template',
};

export function describeTokenType(type: string): string {
  return REVERSE_OPERATORS[type] ?? TYPE_DESCRIPTIONS[type] ?? type;
}

export function describeToken(tok: Token): string {
  if (tok.type === 'name') return String(tok.value);
  return describeTokenType(tok.type);
}

/** Describe a token expression such as `name:endfor` or `block_end`. */
export function describeTokenExpr(expr: string): string {
  const i = expr.indexOf(':');
  if (i >= 0) {
    const type = expr.slice(0, i);
    if (type === 'name') return expr.slice(i + 1);
    return describeTokenType(type);
  }
  return describeTokenType(expr);
}

/** Does the token match a token expression (`type` or `type:value`)? */
export function tokenTest(tok: Token, expr: string): boolean {
  if (tok.type === expr) return true;
  const i = expr.indexOf(':');
  if (i >= 0) return tok.type === expr.slice(0, i) && tok.value === expr.slice(i + 1);
  return false;
}
