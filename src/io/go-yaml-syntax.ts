// Where go-yaml v3 (and kyaml's reader) accept or reject YAML text differently from the `yaml` package, the text
// is adjusted before parsing, keeping a map back to the original positions.
// - kyaml turns CRLF into LF and splits documents on lines starting with `---`; such a line may only carry a
//   comment after the marker ("invalid document separator").
// - go-yaml ends an anchor or alias name at the first character outside [A-Za-z0-9_-], so `*app:` is the alias
//   `app` used as a key; YAML 1.2 (and the `yaml` package) would read an alias named `app:`.
import { Lexer } from 'yaml';

export interface SourceText {
  /** Text handed to the parser. */
  text: string;
  /** Offsets (in `text`) of characters inserted into the original, ascending. */
  inserted: number[];
  /** Start offset of each line of the original (after CRLF → LF). */
  lineStarts: number[];
}

const ALIAS_COLON = /[*&][A-Za-z0-9_-]+:/;
const NAME_CHAR = /[A-Za-z0-9_-]/;

export function prepareSource(input: string): SourceText {
  const text = input.includes('\r\n') ? input.replace(/\r\n/g, '\n') : input;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  if (!ALIAS_COLON.test(text)) return { text, inserted: [], lineStarts };
  return { ...splitAnchorNames(text), lineStarts };
}

/** Insert a space after go-yaml's end of an anchor/alias name where a ':' follows it directly. */
function splitAnchorNames(text: string): { text: string; inserted: number[] } {
  const cuts: number[] = [];
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    const c = tok.charCodeAt(0);
    // Lexer control tokens (document, flow end, scalar markers) are not source text.
    if (tok.length === 1 && (c === 0x02 || c === 0x18 || c === 0x1f)) continue;
    if ((c === 0x2a || c === 0x26) && tok.length > 1) {
      let i = 1;
      while (i < tok.length && NAME_CHAR.test(tok[i]!)) i++;
      if (i < tok.length && tok[i] === ':') cuts.push(offset + i);
    }
    offset += tok.length;
  }
  if (cuts.length === 0) return { text, inserted: [] };
  let out = '';
  let prev = 0;
  const inserted: number[] = [];
  for (const cut of cuts) {
    out += text.slice(prev, cut) + ' ';
    inserted.push(cut + inserted.length);
    prev = cut;
  }
  return { text: out + text.slice(prev), inserted };
}

/** 1-based line and column in the original text of an offset in `src.text`. */
export function positionOf(src: SourceText, offset: number): { line: number; col: number } {
  let o = offset;
  for (const at of src.inserted) {
    if (at < offset) o--;
    else break;
  }
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: o - starts[lo]! + 1 };
}

/** kyaml's document split check: a `---` line (after the first line) may only be followed by a comment. */
export function badSeparator(text: string): { offset: number; separator: string } | null {
  if (!text.includes('\n---')) return null;
  const re = /\n---.*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const rest = m[0].slice(4).trim();
    if (rest.length > 0 && rest[0] !== '#') return { offset: m.index + 1, separator: m[0].trim() };
    re.lastIndex = m.index + m[0].length;
  }
  return null;
}
