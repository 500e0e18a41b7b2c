// The three pieces of Python's pathlib that makejinja's file selection rests on, reproduced exactly:
// `Path.glob` (include patterns, `**` recursive, hidden files included), `PurePath.match` (exclude patterns,
// matched from the right, `**` acting like `*`) and the sort order of Path objects (component by component).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export interface WalkEntry {
  /** `/`-separated path relative to the walked root. */
  rel: string;
  parts: string[];
  isDir: boolean;
}

/** Every file and directory below `root` (not `root` itself), unsorted. Linked folders are listed, not entered. */
export function walkTree(root: string): WalkEntry[] {
  const out: WalkEntry[] = [];
  const visit = (dir: string, parts: string[]) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = [...parts, e.name];
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        // is_file()/is_dir() follow links, but the recursive glob does not descend into linked folders
        try {
          isDir = statSync(join(dir, e.name)).isDirectory();
        } catch {
          continue; // dangling
        }
        out.push({ rel: p.join('/'), parts: p, isDir });
        continue;
      }
      if (!isDir && !e.isFile()) continue;
      out.push({ rel: p.join('/'), parts: p, isDir });
      if (isDir) visit(join(dir, e.name), p);
    }
  };
  visit(root, []);
  return out;
}

/** fnmatch.translate for one path component (POSIX: case-sensitive). */
export function fnmatchRegex(pat: string): RegExp {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '*') {
      while (pat[i + 1] === '*') i++;
      re += '.*';
    } else if (c === '?') re += '.';
    else if (c === '[') {
      let j = i + 1;
      if (pat[j] === '!') j++;
      if (pat[j] === ']') j++;
      while (j < pat.length && pat[j] !== ']') j++;
      if (j >= pat.length) re += '\\[';
      else {
        let stuff = pat.slice(i + 1, j);
        if (stuff.startsWith('!')) stuff = '^' + stuff.slice(1);
        else if (stuff.startsWith('^')) stuff = '\\' + stuff;
        re += `[${stuff.replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

/** Normalise a pattern like pathlib does: drop `.` parts and empty parts. */
function patternParts(pattern: string): { parts: string[]; absolute: boolean } {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '' && p !== '.');
  return { parts, absolute };
}

/** `Path(path).match(pattern)`; `path` is absolute or relative, `/`-separated. */
export function pathMatch(path: string, pattern: string): boolean {
  const { parts: pat, absolute } = patternParts(pattern);
  if (pat.length === 0) throw new Error('empty pattern');
  const parts = path.split('/').filter((p) => p !== '');
  if (absolute ? pat.length !== parts.length : pat.length > parts.length) return false;
  for (let i = 1; i <= pat.length; i++) {
    if (!fnmatchRegex(pat[pat.length - i]!).test(parts[parts.length - i]!)) return false;
  }
  return true;
}

/** The entries of `walk` that `root.glob(pattern)` yields, sorted as `sorted()` sorts Paths. */
export function globEntries(walk: readonly WalkEntry[], pattern: string): WalkEntry[] {
  const { parts: pat } = patternParts(pattern);
  if (pat.length === 0) return [];
  const segs = pat.map((p) => (p === '**' ? null : fnmatchRegex(p)));
  const dirsOnly = pat[pat.length - 1] === '**';
  const hits = walk.filter((e) => (!dirsOnly || e.isDir) && matchSegments(e.parts, 0, segs, 0, e.isDir));
  return hits.sort(comparePaths);
}

function matchSegments(parts: string[], i: number, segs: Array<RegExp | null>, j: number, isDir: boolean): boolean {
  if (j === segs.length) return i === parts.length;
  const seg = segs[j]!;
  if (seg === null) {
    // `**`: zero or more directories; a trailing `**` matches the directories themselves
    for (let k = i; k <= parts.length; k++) if (matchSegments(parts, k, segs, j + 1, isDir)) return true;
    return false;
  }
  if (i >= parts.length) return false;
  return seg.test(parts[i]!) && matchSegments(parts, i + 1, segs, j + 1, isDir);
}

/** Python's ordering of Path objects: by their list of parts (code-point order per part). */
export function comparePaths(a: { parts: string[] }, b: { parts: string[] }): number {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const x = a.parts[i]!;
    const y = b.parts[i]!;
    if (x !== y) return comparePy(x, y);
  }
  return a.parts.length - b.parts.length;
}

/** Python str comparison: by code point (JS `<` compares UTF-16 units, which differs above U+FFFF). */
export function comparePy(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]!.codePointAt(0)! - b[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
