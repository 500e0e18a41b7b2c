// The template lexer: a state machine of sticky regular expressions built from the environment's delimiters,
// producing tokens lazily (like Jinja's generator, so a parser error earlier in the source wins over a lexing error
// later in it).
import { OPERATORS, type Token } from './tokens.js';
import { decodeStringLiteral, StringEscapeError } from './string-literal.js';
import { syntaxError } from './errors.js';
import { reprString } from '../runtime/values.js';

export interface LexerConfig {
  blockStart: string;
  blockEnd: string;
  variableStart: string;
  variableEnd: string;
  commentStart: string;
  commentEnd: string;
  lineStatementPrefix: string | null;
  lineCommentPrefix: string | null;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  newlineSequence: string;
  keepTrailingNewline: boolean;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const WHITESPACE = /\s+/uy;
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/uy;
const INTEGER = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*)/uy;
const NAME = /[\p{L}\p{N}\p{M}\p{Pc}\u00b7\u0387\u1369-\u1371\u19da\u2118\u212e\u309b\u309c]+/uy;
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const STRING = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/uy;
const OPERATOR = new RegExp(
  Object.keys(OPERATORS)
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|'),
  'uy',
);
const NEWLINE = /\r\n|\r|\n/g;

interface CompiledLexer {
  root: RegExp;
  rootGroups: string[]; // named groups of the root regex in order
  comment: RegExp;
  blockEnd: RegExp;
  variableEnd: RegExp;
  rawEnd: RegExp;
  lineStatementEnd: RegExp;
  lineComment: RegExp;
}

const cache = new Map<string, CompiledLexer>();

function compile(c: LexerConfig): CompiledLexer {
  const key = JSON.stringify(c);
  const hit = cache.get(key);
  if (hit) return hit;
  const bs = esc(c.blockStart);
  const be = esc(c.blockEnd);
  const ce = esc(c.commentEnd);
  const ve = esc(c.variableEnd);
  const suffix = c.trimBlocks ? '\\n?' : '';
  // Sorted like Jinja: longest delimiter first, ties by token name descending.
  const rules: [number, string, string][] = [
    [c.commentStart.length, 'comment_begin', esc(c.commentStart)],
    [c.blockStart.length, 'block_begin', bs],
    [c.variableStart.length, 'variable_begin', esc(c.variableStart)],
  ];
  if (c.lineStatementPrefix !== null) {
    rules.push([c.lineStatementPrefix.length, 'linestatement_begin', '^[ \\t\\v]*' + esc(c.lineStatementPrefix)]);
  }
  if (c.lineCommentPrefix !== null) {
    rules.push([c.lineCommentPrefix.length, 'linecomment_begin', '(?:^|(?<=\\S))[^\\S\\r\\n]*' + esc(c.lineCommentPrefix)]);
  }
  rules.sort((a, b) => (b[0] - a[0]) || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0) || (a[2] < b[2] ? 1 : a[2] > b[2] ? -1 : 0));
  const parts = [`(?<raw_begin>${bs}(-|\\+|)\\s*raw\\s*(?:-${be}\\s*|${be}))`];
  for (const [, name, re] of rules) parts.push(`(?<${name}>${re}(-|\\+|))`);
  const compiled: CompiledLexer = {
    root: new RegExp(`([\\s\\S]*?)(?:${parts.join('|')})`, 'muy'),
    rootGroups: ['raw_begin', ...rules.map((r) => r[1])],
    comment: new RegExp(`([\\s\\S]*?)((?:\\+${ce}|-${ce}\\s*|${ce}${suffix}))`, 'muy'),
    blockEnd: new RegExp(`(?:\\+${be}|-${be}\\s*|${be}${suffix})`, 'muy'),
    variableEnd: new RegExp(`-${ve}\\s*|${ve}`, 'muy'),
    rawEnd: new RegExp(`([\\s\\S]*?)((?:${bs}(-|\\+|))\\s*endraw\\s*(?:\\+${be}|-${be}\\s*|${be}${suffix}))`, 'muy'),
    lineStatementEnd: /\s*(\n|$)/muy,
    lineComment: /([\s\S]*?)()(?=\n|$)/muy,
  };
  cache.set(key, compiled);
  return compiled;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Jinja's newline handling: split on any line break, drop one trailing newline unless kept, join with `\n`. */
