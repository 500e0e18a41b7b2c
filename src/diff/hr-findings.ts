// Findings of `hops diff hr` about post-renderers, kept apart from the rendering itself (hr.ts).
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import type { Item } from './compare.js';

const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});
const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');

/** A side on which a HelmRelease's post-rendering failed. */
export interface PostRenderFailure {
  which: 'before' | 'after';
  id: string;
  label: string;
  message: string;
  hr: Item;
}

/**
 * A post-renderer that fails makes helm-controller fail the release: an error on the new side, a warning when the
 * old side failed the same way (already broken) or only the old side failed (as for a Kustomization's build). As for
 * a Kustomization that fails to build, the release's rendered manifests are then not compared (hr.ts).
 */
export function postRenderFindings(failed: readonly PostRenderFailure[]): Finding[] {
  const same = (f: PostRenderFailure, which: PostRenderFailure['which']): boolean => failed.some((o) => o.which === which && o.id === f.id && o.message === f.message);
  // the same failure on both sides is reported once, from the new side
  return failed.filter((f) => f.which === 'after' || !same(f, 'after')).map((f) => {
    const already = f.which === 'after' && same(f, 'before');
    const meta = m(f.hr.object['metadata']);
    return {
      code: 'post-render-failed',
      severity: f.which === 'after' && !already ? 'error' : 'warning',
      message: `HelmRelease ${f.id} (${f.label}): post-rendering failed${already ? ' (as on the old side)' : ''}: ${f.message}; its rendered manifests are not compared (helm-controller does not upgrade a release whose post-rendering fails: the cluster keeps the last release)`,
      resource: { apiVersion: s(f.hr.object['apiVersion']), kind: 'HelmRelease', namespace: s(meta['namespace']), name: s(meta['name']) },
      ...(f.hr.origin ? { file: f.hr.origin.file, line: f.hr.origin.line } : {}),
      hint: 'fix the patch or its target under spec.postRenderers; helm-controller fails the release the same way',
    };
  });
}
