// `vars()`: the variables the templates read (the engine's referencedVariables) against those the data defines
// (data files, data_vars, plugin data) and those TEMPLATE_GUIDE.md documents. A variable read but not defined, or
// read/defined but not documented, is an error; documented keys nobody reads or defines are stale docs (warning).
import { EXIT } from '../../core/errors.js';
import { hasErrors, type Finding } from '../../core/finding.js';
import { PyError, type Value } from '../../template/runtime/values.js';
import { relPath } from '../data/load.js';
import { joinPath } from '../data/positions.js';
import { globEntries, walkTree } from '../plan/pathlib.js';
import { planRender, suffixOf } from '../plan/plan.js';
import { prepare, type PrepareOptions } from '../prepare.js';
import { splitPath } from '../render/issue-findings.js';
import { templateReferences } from '../engine.js';
import { documentedAt, readGuide, type Documented } from './guide.js';
import { statSync } from 'node:fs';

export interface VarRow {
  path: string;
  /** First place a template reads it. */
  readAt: { file: string; line: number; col: number } | null;
  /** Where it is defined: a data file, `plugin <entry>`, or `data_vars`; null when it is not. */
  definedIn: string | null;
  /** Line of TEMPLATE_GUIDE.md documenting it. */
  documentedAt: number | null;
}

export interface VarsResult {
  exitCode: number;
  findings: Finding[];
  rows: VarRow[];
  /** The guide read (relative), or null when there is none. */
  guide: string | null;
}

const BUILTINS = new Set(['range', 'dict', 'lipsum', 'cycler', 'joiner', 'namespace', 'loop', 'self', 'varargs', 'kwargs', 'caller', 'super', 'true', 'false', 'none', 'True', 'False', 'None']);

/** Leaf paths of the data (lists are leaves). */
function leaves(v: Value, base: string, out: string[]): void {
  if (v instanceof Map && v.size > 0) {
    for (const [k, x] of v) leaves(x, joinPath(base, typeof k === 'bigint' ? k : String(k)), out);
  } else if (base !== '') out.push(base);
}

/** Is `path` (as read) present in `data`? Reading into a non-mapping value (a method, an index) counts as present. */
function defined(data: ReadonlyMap<Value, Value>, path: Array<string | bigint>): boolean {
  let here: Value = data;
  for (const seg of path) {
    if (here instanceof Map) {
      if (!here.has(seg)) return false;
      here = here.get(seg);
    } else return here !== null && here !== undefined;
  }
  return true;
}

