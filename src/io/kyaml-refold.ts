// kyaml re-encodes every resource with go-yaml v3 and decodes it again before kustomize prints it. For folded
// block scalars (`>`) that round trip is not lossless, and kustomize's output shows the changed value:
// go-yaml v3's folded writer decides whether to add a blank line after a line by looking at the *first*
// character of the whole value instead of the next line. When the value starts with a non-blank character, a line
// followed by a more-indented line gains an extra newline (and so does a kept trailing newline); when it starts
// with a blank, two ordinary lines separated by one newline are joined by a space (runs of empty lines lose one).
// go-yaml v3 writes without a line width, so nothing else changes. This module writes the value as go-yaml v3
// would and reads it back with go-yaml's folding rules.

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Whether go-yaml v3 may write `s` as a block scalar: no space before a line break, no trailing space, nothing
 * unprintable (tabs are fine in v3). Otherwise it falls back to double quotes, which round-trip exactly.
 */
function blockAllowedV3(s: string): boolean {
  if (s.endsWith(' ')) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      const n = s.charCodeAt(i + 1);
      if (n === 10 || n === 13 || n === 0x85 || n === 0x2028 || n === 0x2029) return false;
    } else if (c === 9 || c === 10) continue;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfeff || c === 0xfffe || c === 0xffff) return false;
    else if (c >= 0xd800 && c <= 0xdfff) return false; // beyond U+FFFF: not printable for go-yaml
  }
  return true;
}

/** Lines of the folded block go-yaml v3 writes for `s` (indentation not included). */
function writeFolded(s: string): string[] {
  const lines: string[] = [];
  let line = '';
  let breaks = true;
  let leadingSpaces = true;
  let firstNonBreak = 0;
  while (s[firstNonBreak] === '\n') firstNonBreak++;
  const extraBreaks = firstNonBreak < s.length && !isBlank(s[firstNonBreak]);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\n') {
      if (!breaks && !leadingSpaces && extraBreaks) {
        lines.push(line);
        line = '';
      }
      lines.push(line);
      line = '';
      breaks = true;
      continue;
    }
    if (breaks) leadingSpaces = isBlank(ch);
    line += ch;
    breaks = false;
  }
  lines.push(line);
  return lines;
}

/** go-yaml's folded block scalar reading (scan_block_scalar) over already de-indented lines. */
function readFolded(lines: string[], chomp: 'strip' | 'clip' | 'keep'): string {
  let s = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let leadingBlank = false;
  // The last element is what follows the final line break (always '' here).
  const n = lines.length - 1;
  for (let i = 0; i <= n; i++) {
    const line = lines[i]!;
    if (line === '') {
      if (i < n) trailingBreaks += '\n';
      continue;
    }
    const trailingBlank = isBlank(line[0]);
    if (!leadingBlank && !trailingBlank && leadingBreak === '\n') {
      if (trailingBreaks === '') s += ' ';
    } else s += leadingBreak;
    s += trailingBreaks;
    trailingBreaks = '';
    leadingBlank = isBlank(line[0]);
    s += line;
    leadingBreak = i < n ? '\n' : '';
  }
  if (chomp !== 'strip') s += leadingBreak;
  if (chomp === 'keep') s += trailingBreaks;
  return s;
}

/** The value a folded block scalar (`>`) has after kyaml's go-yaml v3 round trip. */
export function refoldV3(s: string): string {
  if (!s.includes('\n') || !blockAllowedV3(s)) return s;
  // Chomping as go-yaml's block scalar hints choose it from the value's end.
  const chomp = !s.endsWith('\n') ? 'strip' : s === '\n' || s.endsWith('\n\n') ? 'keep' : 'clip';
  const lines = writeFolded(s);
  // What follows the block starts on a new line, so the last content line always ends with a break.
  if (!s.endsWith('\n')) lines.push('');
  return readFolded(lines, chomp);
}
