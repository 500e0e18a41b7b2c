// Where a Flux Kustomization's spec.path leads in the repository (never outside it).
import { posix } from 'node:path';

/** An absolute path relative to the repository root ('.' for the root). */
export const repoRelative = (root: string, abs: string): string => posix.relative(root, abs) || '.';

/** spec.path relative to the repository root ('.' for the root), as the build reads it; null when it leaves the repository. */
export function specPathDir(root: string, path: string): string | null {
  const abs = posix.normalize(posix.join(root, path.replace(/^\.?\/?/, '') || '.'));
  if (abs !== root && !abs.startsWith(root + '/')) return null;
  return repoRelative(root, abs);
}
