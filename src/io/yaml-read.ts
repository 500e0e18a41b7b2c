// YAML input read the way kustomize v5.7.1 reads it (kyaml on go-yaml v3), as plain JS values with positions.
//
// Value model (what `YamlDoc.value` holds) — chosen so yaml-write.ts reproduces kustomize's output:
// - mappings → plain objects in document order (merged `<<` keys after the mapping's own keys); sequences → arrays;
// - plain scalars resolve by go-yaml v3 rules (scalar-rules.ts): only true/false (any case form) are booleans,
//   `yes/on/y` stay strings; `~`/`null`/empty are null; ints take Go base-0 syntax (`0755` = 493, `0x1F`, `0o17`,
//   `0b1`, `1_000`); floats include `.inf`/`.nan`; quoted, block and `!!str` scalars are strings;
// - numbers are JS numbers. go-yaml keeps int and float apart, but kustomize prints via JSON, so an integral float
//   (`1.0`, `1e3`) prints exactly like the int (`1`, `1000`) and only the numeric value matters. Integers beyond
//   ±2^53 are bigint so that int64/uint64 values survive exactly;
// - timestamps (`2024-01-02`, `2001-12-14 21:59:43.10`) become the RFC3339Nano string kustomize prints
//   (`2024-01-02T00:00:00Z`): go-yaml v3 decodes them to time.Time, which JSON renders that way;
// - anchors/aliases are expanded (each alias a fresh copy), `<<` merges applied (own keys win, then earlier sources);
// - duplicate keys are errors, as go-yaml v3 reports them (validators may collect them instead: ParseOptions);
//   `!!binary` is decoded; other tags keep the string;
// - kyaml re-encodes every resource with go-yaml v3 before kustomize prints it, and that round trip changes a few
//   values, which are read here as kustomize ends up with them: folded (`>`) blocks (kyaml-refold.ts), timestamps
//   with a time part inside flow collections (kept as text), empty values inside flow collections (`""`).
// Syntax is go-yaml's (yaml-scanner.ts / yaml-parser.ts): tabs, NEL/LS/PS line breaks, anchor names ending at ':'
// (`*app:` is an alias key), a block scalar's last line without a line break at the end of the text. Comments are
// dropped. Positions: `posOf(path)` / `lineOf(path)` / `scalarText(path)` walk the node tree on demand.
// For plain block YAML, parseYamlFast (yaml-fast.ts) gives the same values faster, without positions; the build
// stages try it first.
//
// Errors never quote the text being read: any YAML file may be a Secret, and any token in it (a key, an anchor name,
// a tagged scalar, the rest of a `---` line) may hold a value. A YamlParseError says what is wrong in fixed words,
// with file, line and column (1-based, in characters) of the cause; go-yaml's messages that would quote the input
// are reworded that way (the duplicate key is named by the line of its first occurrence instead).
import { InputError } from '../core/errors.js';
import { parseDocuments, Kind, YamlSyntaxError } from './yaml-parser.js';
import type { DocNode, YNode } from './yaml-parser.js';
import { Composer } from './yaml-compose.js';
import { ComposeError, deref, findValue } from './yaml-compose-nodes.js';
import type { PathElement } from './yaml-compose-nodes.js';
import { badCharacter, badSeparator, positionOf, prepareSource } from './go-yaml-syntax.js';
import type { SourceText } from './go-yaml-syntax.js';

export type { PathElement };

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  col: number;
}

/** A mapping key kustomize cannot print (a nested key that is not a string: JSON has no such keys). */
export interface KeyProblem extends Position {
  path: PathElement[];
  key: string;
}

export interface YamlDoc {
  /** The document as plain data (see the module header); null for an empty document. */
  value: unknown;
  /** 1-based line where the document starts (its `---` marker, or its first content). */
  startLine: number;
  /** Position of the node at `path` (for a mapping entry: its key), or undefined when there is none. */
  posOf(path: readonly PathElement[]): Position | undefined;
  /** `posOf(path)?.line`. */
  lineOf(path: readonly PathElement[]): number | undefined;
  /**
   * go-yaml's text of the scalar at `path` before type resolution (`1.0`, `yes`, `2024-01-02`, `~`), or
   * undefined when there is no scalar there. kustomize rewrites metadata.annotations from these texts.
   */
  scalarText(path: readonly PathElement[]): string | undefined;
  /** Nested keys that resolve to non-strings (ints, bools, …): kustomize fails on these when printing. */
  keyProblems: KeyProblem[];
  /** Repeated mapping keys; always empty unless read with `duplicateKeys: 'collect'`. */
  duplicateKeys: DuplicateKey[];
}

/** A YAML syntax or decoding error, with the position of the cause. */
export class YamlParseError extends InputError {
  readonly col: number | undefined;
  readonly reason: string;
  constructor(file: string, reason: string, pos?: Position) {
    super(file, reason, pos ? { line: pos.line } : {});
    this.name = 'YamlParseError';
    if (pos) this.message = `${file}:${pos.line}:${pos.col}: ${reason}`;
    this.col = pos?.col;
    this.reason = reason;
  }
}

