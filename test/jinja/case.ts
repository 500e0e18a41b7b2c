// The shape of a differential case: one template rendered by Python Jinja2 (test/jinja/oracle.py) and by hops.
//
// Variables are JSON. A JSON number with an integer value is a Python int, any other number a float. Special
// one-key objects: {"$float": 1} is the float 1.0, {"$tuple": [...]} a tuple, {"$markup": "<b>"} a Markup string.
// Every other object is a dict (insertion ordered).

export interface CaseOptions {
  blockStart?: string;
  blockEnd?: string;
  variableStart?: string;
  variableEnd?: string;
  commentStart?: string;
  commentEnd?: string;
  lineStatementPrefix?: string | null;
  lineCommentPrefix?: string | null;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  newlineSequence?: '\n' | '\r\n' | '\r';
  undefined?: 'default' | 'chainable' | 'debug' | 'strict';
  autoescape?: boolean;
  extensions?: string[];
}

export interface JinjaCase {
  name: string;
  source: string;
  vars?: Record<string, unknown>;
  options?: CaseOptions;
  /** Other templates, by name, for include / import / extends. */
  templates?: Record<string, string>;
}

/** Shorthand for a float in case variables. */
export const float = (x: number): { $float: number } => ({ $float: x });
/** Shorthand for a tuple in case variables. */
export const tup = (...items: unknown[]): { $tuple: unknown[] } => ({ $tuple: items });
