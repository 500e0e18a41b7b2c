// The template-tree half of `new app` in a makejinja repository: the planned files as templates beside the
// sibling's, the wiring edit made in the namespace kustomization's template, and the whole tree rendered by
// configure() so the files written to kubernetes/ are exactly what `hops configure` will produce.
import { posix } from 'node:path';
import type { NewFile, PlannedWrite } from './context.js';
import { wireIn } from './wire-in.js';
import type { AppPlan } from './plan-app.js';
import type { RepoIndex } from './repo-scan.js';
import type { TemplateFile, TemplateRepo } from './template-mode.js';
import { includeLines, newTemplatePath, renderPartials, renderWith, templateOf, templatize, wholeFileCondition } from './template-mode.js';

export async function renderTemplates(t: TemplateRepo, root: string, env: Record<string, string | undefined>, idx: RepoIndex, plan: AppPlan): Promise<{ outputs: Map<string, string>; writes: PlannedWrite[] }> {
  const { ctx } = plan;
  const fs = idx.fs;
  const readPath = (rel: string): string | undefined => (fs.isFile(posix.join(root, rel)) ? fs.readText(posix.join(root, rel)) : undefined);
  const templateText = (out: string): string | undefined => {
    const tf = templateOf(t, root, out);
    return tf ? readPath(tf.path) : undefined;
  };
  const blockStart = t.config.syntax.blockStart;
  const likeWiring = templateOf(t, root, ctx.wiring) ?? templateOf(t, root, ctx.sibling.wiredBy!.kust.file)!;
  const likeApp = templateOf(t, root, ctx.sibling.hr.file) ?? likeWiring;
  const likeKs = (ctx.sibling.ks && templateOf(t, root, ctx.sibling.ks.file)) || likeApp;

  // the namespace's own condition (an optional namespace), and the partials the sibling includes
  const wiringText = templateText(ctx.wiring);
  const condition = wiringText !== undefined ? wholeFileCondition(t, wiringText) : undefined;
  if (condition) plan.notes.push(`${posix.dirname(ctx.wiring)}/ is rendered only when ${condition[0]}: the new templates carry the same condition`);
  const siblingTemplates = [likeKs, likeApp].map((l) => readPath(l.path) ?? '');
  const includes = siblingTemplates.flatMap((text) => includeLines(t, text));
  const rendered = await renderPartials(t, root, env, [...new Set(includes.map((i) => i.name))]);
  const partials = new Map<string, { line: string; output: string }>();
  for (const i of includes) {
    const output = rendered.get(i.name);
    if (output !== undefined) partials.set(i.name, { line: i.line, output });
  }

  const templates = new Map<string, string>();
  const kinds = new Map<string, 'app' | 'wiring'>();
  const place = (f: NewFile, like: TemplateFile, kind: 'app' | 'wiring', text: string): void => {
    const existing = templateOf(t, root, f.path);
    const path = existing?.path ?? newTemplatePath(t, root, f.path, like);
    templates.set(path, text);
    kinds.set(path, kind);
  };
  for (const f of plan.files) {
    const like = f.role === 'ks' ? likeKs : likeApp;
    place(f, like, 'app', like.rendered ? templatize(t, f.text, { ...(condition ? { condition } : {}), partials }) : f.text);
  }
  const wiring = wireIn(idx, plan, templateText, blockStart);
  for (const f of wiring.files) place(f, likeWiring, f.role === 'namespace-kustomization' ? 'wiring' : 'app', f.text);

  const expected = new Set([...plan.files, ...wiring.files].map((f) => f.path));
  const outputs = await renderWith(t, root, env, templates, expected);
  const writes: PlannedWrite[] = [];
  for (const [path, text] of templates) writes.push({ path, text, kind: kinds.get(path)!, action: 'create' });
  for (const f of [...plan.files, ...wiring.files]) {
    const text = outputs.get(f.path);
    if (text !== undefined) writes.push({ path: f.path, text, kind: f.role === 'namespace-kustomization' ? 'wiring' : 'app', action: 'create' });
  }
  return { outputs, writes };
}
