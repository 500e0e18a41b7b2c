// Repositories that render kubernetes/ from makejinja templates get the new app in the template tree: each new
// file becomes a template beside its sibling's (wrapped in the namespace's `if` when the namespace itself is
// optional, with the sibling's `include` lines where the sibling has them), and `configure()` renders the result.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { HopsError } from '../core/errors.js';
import { hasErrors } from '../core/finding.js';
import { resolveConfig } from '../render/config/resolve.js';
import type { ResolvedConfig } from '../render/config/resolve.js';
import { configure } from '../render/configure.js';
import { prepare } from '../render/prepare.js';

export interface TemplateRepo {
  config: ResolvedConfig;
  /** Input folders, repository-relative (left out of the repository scan). */
  inputDirs: string[];
}

export interface TemplateFile {
  /** Repository-relative path of the template (or plain copied file). */
  path: string;
  rendered: boolean;
}

export function detectTemplates(root: string, env: Record<string, string | undefined>): TemplateRepo | undefined {
  if (!existsSync(join(root, 'makejinja.toml'))) return undefined;
  const { config, findings } = resolveConfig({ root, cwd: root, env });
  if (hasErrors(findings) || config.stdout) return undefined;
  const inputDirs = config.inputs.map((p) => relative(root, p)).filter((p) => p && !p.startsWith('..'));
  return { config, inputDirs };
}

/** The template an output file comes from, if any. */
export function templateOf(t: TemplateRepo, root: string, outPath: string): TemplateFile | undefined {
  const rel = relative(t.config.output, join(root, outPath));
  if (rel.startsWith('..')) return undefined;
  for (const input of t.config.inputs) {
    const file = join(input, rel);
    if (t.config.jinjaSuffix && existsSync(file + t.config.jinjaSuffix)) return { path: relative(root, file + t.config.jinjaSuffix), rendered: true };
    if (existsSync(file)) return { path: relative(root, file), rendered: false };
  }
  return undefined;
}

/** Where the template of a new output goes: in the input folder of `like` (a sibling's template), same suffix rule. */
export function newTemplatePath(t: TemplateRepo, root: string, outPath: string, like: TemplateFile): string {
  const input = t.config.inputs.find((i) => join(root, like.path).startsWith(i + '/'))!;
  const rel = relative(t.config.output, join(root, outPath));
  return relative(root, join(input, rel)) + (like.rendered ? t.config.jinjaSuffix : '');
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `if` line and `endif` line when the whole template sits inside one `if` block. */
export function wholeFileCondition(t: TemplateRepo, text: string): [string, string] | undefined {
  const { blockStart: bs, blockEnd: be } = t.config.syntax;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const first = lines[0]?.trim() ?? '';
  const last = lines[lines.length - 1]?.trim() ?? '';
  if (!new RegExp(`^${esc(bs)}-?\\s*if\\b.*${esc(be)}$`).test(first) || !new RegExp(`^${esc(bs)}-?\\s*endif\\s*-?${esc(be)}$`).test(last)) return undefined;
  let depth = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i]!.trim();
    if (new RegExp(`^${esc(bs)}-?\\s*if\\b`).test(l)) depth++;
    else if (new RegExp(`^${esc(bs)}-?\\s*endif\\b`).test(l)) depth--;
    if (depth === 0) return undefined;
  }
  return [first, last];
}

/** Lines of a template that include a partial, and the partial's name. */
export function includeLines(t: TemplateRepo, text: string): Array<{ line: string; name: string }> {
  const { blockStart: bs, blockEnd: be } = t.config.syntax;
  const re = new RegExp(`^\\s*${esc(bs)}-?\\s*include\\s+['"]([^'"]+)['"]\\s*-?${esc(be)}\\s*$`);
  return text.split('\n').flatMap((line) => {
    const m = re.exec(line);
    return m ? [{ line, name: m[1]! }] : [];
  });
}

/** Renders partials (by template name) with the repository's data, to find their output in generated text. */
export async function renderPartials(t: TemplateRepo, root: string, env: Record<string, string | undefined>, names: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!names.length) return out;
  const p = await prepare({ root, cwd: root, env });
  if (!p.ok) return out;
  try {
    for (const name of names) {
      try {
        const r = p.prepared.built.env.getTemplate(name).renderCollect();
        if (r.issues.length === 0) out.set(name, r.output);
      } catch {
        // a partial that needs its caller's variables cannot be matched; the text stays as generated
      }
    }
  } finally {
    p.prepared.close();
  }
  return out;
}

/** Plain YAML → template text: the condition around it, includes where their output appears, raw where needed. */
export function templatize(t: TemplateRepo, text: string, opts: { condition?: [string, string]; partials?: Map<string, { line: string; output: string }> }): string {
  let body = text;
  for (const { line, output } of opts.partials?.values() ?? []) {
    if (output.trim() && body.includes(output)) body = body.replace(output, line.trimEnd() + '\n');
  }
  const s = t.config.syntax;
  const raw = [s.blockStart, s.variableStart, s.commentStart].some((d) => d && text.includes(d));
  if (raw) body = `${s.blockStart} raw ${s.blockEnd}\n${body}${s.blockStart} endraw ${s.blockEnd}\n`;
  if (opts.condition) body = `${opts.condition[0]}\n${body}${opts.condition[1]}\n`;
  return body;
}

/**
 * Renders the repository with the new templates placed first among the inputs (nothing in the repository is
 * written) and returns every output that would change; anything besides `expected` changing means the rendered
 * tree was already out of date, and the app is not added on top of that.
 */
export async function renderWith(t: TemplateRepo, root: string, env: Record<string, string | undefined>, templates: ReadonlyMap<string, string>, expected: ReadonlySet<string>): Promise<Map<string, string>> {
  const tmp = mkdtempSync(join(tmpdir(), 'hops-new-app-'));
  try {
    const firstInput = t.config.inputs[0]!;
    for (const [path, text] of templates) {
      const input = t.config.inputs.find((i) => join(root, path).startsWith(i + '/')) ?? firstInput;
      const target = join(tmp, relative(input, join(root, path)));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const result = await configure({ root, cwd: root, env, dryRun: true, overrides: { inputs: [tmp, ...t.config.inputs] } });
    if (hasErrors(result.findings)) {
      throw new HopsError('rendering the templates with the new app failed; nothing written', { findings: result.findings.filter((f) => f.severity === 'error') });
    }
    const changed = new Map<string, string>();
    const unexpected: string[] = [];
    for (const c of result.changes) {
      const path = posix.normalize(c.path);
      if (expected.has(path) && c.after) changed.set(path, c.after.toString('utf8'));
      else if (c.kind === 'create' || c.kind === 'update') unexpected.push(`${c.kind} ${path}`);
    }
    if (unexpected.length) {
      throw new HopsError(`the rendered files are out of date with their templates (${unexpected.slice(0, 5).join(', ')}${unexpected.length > 5 ? ', …' : ''}); nothing written`, {
        hint: 'run `hops configure` and commit its output first, then add the app',
      });
    }
    return changed;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
