// Which files of the repository are in the artifact Flux builds from. source-controller archives the checkout
// leaving out what gitignore-style patterns exclude (fluxcd/pkg sourceignore, a fork of go-git's gitignore matcher).
// Measured from upstream, not from git's documentation, where the two differ:
// - the patterns are every `.sourceignore` in the repository (a folder's own file before its sub-folders'), each
//   scoped to its folder, then GitRepository spec.ignore (scoped to the root); the last pattern that matches decides;
// - when there are none at all, the built-in defaults apply; as soon as there is one, only the VCS defaults stay
//   (so with a `.sourceignore`, `*.png` or `.sops.yaml` are in the artifact unless it lists them);
// - every path is matched on its own: a folder being excluded does not hide what is below it from a later `!`
//   pattern (unlike git), and a pattern with a slash matches a path that starts with what it names.
import { posix } from 'node:path';
import { compileGlob } from './sourceignore-glob.js';

export const IGNORE_FILE = '.sourceignore';
/** The `source` of the built-in patterns. */
export const BUILT_IN = "source-controller's built-in rules";

/** Always excluded, with the lowest priority. */
const VCS_DEFAULTS = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];
/** Excluded only when the repository has no patterns of its own. */
const OTHER_DEFAULTS = [
  ...['*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip'],
  ...['.github/', '.circleci/', '.travis.yml', '.gitlab-ci.yml', 'appveyor.yml', '.drone.yml', 'cloudbuild.yaml'],
  ...['codeship-services.yml', 'codeship-steps.yml', '**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml'],
];

/** A compiled segment: a name glob, `**`, an empty segment (a leading or doubled slash), or one that never matches. */
type Segment = RegExp | '**' | '' | null;

export interface IgnorePattern {
  /** The pattern as written (after `!` and trailing spaces are taken off), for messages and tests. */
  text: string;
  /** Path components of the folder the pattern applies below (its `.sourceignore`'s folder; [] for the root). */
  domain: readonly string[];
  /** `!pattern`: includes again what an earlier pattern excluded. */
  negate: boolean;
  /** `name/`: matches folders only (and, through them, what is below). */
  dirOnly: boolean;
  /** Holds a slash: matched segment by segment from the domain's start; otherwise against any single component. */
  anchored: boolean;
  segments: Segment[];
  /** Where it is written, for messages: `<folder>/.sourceignore:<line>`, spec.ignore, or the built-in rules. */
  source?: string;
}

/** One line of a `.sourceignore` or spec.ignore (comments and blank lines are dropped by readPatterns). */
export function parsePattern(line: string, domain: readonly string[] = []): IgnorePattern {
  let p = line;
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  // trailing spaces go, unless the last one is escaped (then all of them stay)
  if (!p.endsWith('\\ ')) p = p.replace(/ +$/, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.includes('/');
  const segments: Segment[] = anchored
    ? p.split('/').map((s) => (s === '' || s === '**' ? s : s.includes('**') ? null : compileGlob(s)))
    : [compileGlob(p)];
  return { text: p, domain: [...domain], negate, dirOnly, anchored, segments };
}

/** A blank line as upstream tells it (strings.TrimSpace: Go's unicode.IsSpace set, which has no BOM). */
const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** The patterns of an ignore file's text: one per line, `#` lines and blank lines skipped (`\#` is a literal #). */
export function readPatterns(text: string, domain: readonly string[] = [], source?: (line: number) => string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#') || BLANK.test(line)) continue;
    const p = parsePattern(line, domain);
    if (source) p.source = source(i + 1);
    out.push(p);
  }
  return out;
}

/** Whether one pattern matches `path` (components from the repository root); `isDir` says what the path is. */
export function patternMatches(p: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  const d = p.domain.length;
  if (path.length <= d) return false;
  for (let k = 0; k < d; k++) if (path[k] !== p.domain[k]) return false;
  if (!p.anchored) {
    const re = p.segments[0];
    if (!(re instanceof RegExp)) return false;
    for (let k = d; k < path.length; k++) {
      if (!re.test(path[k]!)) continue;
      // the last component is the path itself: a folder-only pattern needs a folder there
      return !(p.dirOnly && !isDir && k === path.length - 1);
    }
    return false;
  }
  // segment by segment; `**` skips components up to the first that matches the next segment (upstream does not
  // backtrack), a trailing `**` takes whatever is left, and so does the end of the pattern (prefix match)
  let k = d;
  let matched = false;
  let skipping = false;
  for (let s = 0; s < p.segments.length; s++) {
    const seg = p.segments[s];
    if (seg === '') {
      skipping = false;
      continue;
    }
    if (seg === '**') {
      if (s === p.segments.length - 1) break;
      skipping = true;
      continue;
    }
    if (seg === null || seg === undefined || k >= path.length) return false;
    if (skipping) {
      skipping = false;
      matched = false;
      while (k < path.length) {
        if (seg.test(path[k++]!)) {
          matched = true;
          break;
        }
      }
    } else {
      if (!seg.test(path[k]!)) return false;
      matched = true;
      k++;
    }
  }
  return matched && !(p.dirOnly && !isDir && k >= path.length);
}

/** An ordered pattern list (lowest priority first), as source-controller's matcher applies it. */
export class IgnoreRules {
  /** Whether a `!` pattern may bring back something below an excluded folder. */
  readonly hasNegation: boolean;

  constructor(readonly patterns: readonly IgnorePattern[]) {
    this.hasNegation = patterns.some((p) => p.negate);
  }

  /** Whether `path` (components, or a repository-relative string) is left out of the artifact. */
  excludes(path: readonly string[] | string, isDir: boolean): boolean {
    const parts = typeof path === 'string' ? path.split('/').filter((c) => c !== '' && c !== '.') : path;
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const p = this.patterns[i]!;
      if (patternMatches(p, parts, isDir)) return !p.negate;
    }
    return false;
  }

  /** The pattern that leaves `path` out (the last one matching, when it is not a `!`), for messages. */
  excludedBy(path: readonly string[] | string, isDir: boolean): IgnorePattern | undefined {
    const parts = typeof path === 'string' ? path.split('/').filter((c) => c !== '' && c !== '.') : path;
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const p = this.patterns[i]!;
      if (patternMatches(p, parts, isDir)) return p.negate ? undefined : p;
    }
    return undefined;
  }
}

/**
 * The rules of an artifact: the patterns of the repository's `.sourceignore` files (in load order) and of the
 * GitRepository's spec.ignore, over the VCS defaults; the other defaults only when there are no patterns at all.
 */
export function artifactRules(fromFiles: readonly IgnorePattern[] = [], specIgnore?: string, specSource?: (line: number) => string): IgnoreRules {
  const own = [...fromFiles, ...(specIgnore === undefined ? [] : readPatterns(specIgnore, [], specSource))];
  const defaults = (list: string[]): IgnorePattern[] => list.map((t) => ({ ...parsePattern(t), source: BUILT_IN }));
  return new IgnoreRules([...defaults(VCS_DEFAULTS), ...(own.length > 0 ? own : defaults(OTHER_DEFAULTS))]);
}

/** The built-in rules (a repository without `.sourceignore` and spec.ignore). */
export const DEFAULT_RULES = artifactRules();

/** Domain of a `.sourceignore` in the repository-relative folder `dir` ('.' or '' for the root). */
export function domainOf(dir: string): string[] {
  return posix.normalize(dir || '.').split('/').filter((c) => c !== '' && c !== '.');
}
