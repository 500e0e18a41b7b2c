// Adds one entry to a kustomization file's `resources` by inserting a single line: every other byte of the file
// (comments, blank lines, quoting, template tags) stays as it was. Sorted lists get the entry in order; others at
// the end. In a Jinja template, the line never lands inside an `if`/`for` block that did not hold the list itself.
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YNode, YAMLSeq } from 'yaml';

export interface WireResult {
  text: string;
  changed: boolean;
}

export interface WireOptions {
  /** Jinja block start delimiter (`{%`, `#%`) when the file is a template. */
  blockStart?: string;
}

const norm = (e: string): string => e.replace(/^\.\/+/, '').replace(/\/+$/, '');

export function hasEntry(text: string, entry: string): boolean {
  const seq = resourcesSeq(text);
  return seq ? seq.items.some((i) => isScalar(i) && norm(String(i.value)) === norm(entry)) : false;
}

function resourcesSeq(text: string): YAMLSeq | undefined {
  for (const doc of parseAllDocuments(text) as unknown as Array<{ contents: unknown }>) {
    if (!isMap(doc.contents)) continue;
    const seq = doc.contents.get('resources', true);
    if (isSeq(seq)) return seq;
  }
  return undefined;
}

export function insertResource(text: string, entry: string, opts: WireOptions = {}): WireResult {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const docs = parseAllDocuments(text) as unknown as Array<{ contents: unknown; range: [number, number, number] }>;
  const doc = docs.find((d) => isMap(d.contents) && (d.contents.has('resources') || d.contents.has('kind'))) ?? docs[0];
  if (!doc || !isMap(doc.contents)) throw new Error('not a kustomization mapping');
  const seq = doc.contents.get('resources', true) as YNode | undefined;
  if (isSeq(seq) && seq.items.some((i) => isScalar(i) && norm(String(i.value)) === norm(entry))) return { text, changed: false };

  if (!isSeq(seq) || (seq.flow && seq.items.length === 0)) {
    // no list yet: a block list at the end of the document (replacing an empty `[]`)
    const indent = /\n( +)- /.test(text) ? /\n( +)- /.exec(text)![1]! : '  ';
    if (isSeq(seq)) {
      const [start, end] = seq.range!;
      return { text: text.slice(0, start).replace(/[ \t]+$/, '') + `${eol}${indent}- ${entry}` + text.slice(end), changed: true };
    }
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'resources');
    if (pair && isScalar(pair.key)) {
      // `resources:` with nothing under it: the entry goes on the next line
      const lineEnd = text.indexOf('\n', (pair.key as YNode).range![0]);
      const at = lineEnd < 0 ? text.length : lineEnd + 1;
      return { text: `${text.slice(0, at)}${lineEnd < 0 ? eol : ''}${indent}- ${entry}${eol}${text.slice(at)}`, changed: true };
    }
    const end = (doc.contents as YNode).range![2];
    const before = text.slice(0, end);
    const sep = before.endsWith('\n') ? '' : eol;
    return { text: `${before}${sep}resources:${eol}${indent}- ${entry}${eol}${text.slice(end)}`, changed: true };
  }
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range![1]);
    return { text: `${text.slice(0, close).replace(/\s+$/, '')}, ${entry}${text.slice(close)}`, changed: true };
  }

  const lines = text.split('\n');
  const lineOf = (off: number): number => text.slice(0, off).split('\n').length - 1;
  const items = seq.items.filter(isScalar).map((i) => ({ value: String(i.value), line: lineOf((i as YNode).range![0]) }));
  const last = items[items.length - 1]!;
  const indent = /^(\s*)-/.exec(lines[last.line]!)?.[1] ?? '  ';
  const depth = templateDepth(lines, opts.blockStart);
  const keyLine = lineOf(seq.range![0]) - 1;
  const base = depth[Math.max(0, keyLine)] ?? 0;

  // entries of the same shape as the new one (`./x/ks.yaml`), ignoring namespace.yaml and the like
  const shape = (e: string): string => norm(e).replace(/^[^/]+?(?=(\.ya?ml)?(\/|$))/, '*');
  const peers = items.filter((i) => shape(i.value) === shape(entry) && !/(^|\/)namespace\.ya?ml$/.test(i.value));
  const sorted = peers.length > 1 && peers.every((p, i) => i === 0 || norm(peers[i - 1]!.value) <= norm(p.value));
  const next = sorted ? peers.find((p) => norm(p.value) > norm(entry)) : undefined;

  let at: number;
  if (next) {
    at = next.line;
    while (at > 0 && /^\s*#/.test(lines[at - 1]!) && !isTag(lines[at - 1]!, opts.blockStart)) at--;
    while (at > 0 && (depth[at - 1] ?? 0) > base) at--; // before the block that holds it
  } else {
    at = last.line + 1;
    while (at < lines.length && (depth[at - 1] ?? 0) > base) at++; // after the block that holds it
  }
  const line = `${indent}- ${entry}${eol === '\r\n' ? '\r' : ''}`;
  lines.splice(at, 0, line);
  return { text: lines.join('\n'), changed: true };
}

function isTag(line: string, blockStart: string | undefined): boolean {
  return blockStart !== undefined && line.trimStart().startsWith(blockStart);
}

/** Nesting of Jinja `if`/`for` blocks after each line (0 outside any block). */
export function templateDepth(lines: readonly string[], blockStart: string | undefined): number[] {
  const out: number[] = [];
  let d = 0;
  for (const l of lines) {
    if (blockStart) {
      const t = l.trim();
      if (t.startsWith(blockStart)) {
        const word = /^[-+]?\s*(\w+)/.exec(t.slice(blockStart.length))?.[1];
        if (word === 'if' || word === 'for' || word === 'macro' || word === 'block' || word === 'raw') d++;
        else if (word === 'endif' || word === 'endfor' || word === 'endmacro' || word === 'endblock' || word === 'endraw') d = Math.max(0, d - 1);
      }
    }
    out.push(d);
  }
  return out;
}
