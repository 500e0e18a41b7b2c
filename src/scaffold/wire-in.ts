// Wiring the new app in: one entry added to its namespace kustomization, or, for a namespace new here, the
// namespace folder and its entry in whatever lists the namespace folders.
import { posix } from 'node:path';
import type { NewFile } from './context.js';
import { planNamespace } from './namespace-folder.js';
import type { AppPlan } from './plan-app.js';
import type { RepoIndex } from './repo-scan.js';
import { insertResource } from './wire.js';

/** The edit that lists the app in its namespace kustomization, or a new namespace folder with its entry. */
export function wireIn(idx: RepoIndex, plan: AppPlan, read: (path: string) => string | undefined, blockStart?: string): { files: NewFile[] } {
  const { ctx } = plan;
  const text = read(ctx.wiring);
  const wopts = blockStart ? { blockStart } : {};
  if (text !== undefined) return { files: [{ path: ctx.wiring, text: insertResource(text, ctx.entry, wopts).text, role: 'namespace-kustomization' }] };
  const ns = planNamespace(idx, ctx.apps, ctx.layout, ctx.ns, ctx.entry, { read, prefer: plan.modelNamespaces, ...(blockStart ? { blockStart } : {}) });
  const files = [...ns.files];
  for (const p of ns.parentEntries) {
    const t = read(p.path);
    if (t !== undefined) files.push({ path: p.path, text: insertResource(t, p.entry, wopts).text, role: 'namespace-kustomization' });
  }
  plan.notes.push(`new namespace ${ctx.ns}: ${posix.dirname(ctx.wiring)}/`);
  return { files };
}

