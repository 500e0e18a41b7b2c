// Render every planned template and read every file to copy, in memory. Every problem of every template is
// collected (renderCollect), so one run reports them all; nothing is written here.
import { readFileSync, statSync } from 'node:fs';
import type { Finding } from '../../core/finding.js';
import { PyError, type Value } from '../../template/runtime/values.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { readDataFile, relPath } from '../data/load.js';
import type { BuiltEnvironment } from '../engine.js';
import type { Plan } from '../plan/plan.js';
import { errorCode, issueFinding, type HintContext } from './issue-findings.js';

export interface FileMeta {
  mode: number;
  atime: Date;
  mtime: Date;
}

export interface Output {
  /** Absolute output path (or /dev/stdout). */
  path: string;
  input: string;
  kind: 'render' | 'copy';
  bytes: Buffer;
  /** Metadata to carry over from the input (copy, or copy_metadata). */
  meta: FileMeta | null;
}

export interface RenderResult {
  outputs: Output[];
  /** Renders that came out whitespace-only and are not written (keep_empty off). */
  empty: Array<{ input: string; path: string }>;
  findings: Finding[];
  /** How many templates were rendered (or tried). */
  templates: number;
}

/** makejinja's `rendered.strip() == ""` (Python's whitespace set). */
export function isBlank(s: string): boolean {
  return /^[\s\x1c-\x1f\x85]*$/u.test(s.replace(/\uFEFF/g, 'x'));
}

function metaOf(path: string): FileMeta {
  const st = statSync(path);
  return { mode: st.mode & 0o7777, atime: st.atime, mtime: st.mtime };
}

export function renderPlan(plan: Plan, built: BuiltEnvironment, config: ResolvedConfig, hints: HintContext): RenderResult {
  const result: RenderResult = { outputs: [], empty: [], findings: [], templates: 0 };
  const rel = (p: string) => relPath(config.root, p);
  const fileFor = (name: string | undefined, fallback: string) => {
    if (name === undefined) return fallback;
    const f = built.loader.files.get(name) ?? built.loader.locate(name);
    return f ? rel(f) : name;
  };
  for (const action of plan.actions) {
    if (action.kind === 'copy') {
      try {
        result.outputs.push({ path: action.output, input: action.input, kind: 'copy', bytes: readFileSync(action.input), meta: metaOf(action.input) });
      } catch (e) {
        result.findings.push({ code: 'input-unreadable', severity: 'error', message: `cannot read: ${(e as Error).message}`, file: rel(action.input) });
      }
      continue;
    }
    if (action.kind !== 'render') continue;
    result.templates++;
    const source = built.loader.locate(action.templateName);
    const file = source ? rel(source) : rel(action.input);
    let vars: Map<string, Value> | undefined;
    const extra = config.fileData.get(action.templateName);
    if (extra) {
      vars = new Map();
      for (const p of extra) {
        try {
          statSync(p);
        } catch {
          continue; // makejinja skips missing file-specific data
        }
        const r = readDataFile(p, rel(p));
        result.findings.push(...r.findings);
        for (const [k, v] of r.file.data) vars.set(String(k), v);
      }
    }
    try {
      const template = built.env.getTemplate(action.templateName);
      const { output, issues } = template.renderCollect(vars);
      if (issues.length > 0) {
        for (const issue of issues) {
          result.findings.push(issueFinding(issue, fileFor(issue.template, file), hints, built.loader.sources.get(issue.template)));
        }
        continue;
      }
      if (!config.keepEmpty && isBlank(output)) {
        result.empty.push({ input: action.input, path: action.output });
        continue;
      }
      result.outputs.push({
        path: action.output,
        input: action.input,
        kind: 'render',
        bytes: Buffer.from(output, 'utf8'),
        meta: config.copyMetadata ? metaOf(action.input) : null,
      });
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      result.findings.push({
        code: errorCode(e.pyType),
        severity: 'error',
        message: `${e.pyType}: ${e.message}`,
        file: fileFor(e.templateName, file),
        ...(e.lineno !== undefined ? { line: e.lineno } : {}),
        ...(e.col !== undefined ? { col: e.col } : {}),
      });
    }
  }
  return result;
}
