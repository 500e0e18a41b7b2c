// textwrap.wrap with the options Jinja's wordwrap filter uses (expand_tabs=False, replace_whitespace=False,
// drop_whitespace=True): the same chunking regex and line-filling loop, measured in code points.
import { pyError } from '../runtime/values.js';
import { isWs } from './str-case.js';
import { cpLength, cpSlice } from './text.js';

const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
const W = '[\\p{L}\\p{N}_]';
const WORD_PUNCT = `[\\p{L}\\p{N}_!"'&.,?]`;
const LETTER = '[\\p{L}\\p{Nl}\\p{No}_]';

const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${W})` +
    `|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${W})))`,
  'u',
);
const WORDSEP_SIMPLE = new RegExp(`(${WS}+)`, 'u');

const isBlank = (s: string): boolean => [...s].every(isWs);

export interface WrapOptions {
  width: number;
  breakLongWords: boolean;
  breakOnHyphens: boolean;
}

export function wrap(text: string, opts: WrapOptions): string[] {
  const chunks = text.split(opts.breakOnHyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c !== '' && c !== undefined);
  const lines: string[] = [];
  chunks.reverse();
  while (chunks.length) {
    const cur: string[] = [];
    let curLen = 0;
    const width = opts.width;
    if (isBlank(chunks[chunks.length - 1]!) && lines.length) chunks.pop();
    while (chunks.length) {
      const l = cpLength(chunks[chunks.length - 1]!);
      if (curLen + l <= width) {
        cur.push(chunks.pop()!);
        curLen += l;
      } else break;
    }
    if (chunks.length && cpLength(chunks[chunks.length - 1]!) > width) {
      handleLongWord(chunks, cur, curLen, width, opts);
      curLen = cur.reduce((n, c) => n + cpLength(c), 0);
    }
    if (cur.length && isBlank(cur[cur.length - 1]!)) {
      curLen -= cpLength(cur[cur.length - 1]!);
      cur.pop();
    }
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

function handleLongWord(chunks: string[], cur: string[], curLen: number, width: number, opts: WrapOptions): void {
  const spaceLeft = width < 1 ? 1 : width - curLen;
  if (opts.breakLongWords) {
    // a float width reaches str.rfind / slicing, which want ints
    if (!Number.isInteger(spaceLeft)) throw pyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
    let end = spaceLeft;
    const chunk = chunks[chunks.length - 1]!;
    if (opts.breakOnHyphens && cpLength(chunk) > spaceLeft) {
      const head = cpSlice(chunk, 0, spaceLeft);
      const hyphen = [...head].lastIndexOf('-');
      if (hyphen > 0 && [...head].slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
    }
    cur.push(cpSlice(chunk, 0, end));
    chunks[chunks.length - 1] = cpSlice(chunk, end);
  } else if (!cur.length) {
    cur.push(chunks.pop()!);
  }
}
