// Maps a field of a built resource back to a line of the file it came from. Resources carry their origin (file and
// the line where their document starts); the field's line needs the source text again, so each file is parsed at
// most once per run, and only when a finding asks for it.
import { posix } from 'node:path';
import type { Origin } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { parseYamlDocuments } from '../io/yaml-read.js';
import type { PathElement, Position, YamlDoc } from '../io/yaml-read.js';

export interface Location {
  file: string;
  line?: number;
  col?: number;
}

/** Where the source texts come from: the repository on a filesystem, or manifests already in memory. */
export type TextSource = (file: string) => string | undefined;

export function fileTexts(fs: FileSystem, root: string): TextSource {
  return (file) => {
    const abs = posix.join(root, file);
    return fs.isFile(abs) ? fs.readText(abs) : undefined;
  };
}

export class SourceLocator {
  private readonly docs = new Map<string, YamlDoc[] | null>();
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly source: TextSource) {}

  /** The text of a repository file (cached), or undefined. */
  text(file: string): string | undefined {
    let t = this.texts.get(file);
    if (t === undefined) {
      t = this.source(file) ?? null;
      this.texts.set(file, t);
    }
    return t ?? undefined;
  }

  /** The parsed document starting at `origin.line` (or the last one starting before it). */
  doc(origin: Origin): YamlDoc | undefined {
    let docs = this.docs.get(origin.file);
    if (docs === undefined) {
      const text = this.text(origin.file);
      try {
        // a repeated key is reported elsewhere (the build, or duplicate-key for plain manifests); positions go on
        docs = text === undefined ? null : parseYamlDocuments(text, origin.file, { duplicateKeys: 'collect' });
      } catch {
        docs = null; // the build reports unreadable files; a finding then points at the document start
      }
      this.docs.set(origin.file, docs);
    }
    if (!docs) return undefined;
    let best: YamlDoc | undefined;
    for (const d of docs) if (d.startLine <= origin.line && (!best || d.startLine >= best.startLine)) best = d;
    return best ?? docs[0];
  }

  /**
   * The position of `path` in the resource's source document. Patches and generators may have added the field
   * elsewhere: then the nearest enclosing field that is in the source, else the document's first line.
   */
  locate(origin: Origin, path: readonly PathElement[]): Location {
    const base: Location = origin.line > 0 ? { file: origin.file, line: origin.line } : { file: origin.file };
    const doc = this.doc(origin);
    if (!doc) return base;
    for (let n = path.length; n >= 0; n--) {
      const p: Position | undefined = doc.posOf(path.slice(0, n));
      if (p) return { file: origin.file, line: p.line, col: p.col };
    }
    return base;
  }

  /** The source lines of the resource's document (for text searches such as `${VAR}` uses). */
  documentLines(origin: Origin): { first: number; lines: string[] } | undefined {
    const text = this.text(origin.file);
    if (text === undefined) return undefined;
    let docs = this.docs.get(origin.file);
    if (docs === undefined) {
      this.doc(origin);
      docs = this.docs.get(origin.file);
    }
    const all = text.split('\n');
    if (!docs || docs.length === 0) return { first: 1, lines: all };
    const starts = docs.map((d) => d.startLine);
    let i = 0;
    for (let k = 0; k < starts.length; k++) if (starts[k]! <= origin.line) i = k;
    const first = starts[i] ?? 1;
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : all.length;
    return { first, lines: all.slice(first - 1, end) };
  }
}
