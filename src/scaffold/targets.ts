// What to build to check the new app (its own Flux Kustomization, or the one that applies its folder) and what
// the user does next.
import { HopsError } from '../core/errors.js';
import { KUSTOMIZE_GROUP } from '../flux/model.js';
import { normPath } from './apps.js';
import type { NewFile, PlannedWrite } from './context.js';
import type { AppPlan } from './plan-app.js';
import { docsOfKind, map, metaName, metaNamespace, str } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';

export function ksNamespace(files: readonly NewFile[], fallback: string): string {
  const ks = files.find((f) => f.role === 'ks');
  const m = ks ? /^metadata:\n(?:[ \t].*\n)*?[ \t]+namespace:[ \t]*&?\S*[ \t]*(\S+)/m.exec(ks.text) : null;
  return m ? m[1]!.replace(/^["']|["']$/g, '') : fallback;
}

/** Without a Flux Kustomization per app: the one whose path holds the app folder (the deepest). */
export function ownerKs(idx: RepoIndex, appDir: string): { name: string; namespace: string; own: boolean } {
  let best: { name: string; namespace: string; depth: number } | undefined;
  for (const d of docsOfKind(idx, 'Kustomization', KUSTOMIZE_GROUP)) {
    const p = normPath(str(map(d.object['spec'])['path']));
    if (p !== '.' && !appDir.startsWith(p + '/')) continue;
    if (!best || p.length > best.depth) best = { name: metaName(d.object), namespace: metaNamespace(d.object) || 'flux-system', depth: p.length };
  }
  if (!best) throw new HopsError(`no Flux Kustomization applies ${appDir}`);
  return { name: best.name, namespace: best.namespace, own: false };
}

export function nextSteps(plan: AppPlan, templated: boolean, writes: readonly PlannedWrite[]): string[] {
  const { ctx } = plan;
  const steps: string[] = [];
  if (templated) steps.push('hops configure            # re-render: the new files are already up to date');
  steps.push(ctx.ksFile ? `hops build ks ${ctx.ksName}` : `hops build path ${ctx.appDir}`);
  steps.push('hops validate');
  steps.push('hops diff');
  const paths = [...new Set(writes.map((w) => w.path))];
  steps.push(`git add ${paths.join(' ')} && git commit -m "feat(${ctx.ns}): add ${ctx.app}"`);
  return steps;
}
