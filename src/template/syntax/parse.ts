// Source text → syntax tree, for an environment's syntax options.
import type { TemplateNode } from './ast.js';
import { normalizeSource, tokenize, type LexerConfig } from './lexer.js';
import { Parser } from './parser.js';

export type SyntaxConfig = LexerConfig;

export function parseTemplate(source: string, name: string | null, config: SyntaxConfig, extensionTags: Set<string>): TemplateNode {
  const src = normalizeSource(source, config.keepTrailingNewline);
  const tokens = tokenize(src, config, name);
  return new Parser(tokens, src, name, { extensionTags }).parse();
}