export async function vars(opts: PrepareOptions): Promise<VarsResult> {
  const outcome = await prepare(opts);
  if (!outcome.ok) return { exitCode: outcome.exitCode, findings: outcome.findings, rows: [], guide: null };
  const p = outcome.prepared;
  const findings = outcome.findings.filter((f) => f.severity === 'error' || f.code !== 'yaml-1.1-scalar');
  try {
    const { config, built } = p;
    const rel = (x: string) => relPath(config.root, x);
    const guide = p.guideFile ? rel(p.guideFile) : null;
    let doc: Documented | null = null;
    if (p.guideFile) {
      try {
        doc = readGuide(p.guideFile);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        findings.push({
          code: 'guide-unreadable',
          severity: 'error',
          message: `cannot read the template guide: ${code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`,
          file: guide!,
          hint: 'pass --guide with an existing file, or leave it out to use TEMPLATE_GUIDE.md or docs/TEMPLATE_GUIDE.md',
        });
        return { exitCode: EXIT.usage, findings, rows: [], guide };
      }
    }

    // every template the run renders, and the other template files of the inputs (excluded partials are often
    // included by others); only the rendered ones must compile
    const plan = planRender(config, p.plugins.flatMap((c) => c.pathFilters));
    findings.push(...plan.findings);
    const rendered = new Set(plan.actions.flatMap((a) => (a.kind === 'render' ? [a.templateName] : [])));
    const names: string[] = [...rendered];
    for (const input of config.inputs) {
      let isDir = false;
      try {
        isDir = statSync(input).isDirectory();
      } catch {
        continue;
      }
      if (!isDir) continue;
      for (const e of globEntries(walkTree(input), '**/*')) {
        if (!e.isDir && (config.jinjaSuffix === '' || suffixOf(e.rel) === config.jinjaSuffix)) names.push(e.rel);
      }
    }
    const read = new Map<string, VarRow['readAt']>();
    for (const name of [...new Set(names)]) {
      try {
        built.env.getTemplate(name); // syntax errors first, with the engine's messages
        for (const ref of templateReferences(built, name) ?? []) {
          const root = String(splitPath(ref.path)[0] ?? '');
          if (BUILTINS.has(root) || built.functionNames.has(root)) continue;
          if (!read.has(ref.path)) read.set(ref.path, { file: rel(built.loader.locate(ref.template) ?? built.loader.locate(name) ?? name), line: ref.line, col: ref.col });
        }
      } catch (e) {
        if (!(e instanceof PyError)) throw e;
        findings.push({
          code: 'template-syntax-error',
          severity: rendered.has(name) ? 'error' : 'info',
          message: `${e.pyType}: ${e.message}${rendered.has(name) ? '' : ' (a template the run does not render; its variables are not counted)'}`,
          file: rel(built.loader.locate(name) ?? name),
          ...(e.lineno !== undefined ? { line: e.lineno } : {}),
        });
      }
    }

    // where each top-level key comes from (later sources win, as in the globals)
    const owner = new Map<string, string>();
    for (const f of p.files) for (const k of f.data.keys()) owner.set(String(k), f.rel);
    for (const [k] of config.dataVars) owner.set(k.split('.')[0]!, 'data_vars');
    for (const c of p.plugins) for (const k of c.data.keys()) owner.set(String(k), `plugin ${c.name}`);
    const globals = p.hints.globals;
    const definedLeaves: string[] = [];
    leaves(globals as Map<Value, Value>, '', definedLeaves);

    const rows = new Map<string, VarRow>();
    const row = (path: string): VarRow => {
      let r = rows.get(path);
      if (!r) {
        const segs = splitPath(path);
        r = {
          path,
          readAt: null,
          definedIn: defined(globals, segs) ? (owner.get(String(segs[0])) ?? 'data') : null,
          documentedAt: doc ? documentedAt(doc, path) : null,
        };
        rows.set(path, r);
      }
      return r;
    };
    for (const [path, at] of read) row(path).readAt = at;
    // defined keys no template reads (a read of a parent or child covers them)
    const readPaths = [...read.keys()];
    for (const leaf of definedLeaves) {
      if (readPaths.some((r) => r === leaf || leaf.startsWith(r + '.') || leaf.startsWith(r + '[') || r.startsWith(leaf + '.'))) continue;
      row(leaf);
    }
    if (doc) {
      for (const [key, line] of doc.keys) {
        if ([...rows.keys()].some((r) => r === key || r.startsWith(key + '.') || key.startsWith(r + '.'))) continue;
        if (!key.includes('.') && !globals.has(key)) continue; // a lone word in backticks is not necessarily a variable
        const segs = splitPath(key);
        if (defined(globals, segs)) continue;
        findings.push({ code: 'var-stale-doc', severity: 'warning', message: `"${key}" is documented but no template reads it and no data defines it`, file: guide!, line });
      }
    } else {
      findings.push({ code: 'var-no-guide', severity: 'warning', message: 'no TEMPLATE_GUIDE.md: documentation is not checked', hint: 'write TEMPLATE_GUIDE.md beside makejinja.toml and list each key as `dotted.path`' });
    }

    const sorted = [...rows.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const r of sorted) {
      const where = r.readAt ?? {};
      if (r.readAt && r.definedIn === null) {
        findings.push({
          code: 'var-undefined',
          severity: 'error',
          message: `"${r.path}" is read by a template but no data defines it`,
          ...where,
          hint: `add "${r.path}" to ${p.files[0]?.rel ?? 'a data file'}`,
        });
      }
      if (doc && r.documentedAt === null && (r.readAt || r.definedIn)) {
        findings.push({
          code: 'var-undocumented',
          severity: r.readAt ? 'error' : 'warning',
          message: `"${r.path}" is ${r.readAt ? 'read by a template' : 'defined'} but not documented in ${guide}`,
          ...where,
          hint: `add \`${r.path}\` to ${guide}`,
        });
      }
      if (!r.readAt && r.definedIn) {
        findings.push({ code: 'var-unused', severity: 'info', message: `"${r.path}" is defined in ${r.definedIn} but no template reads it` });
      }
    }
    return { exitCode: hasErrors(findings) ? EXIT.failed : EXIT.ok, findings, rows: sorted, guide };
  } finally {
    p.close();
  }
}
