// makejinja's data loading: each `data` entry is a file or a folder (its non-hidden files, in Python's sorted glob
// order); .yaml/.yml/.toml/.json are read, other files skipped; top-level keys merge shallowly, later files win;
// then `data_vars` (`a.b=c`) set nested string values. Also records which file defined what, for hints.
import { readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { Value } from '../../template/runtime/values.js';
import { globEntries, walkTree } from '../plan/pathlib.js';
import { JsonDataError, parseJsonData } from './json.js';
import type { PositionIndex } from './positions.js';
import { setKey } from './py-dict.js';
import { TomlDataError, parseTomlData } from './toml.js';
import { loadYaml, pyTypeWord } from './yaml.js';

export interface DataFile {
  /** Absolute path. */
  path: string;
  /** Repo-relative, `/`-separated. */
  rel: string;
  data: Map<Value, Value>;
  positions: PositionIndex;
}

export interface LoadedData {
  data: Map<Value, Value>;
  files: DataFile[];
  findings: Finding[];
  /** Files skipped for an unsupported suffix. */
  skipped: string[];
}

const LOADERS = new Set(['.yaml', '.yml', '.toml', '.json']);

export function relPath(root: string, p: string): string {
  return relative(root, p).split('\\').join('/') || '.';
}

/** The files makejinja's collect_files yields for the `data` entries. */
export function collectDataFiles(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    let st;
    try {
      st = statSync(entry);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      for (const e of globEntries(walkTree(entry), '**/*')) {
        if (!e.isDir && !e.parts[e.parts.length - 1]!.startsWith('.')) out.push(join(entry, ...e.parts));
      }
    } else if (st.isFile()) out.push(entry);
  }
  return out;
}

/** Read one data file (any supported suffix). */
export function readDataFile(path: string, rel: string): { file: DataFile; findings: Finding[] } {
  const findings: Finding[] = [];
  const file: DataFile = { path, rel, data: new Map(), positions: new Map() };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    findings.push({ code: 'data-unreadable', severity: 'error', message: `cannot read data file: ${(e as Error).message}`, file: rel });
    return { file, findings };
  }
  const suffix = extname(path);
  if (suffix === '.yaml' || suffix === '.yml') {
    const r = loadYaml(text, rel);
    file.data = r.data;
    file.positions = r.positions;
    findings.push(...dedupe(r.findings));
  } else if (suffix === '.toml') {
    try {
      const r = parseTomlData(text);
      file.data = r.value;
      file.positions = r.positions;
    } catch (e) {
      if (!(e instanceof TomlDataError)) throw e;
      findings.push({ code: 'data-parse-error', severity: 'error', message: e.message, file: rel, ...(e.pos ?? {}) });
    }
  } else {
    try {
      const r = parseJsonData(text);
      if (r.value instanceof Map) {
        file.data = r.value;
        file.positions = r.positions;
      } else {
        findings.push({
          code: 'data-not-mapping',
          severity: 'error',
          message: `a JSON data file must hold an object, but this one holds ${pyTypeWord(r.value)}`,
          file: rel,
          line: 1,
        });
      }
    } catch (e) {
      if (!(e instanceof JsonDataError)) throw e;
      const before = text.slice(0, e.offset);
      const line = before.split('\n').length;
      findings.push({ code: 'data-parse-error', severity: 'error', message: `invalid JSON: ${e.message}`, file: rel, line, col: e.offset - before.lastIndexOf('\n') });
    }
  }
  return { file, findings };
}

export function loadData(entries: readonly string[], dataVars: ReadonlyArray<[string, string]>, root: string): LoadedData {
  const result: LoadedData = { data: new Map(), files: [], findings: [], skipped: [] };
  for (const path of collectDataFiles(entries)) {
    const rel = relPath(root, path);
    if (!LOADERS.has(extname(path))) {
      result.skipped.push(rel);
      continue;
    }
    const { file, findings } = readDataFile(path, rel);
    result.files.push(file);
    result.findings.push(...findings);
    for (const [k, v] of file.data) setKey(result.data, k, v);
  }
  for (const [key, value] of dataVars) {
    const err = nestedSet(result.data, key, value);
    if (err) result.findings.push({ code: 'data-var-invalid', severity: 'error', message: `data_vars "${key}": ${err}` });
  }
  return result;
}

/** makejinja's dict_nested_set: `a.b.c` → data[a][b][c] = value, creating dicts on the way. */
export function nestedSet(data: Map<Value, Value>, dotted: string, value: string): string | null {
  const keys = dotted.split('.');
  let here = data;
  for (const k of keys.slice(0, -1)) {
    let next = here.get(k);
    if (next === undefined) {
      next = new Map<Value, Value>();
      here.set(k, next);
    }
    if (!(next instanceof Map)) return `"${k}" is already set to a ${pyTypeWord(next).replace(/^an? /, '')}, which cannot hold nested keys`;
    here = next;
  }
  here.set(keys[keys.length - 1]!, value);
  return null;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.code}:${f.line}:${f.col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
