// Reads a multi-document YAML stream for validation, keeping what plain objects lose: duplicate mapping keys (an error
// under kubeconform -strict) and the line of any JSON path, for findings. Syntax errors come back as findings, and
// never quote the text: any YAML file may be a Secret (the rule src/io's reader follows too).
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import type { Finding } from '../core/finding.js';

export interface Position {
  line: number;
  col: number;
}

export interface DuplicateKey {
  key: string;
  /** Path of the mapping holding the key. */
  path: (string | number)[];
  at: Position;
  first: Position;
}

export interface YamlDoc {
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  duplicates: DuplicateKey[];
  /** Position of the value at `path`; with `key`, of the key naming that last path element instead. */
  locate(path: readonly (string | number)[], key?: boolean): Position | undefined;
}

/**
 * The yaml library's first line for an error, without the input text some of them end with (a tag, an escape
 * sequence, the rest of a block scalar header).
 */
function errorText(e: YAMLError): string {
  const first = e.message.split('\n')[0] ?? e.message;
  switch (e.code) {
    case 'TAG_RESOLVE_FAILED':
      return 'Unresolved tag';
    case 'BAD_COLLECTION_TYPE':
      return 'A tag names another kind of collection than the one it is on';
    case 'BAD_DQ_ESCAPE':
      return 'Invalid escape sequence in a double-quoted scalar';
    case 'UNEXPECTED_TOKEN':
      return first.startsWith('Block scalar header includes extra characters') ? 'Block scalar header includes extra characters' : first;
    default:
      return first;
  }
}

export function readYamlDocuments(text: string, file: string): { docs: YamlDoc[]; findings: Finding[] } {
  const lc = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, merge: true, prettyErrors: false, logLevel: 'error' });
  const findings: Finding[] = [];
  const docs: YamlDoc[] = [];
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const doc of list as Document.Parsed[]) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const p = pos(e.pos[0]);
        findings.push({
          code: 'yaml-invalid',
          severity: 'error',
          message: errorText(e),
          file,
          line: p.line,
          col: p.col,
          hint: 'fix the YAML syntax; the document was not validated',
        });
      }
      continue;
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) continue;
    const line = contents.range ? pos(contents.range[0]).line : 1;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (e) {
      // an alias of no anchor: the library's message names it
      if (!(e instanceof ReferenceError)) throw e;
      findings.push({ code: 'yaml-invalid', severity: 'error', message: 'unknown anchor referenced', file, line, hint: 'fix the YAML syntax; the document was not validated' });
      continue;
    }
    const duplicates: DuplicateKey[] = [];
    findDuplicates(contents, [], duplicates, pos);
    docs.push({
      value,
      line,
      duplicates,
      locate: (path, key) => {
        const found = nodeAt(contents, path, key === true);
        return found?.range ? pos(found.range[0]) : undefined;
      },
    });
  }
  return { docs, findings };
}

function keyText(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

function findDuplicates(node: unknown, path: (string | number)[], out: DuplicateKey[], pos: (o: number) => Position): void {
  if (isMap(node)) {
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      const k = keyText(pair.key);
      const keyNode = pair.key as Node | null;
      if (k !== '<<') {
        const first = seen.get(k);
        if (first?.range && keyNode?.range) out.push({ key: k, path, at: pos(keyNode.range[0]), first: pos(first.range[0]) });
        else if (keyNode) seen.set(k, keyNode);
      }
      findDuplicates(pair.value, [...path, k], out, pos);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => findDuplicates(item, [...path, i], out, pos));
  }
}

/** The node at a JSON path (last match wins for repeated keys, as in the parsed value). */
function nodeAt(root: unknown, path: readonly (string | number)[], wantKey: boolean): Node | undefined {
  let node: unknown = root;
  let keyNode: Node | undefined;
  for (const step of path) {
    if (isAlias(node)) return undefined; // inside an anchor's copy: the anchor is elsewhere
    if (isMap(node)) {
      const pair = [...node.items].reverse().find((p) => isPair(p) && keyText(p.key) === String(step));
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(step))) {
      node = node.items[Number(step)];
      keyNode = undefined;
    } else return undefined;
  }
  return ((wantKey ? keyNode : undefined) ?? (node as Node | undefined)) || undefined;
}
