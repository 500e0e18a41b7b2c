// Text-level rules applied before parsing, and offset → line/column mapping.
// - kyaml turns CRLF into LF and splits documents on lines starting with `---`; such a line may only carry a
//   comment after the marker ("invalid document separator").
// - go-yaml's reader rejects control characters anywhere in the text.

export interface SourceText {
  /** Text handed to the parser. */
  text: string;
  /** Start offset of each line, computed when a position is first asked for. */
  lineStarts: number[] | null;
}

export function prepareSource(input: string): SourceText {
  const text = input.includes('\r\n') ? input.replace(/\r\n/g, '\n') : input;
  return { text, lineStarts: null };
}

function lineStarts(src: SourceText): number[] {
  if (src.lineStarts) return src.lineStarts;
  const starts = [0];
  const text = src.text;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (src.lineStarts = starts);
}

/** 1-based line and column (in characters) of an offset. */
export function positionOf(src: SourceText, offset: number): { line: number; col: number } {
  const starts = lineStarts(src);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const start = starts[lo]!;
  let col = offset - start + 1;
  for (let i = start; i < offset; i++) {
    const c = src.text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) col--; // second half of a surrogate pair
  }
  return { line: lo + 1, col };
}

/** kyaml's document split check: a `---` line (after the first line) may only be followed by a comment. */
export function badSeparator(text: string): { offset: number } | null {
  if (!text.includes('\n---')) return null;
  const re = /\n---.*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const rest = m[0].slice(4).trim();
    if (rest.length > 0 && rest[0] !== '#') return { offset: m.index + 1 };
    re.lastIndex = m.index + m[0].length;
  }
  return null;
}

// Outside go-yaml's allowed set: #x9 #xA #xD [#x20-#x7E] #x85 [#xA0-#xD7FF] [#xE000-#xFFFD] [#x10000-#x10FFFF].
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** Offset of the first character go-yaml refuses to read, or -1. */
export function badCharacter(text: string): number {
  const m = CONTROL.exec(text);
  return m ? m.index : -1;
}
