// YAML data files read the way makejinja reads them: PyYAML `safe_load_all` (YAML 1.1 typing, `<<` merge keys,
// every document a mapping, documents merged shallowly). The `yaml` package parses; the values are built as PyYAML
// constructs them in yaml-construct.ts, which also warns about plain scalars a YAML 1.2 reader would type otherwise.
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../../core/finding.js';
import type { Value } from '../../template/runtime/values.js';
import { LineIndex, type PositionIndex } from './positions.js';
import { setKey } from './py-dict.js';
import { Builder, offsetOf, YamlDataError } from './yaml-construct.js';

export interface LoadedData {
  data: Map<Value, Value>;
  positions: PositionIndex;
  findings: Finding[];
}

/** PyYAML's Reader.NON_PRINTABLE. */
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Parse a YAML data file. `file` is the repo-relative name used in findings. Never throws for bad input. */
export function loadYaml(text: string, file: string): LoadedData {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const positions: PositionIndex = new Map();
  const data = new Map<Value, Value>();
  const at = (offset: number | undefined) => (offset === undefined ? {} : lines.at(offset));

  // PyYAML's reader refuses control characters before parsing anything: a binary file is not a data file
  const bad = NON_PRINTABLE.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).padStart(4, '0');
    findings.push({
      code: 'data-parse-error',
      severity: 'error',
      message: `invalid YAML: unacceptable character #x${code} (control characters are not allowed; is this a binary file?)`,
      file,
      ...at(bad.index),
      hint: 'a YAML data file is text: remove the character, or take the file out of "data"',
    });
    return { data, positions, findings };
  }
  const docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        findings.push({ code: 'data-parse-error', severity: 'error', message: `invalid YAML: ${firstLine(e.message)}`, file, ...at(e.pos[0]) });
      }
      continue;
    }
    const builder = new Builder(doc, lines, positions, findings, file);
    try {
      const value = builder.build(doc.contents, '');
      if (!(value instanceof Map)) {
        findings.push({
          code: 'data-not-mapping',
          severity: 'error',
          message: `every YAML document of a data file must be a mapping, but this one is ${pyTypeWord(value)}`,
          file,
          ...at(offsetOf(doc.contents) ?? doc.range[0]),
          hint: 'write the document as `key: value` lines (templates read its keys as variables)',
        });
        continue;
      }
      for (const [k, v] of value) setKey(data, k, v);
    } catch (e) {
      if (!(e instanceof YamlDataError)) throw e;
      findings.push({ code: 'data-parse-error', severity: 'error', message: e.message, file, ...at(e.offset) });
    }
  }
  return { data, positions, findings };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** Python's type name for messages like makejinja's ("found NoneType"). */
export function pyTypeWord(v: Value): string {
  if (v === null) return 'empty (NoneType)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'bigint') return 'an int';
  if (typeof v === 'number') return 'a float';
  if (typeof v === 'boolean') return 'a bool';
  return typeof v;
}
