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
  /** Why the Kustomization is not compared (status `failed`). */
  failure?: KsFailure;
}

/**
 * A Kustomization that fails to build on a side, or is not built there because one above it fails. Flux applies
 * nothing of it (and prunes nothing) until it builds, so its objects are not compared.
 */
export interface KsFailure {
  /** The side it fails on: `new` (the working tree or folder), `old` (the ref or --path-orig), or `both`. */
  side: 'new' | 'old' | 'both';
  /** The code of the finding that says why (`kustomize-build-failed`, `parent-failed`, ...). */
  code: string;
  reason: string;
  file?: string;
  line?: number;
  /** The Kustomization above it that fails (`parent-failed`). */
  parent?: string;
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
