// What `diff()` returns: object differences grouped by Flux Kustomization, plus what was (not) built and why.
import type { Finding } from '../core/finding.js';
import type { ObjectDiff } from './compare.js';

export type DiffRequest = { mode: 'all' } | { mode: 'ks'; name: string; namespace?: string } | { mode: 'hr'; name: string; namespace?: string };

export type KsStatus = 'added' | 'removed' | 'changed' | 'unchanged' | 'failed';

export interface KsSummary {
  /** `namespace/name` of the Flux Kustomization. */
  id: string;
  status: KsStatus;
  /** spec.path built (the after side's when it exists). */
  path: string;
  added: number;
  removed: number;
  changed: number;
}

export interface DiffResult {
  /** Labels of the two sides (`main`, `working tree`, a folder). */
  from: string;
  to: string;
  /** Differences in output order: Kustomizations by id, objects in build order, removed ones last. */
  objects: ObjectDiff[];
  kustomizations: KsSummary[];
  /** Kustomizations not rebuilt because nothing they read changed (changed-only mode). */
  skipped: number;
  /** Things the reader should know about how the diff was made (e.g. a HelmRelease not rendered). */
  notes: string[];
  findings: Finding[];
  /** False when the new side could not be built completely (exit code 2). */
  ok: boolean;
  stats: { changedFiles: number | null; builtBefore: number; builtAfter: number; ms: number };
}

export function hasChanges(r: DiffResult): boolean {
  return r.objects.length > 0;
}