export function normalizeSource(source: string, keepTrailingNewline: boolean): string {
  const lines = source.split(NEWLINE);
  if (!keepTrailingNewline && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const match = (re: RegExp, s: string, pos: number): RegExpExecArray | null => {
  re.lastIndex = pos;
  return re.exec(s);
};

/**
 * Tokenize `source` (already normalised with normalizeSource). Yields parser tokens: whitespace and comments are
 * dropped, data has newlines converted to the newline sequence, literals are converted to values.
 */
export function* tokenize(source: string, config: LexerConfig, name: string | null): Generator<Token> {
  const lx = compile(config);
  const nl = config.newlineSequence;
  const normNl = (s: string): string => (nl === '\n' ? s : s.replace(NEWLINE, nl));
  const fail = (msg: string, lineno: number, pos: number): never => {
    throw syntaxError(msg, lineno, name, source, pos);
  };
  let pos = 0;
  let lineno = 1;
  const stack: string[] = ['root'];
  const balancing: string[] = [];
  let lineStarting = true;
  const len = source.length;

  while (true) {
    const state = stack[stack.length - 1]!;
    if (state === 'root') {
      let m = match(lx.root, source, pos);
      if (m) {
        let text = m[1]!;
        // find which named group matched and its sign group
        let group = '';
        let gi = 2;
        for (const g of lx.rootGroups) {
          if (m[gi] !== undefined) {
            group = g;
            break;
          }
          gi += 2;
        }
        const sign = m[gi + 1]!;
        let newlinesStripped = 0;
        if (sign === '-') {
          const stripped = text.trimEnd();
          newlinesStripped = countNewlines(text.slice(stripped.length));
          text = stripped;
        } else if (sign !== '+' && config.lstripBlocks && group !== 'variable_begin') {
          const lPos = text.lastIndexOf('\n') + 1;
          if (lPos > 0 || lineStarting) {
            const rest = text.slice(lPos);
            if (rest.length > 0 && /^\s+$/u.test(rest)) text = text.slice(0, lPos);
          }
        }
        if (text) yield { type: 'data', value: normNl(text), lineno, pos };
        lineno += countNewlines(text) + newlinesStripped;
        const tagText = m[gi]!;
        const tagPos = m.index + m[1]!.length;
        if (group !== 'raw_begin' && !group.startsWith('comment') && group !== 'linecomment_begin') {
          yield { type: group === 'linestatement_begin' ? 'block_begin' : group, value: tagText, lineno, pos: tagPos };
        }
        lineno += countNewlines(tagText);
        stack.push(group);
        lineStarting = m[0].endsWith('\n');
        pos = m.index + m[0].length;
        continue;
      }
      m = match(/[\s\S]+/y, source, pos);
      if (m) {
        yield { type: 'data', value: normNl(m[0]), lineno, pos };
        lineno += countNewlines(m[0]);
        pos = len;
        lineStarting = m[0].endsWith('\n');
        continue;
      }
      return;
    }

    if (state === 'comment_begin') {
      const m = match(lx.comment, source, pos);
      if (!m) {
        if (pos >= len) return;
        fail('Missing end of comment tag', lineno, pos);
      } else {
        lineno += countNewlines(m[1]!) + countNewlines(m[2]!);
        stack.pop();
        lineStarting = m[0].endsWith('\n');
        pos = m.index + m[0].length;
      }
      continue;
    }

    if (state === 'raw_begin') {
      const m = match(lx.rawEnd, source, pos);
      if (!m) {
        if (pos >= len) return;
        fail('Missing end of raw directive', lineno, pos);
      } else {
        let text = m[1]!;
        const sign = m[3]!;
        let newlinesStripped = 0;
        if (sign === '-') {
          const stripped = text.trimEnd();
          newlinesStripped = countNewlines(text.slice(stripped.length));
          text = stripped;
        } else if (sign !== '+' && config.lstripBlocks) {
          const lPos = text.lastIndexOf('\n') + 1;
          if (lPos > 0 || lineStarting) {
            const rest = text.slice(lPos);
            if (rest.length > 0 && /^\s+$/u.test(rest)) text = text.slice(0, lPos);
          }
        }
        if (text) yield { type: 'data', value: normNl(text), lineno, pos };
        lineno += countNewlines(text) + newlinesStripped;
        lineno += countNewlines(m[2]!);
        stack.pop();
        lineStarting = m[0].endsWith('\n');
        pos = m.index + m[0].length;
      }
      continue;
    }

    if (state === 'linecomment_begin') {
      const m = match(lx.lineComment, source, pos)!;
      lineno += countNewlines(m[1]!);
      stack.pop();
      lineStarting = m[0].endsWith('\n');
      pos = m.index + m[0].length;
      continue;
    }

    // tag states: block, variable, line statement
    const endRe = state === 'block_begin' ? lx.blockEnd : state === 'variable_begin' ? lx.variableEnd : lx.lineStatementEnd;
    if (balancing.length === 0) {
      const m = match(endRe, source, pos);
      if (m) {
        const type = state === 'variable_begin' ? 'variable_end' : 'block_end';
        yield { type, value: m[0], lineno, pos };
        lineno += countNewlines(m[0]);
        stack.pop();
        lineStarting = m[0].endsWith('\n');
        const p2 = m.index + m[0].length;
        if (p2 === pos && state === 'linestatement_begin' && pos >= len) {
          // `$` matched at the very end: the line statement is closed, the source is done.
          pos = p2;
          continue;
        }
        pos = p2;
        continue;
      }
    }
    const tok = lexTagToken(source, pos, lineno, balancing, normNl, fail);
    if (tok === null) {
      if (pos >= len) return;
      fail(`unexpected char ${reprString(String.fromCodePoint(source.codePointAt(pos)!))} at ${[...source.slice(0, pos)].length}`, lineno, pos);
      return;
    }
    const [token, text] = tok;
    if (token) yield token;
    lineno += countNewlines(text);
    lineStarting = text.endsWith('\n');
    pos += text.length;
  }
}

type Fail = (msg: string, lineno: number, pos: number) => never;

function lexTagToken(
  source: string,
  pos: number,
  lineno: number,
  balancing: string[],
  normNl: (s: string) => string,
  fail: Fail,
): [Token | null, string] | null {
  let m = match(WHITESPACE, source, pos);
  if (m) return [null, m[0]];
  m = match(FLOAT, source, pos);
  if (m) return [{ type: 'float', value: parseFloat(m[0].replace(/_/g, '')), lineno, pos }, m[0]];
  m = match(INTEGER, source, pos);
  if (m) return [{ type: 'integer', value: parseInteger(m[0]), lineno, pos }, m[0]];
  m = match(NAME, source, pos);
  if (m) {
    if (!IDENTIFIER.test(m[0])) fail('Invalid character in identifier', lineno, pos);
    return [{ type: 'name', value: m[0], lineno, pos }, m[0]];
  }
  m = match(STRING, source, pos);
  if (m) {
    const raw = m[1] ?? m[2]!;
    let value: string;
    try {
      value = decodeStringLiteral(normNl(raw));
    } catch (e) {
      if (e instanceof StringEscapeError) fail(e.message, lineno, pos);
      throw e;
    }
    return [{ type: 'string', value, lineno, pos }, m[0]];
  }
  m = match(OPERATOR, source, pos);
  if (m) {
    const op = m[0];
    if (op === '{') balancing.push('}');
    else if (op === '(') balancing.push(')');
    else if (op === '[') balancing.push(']');
    else if (op === '}' || op === ')' || op === ']') {
      if (balancing.length === 0) fail(`unexpected '${op}'`, lineno, pos);
      const expected = balancing.pop();
      if (expected !== op) fail(`unexpected '${op}', expected '${expected}'`, lineno, pos);
    }
    return [{ type: OPERATORS[op]!, value: op, lineno, pos }, op];
  }
  return null;
}

function parseInteger(text: string): bigint {
  const t = text.replace(/_/g, '');
  const p = t.slice(0, 2).toLowerCase();
  if (p === '0b' || p === '0o' || p === '0x') return BigInt('0' + p[1] + t.slice(2));
  return BigInt(t);
}
