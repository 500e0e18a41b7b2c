// Writing new YAML in a sibling file's style: its document header (`---` and the yaml-language-server schema comment,
// in its order), its sequence indentation, and documents cloned from it with the sibling's comments dropped, edited
// in place so anchors, key order and quoting survive.
import { isAlias, isScalar, parseAllDocuments, visit } from 'yaml';
import type { Document, Node as YNode } from 'yaml';
import { v2NeedsQuotes } from '../io/scalar-rules.js';

export interface DocStyle {
  /** Header lines in order: `---` and/or the schema comment (`# yaml-language-server: $schema=<url>`). */
  header: string[];
  /** Block sequences indented under their key (`key:\n  - a`) rather than not (`key:\n- a`). */
  indentSeq: boolean;
}

const SCHEMA_LINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

/** Header and sequence style of document `index` of `text`. */
export function styleOf(text: string, index = 0): DocStyle {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[index];
  const start = index === 0 ? 0 : ((list[index - 1]?.contents as YNode | null)?.range?.[1] ?? 0);
  const end = (doc?.contents as YNode | null)?.range?.[0] ?? text.length;
  const header: string[] = [];
  for (const line of text.slice(start, end).split(/\r?\n/)) {
    const t = line.trim();
    if (t === '---') header.push('---');
    else if (SCHEMA_LINE.test(t)) header.push(t);
  }
  return { header, indentSeq: indentSeqOf(text) };
}

/** The URL of a header's schema comment, if any. */
export function schemaUrl(style: DocStyle): string | undefined {
  for (const h of style.header) {
    const m = SCHEMA_LINE.exec(h);
    if (m) return m[1];
  }
  return undefined;
}

/** Replaces (or, with `url` undefined, removes) the schema comment, keeping its place relative to `---`. */
export function withSchema(style: DocStyle, url: string | undefined): DocStyle {
  const i = style.header.findIndex((h) => SCHEMA_LINE.test(h));
  const header = style.header.filter((h) => !SCHEMA_LINE.test(h));
  if (url !== undefined) header.splice(i < 0 ? header.length : i, 0, `# yaml-language-server: $schema=${url}`);
  return { ...style, header };
}

/** Most block sequences under a key at the key's own indentation → not indented. */
export function indentSeqOf(text: string): boolean {
  let flush = 0;
  let indented = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const m = /^(\s*)- /.exec(lines[i]!);
    if (!m) continue;
    const prev = /^(\s*)[^\s#-][^:]*:\s*$/.exec(lines[i - 1]!);
    if (!prev) continue;
    if (prev[1]!.length === m[1]!.length) flush++;
    else indented++;
  }
  return flush === 0 || indented >= flush;
}

/** Document `index` of `text`, without comments or `---` (the header is written separately). */
export function cloneDoc(text: string, index = 0): Document {
  const docs = parseAllDocuments(text);
  const doc = (Array.isArray(docs) ? docs : [])[index];
  if (!doc) throw new Error(`no document ${index}`);
  visit(doc, {
    Node(_, n) {
      n.commentBefore = undefined;
      n.comment = undefined;
    },
  });
  doc.commentBefore = null;
  doc.comment = null;
  doc.directives.docStart = null;
  return doc as unknown as Document;
}

export function printDoc(doc: Document, style: DocStyle): string {
  const body = doc.toString({ indentSeq: style.indentSeq, lineWidth: 0 }).replace(/\n+$/, '\n');
  return (style.header.length ? style.header.join('\n') + '\n' : '') + body;
}

/** A node for plain data; strings that YAML 1.1 readers would take for another type are double-quoted. */
export function dataNode(doc: Document, value: unknown): YNode {
  const node = doc.createNode(value) as YNode;
  quoteAmbiguous(node);
  return node;
}

function quoteAmbiguous(node: unknown): void {
  visit(node as YNode, {
    Scalar(key, s) {
      if (key === 'key') return;
      if (typeof s.value === 'string' && s.type !== 'QUOTE_SINGLE' && v2NeedsQuotes(s.value)) s.type = 'QUOTE_DOUBLE';
    },
  });
}

/** Sets the scalar at `path` in place (keeps its anchor and quoting), or creates it when missing. */
export function setScalar(doc: Document, path: readonly (string | number)[], value: string | number | boolean): void {
  const n = doc.getIn(path, true);
  if (isScalar(n)) {
    n.value = value;
    if (typeof value === 'string' && n.type === 'PLAIN' && v2NeedsQuotes(value)) n.type = 'QUOTE_DOUBLE';
    return;
  }
  if (isAlias(n)) return; // follows its anchor, which is renamed where it is defined
  doc.setIn(path, dataNode(doc, value));
}

/** Renames every scalar value (not key) equal to a key of `names`. */
export function renameScalars(node: unknown, names: ReadonlyMap<string, string>): void {
  visit(node as YNode, {
    Scalar(key, s) {
      if (key === 'key' || typeof s.value !== 'string') return;
      const to = names.get(s.value);
      if (to !== undefined) s.value = to;
    },
  });
}