export interface ParseOptions {
  /**
   * `kyaml` (default): how kustomize reads resources and patches (go-yaml v3 through kyaml, see the header).
   * `sigs-yaml`: how kustomize reads kustomization files and Kubernetes clients read manifests (sigs.k8s.io/yaml on
   * go-yaml v2): YAML 1.1 booleans (`yes`, `on`, `y`, `off`, … are true/false), timestamps keep their text, every
   * mapping key becomes a string (`1` → "1", `true` → "true"), and no kyaml re-encoding effects.
   */
  rules?: 'kyaml' | 'sigs-yaml';
  /**
   * `error` (default): a repeated mapping key fails the read, as in go-yaml v3. `collect`: each repeat is listed in
   * the document's `duplicateKeys` and the later value wins; positions then point at the entry whose value is kept.
   */
  duplicateKeys?: 'error' | 'collect';
}

/** A mapping key given again (read with `duplicateKeys: 'collect'`). */
export interface DuplicateKey {
  key: string;
  /** The repeat. */
  at: Position;
  /** The first occurrence. */
  first: Position;
}

/** Parse every document of a YAML stream. Throws YamlParseError on the first syntax or decoding error. */
export function parseYamlDocuments(text: string, file: string, opts: ParseOptions = {}): YamlDoc[] {
  const src = prepareSource(text);
  const fail = (offset: number, reason: string): never => {
    throw new YamlParseError(file, reason, positionOf(src, offset));
  };
  const bad = badCharacter(src.text);
  if (bad >= 0) fail(bad, 'control characters are not allowed');
  const sep = badSeparator(src.text);
  if (sep) fail(sep.offset, 'invalid document separator: a `---` line may only be followed by a comment');
  let docs: DocNode[];
  try {
    docs = parseDocuments(src.text);
  } catch (e) {
    if (e instanceof YamlSyntaxError) fail(e.offset, e.reason);
    throw e;
  }
  const out: YamlDoc[] = [];
  for (const doc of docs) {
    const composer = new Composer(opts.rules === 'sigs-yaml', opts.duplicateKeys === 'collect');
    let value: unknown;
    try {
      value = doc.empty ? null : composer.toValue(doc.root, true);
    } catch (e) {
      if (!(e instanceof ComposeError)) throw e;
      const first = e.firstOffset === undefined ? '' : ` at line ${positionOf(src, e.firstOffset).line}`;
      fail(e.offset, e.reason + first);
    }
    const notes = composer.keyNotes;
    const keyProblems = notes.length === 0 ? [] : notes.map((k) => ({ path: k.path, key: k.key, ...positionOf(src, k.offset) }));
    const dups = composer.duplicates;
    const duplicateKeys = dups.length === 0 ? [] : dups.map((d) => ({ key: d.key, at: positionOf(src, d.offset), first: positionOf(src, d.firstOffset) }));
    out.push(new Doc(value, doc, src, keyProblems, duplicateKeys));
  }
  return out;
}

/** Parse a stream that must hold exactly one document (or none: null). */
export function parseYaml(text: string, file: string, opts: ParseOptions = {}): unknown {
  const docs = parseYamlDocuments(text, file, opts);
  if (docs.length > 1) throw new YamlParseError(file, 'expected one YAML document, found ' + docs.length);
  return docs[0]?.value ?? null;
}

class Doc implements YamlDoc {
  constructor(
    readonly value: unknown,
    private readonly doc: DocNode,
    private readonly src: SourceText,
    readonly keyProblems: KeyProblem[],
    readonly duplicateKeys: DuplicateKey[],
  ) {}

  /** Computed on demand: line tables are only built when a position is asked for. */
  get startLine(): number {
    return positionOf(this.src, this.doc.start).line;
  }

  /** The node at `path` and the offset to report for it (a mapping entry's key). */
  private find(path: readonly PathElement[]): { node: YNode; at: number } | undefined {
    let node = this.doc.root;
    let at = node.start;
    for (const el of path) {
      const n = deref(node);
      if (n.kind === Kind.Mapping) {
        const found = findValue(n, String(el));
        if (!found) return undefined;
        at = found.keyNode.start;
        node = found.value;
      } else if (n.kind === Kind.Sequence && typeof el === 'number') {
        const item = n.items[el];
        if (!item) return undefined;
        node = item;
        at = item.start;
      } else return undefined;
    }
    return { node, at };
  }

  posOf(path: readonly PathElement[]): Position | undefined {
    const found = this.find(path);
    return found ? positionOf(this.src, found.at) : undefined;
  }

  lineOf(path: readonly PathElement[]): number | undefined {
    return this.posOf(path)?.line;
  }

  scalarText(path: readonly PathElement[]): string | undefined {
    const found = this.find(path);
    if (!found) return undefined;
    const node = deref(found.node);
    return node.kind === Kind.Scalar ? node.value : undefined;
  }
}
