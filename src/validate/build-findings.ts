// What of the build reaches the report: its findings for the Kustomizations checked (minus those a rule reports itself,
// better located), remote resources saying they are not validated, Kustomizations nothing applies, and the cluster
// directories of a repository with several clusters.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { BuildResult } from '../flux/build.js';
import { ksKey } from '../flux/model.js';
import { dirOf } from '../flux/repo.js';
import type { UnappliedKustomization } from '../flux/repo.js';
import type { ValidationModel } from './model.js';
import type { Rule } from './rule.js';

export function unappliedFinding(u: UnappliedKustomization): Finding {
  const n = u.declares.length;
  const more = n ? ` (nor the ${n} Kustomization${n === 1 ? '' : 's'} it declares)` : '';
  return {
    code: 'kustomization-unapplied',
    severity: 'info',
    message: `Kustomization ${ksKey(u.ks)} is not applied: its file is inside spec.path of Kustomization ${ksKey(u.within)} (${dirOf(u.within)}), whose kustomization does not list it; not validated${more}`,
    file: u.ks.origin.file,
    line: u.ks.origin.line,
    hint: 'list it in the kustomization.yaml of that folder to deploy it, or delete it',
  };
}

/** Cluster directories of a repository with several clusters (each defines the same root Kustomizations). */
export function clusterEntries(findings: readonly Finding[]): string[] {
  const dirs = new Set<string>();
  for (const f of findings) {
    const files = f.code === 'duplicate-kustomization' ? f.data?.['files'] : undefined;
    if (Array.isArray(files)) for (const file of files) dirs.add(posix.dirname(file));
  }
  return [...dirs].sort();
}

/** Build findings of the checked Kustomizations, minus what rules report themselves, plus unapplied ones. */
export function buildFindings(result: BuildResult, model: ValidationModel, rules: readonly Rule[]): Finding[] {
  const replaced = new Set(rules.flatMap((r) => r.replaces ?? []));
  replaced.add('duplicate-kustomization'); // several clusters: each is validated on its own
  replaced.add('kustomization-unapplied'); // the build's say "not built"; the model's below say "not validated"
  const out = [...result.findings, ...model.units.flatMap((u) => u.findings)].filter((f) => !replaced.has(f.code)).map(offline);
  return [...out, ...model.unapplied.map(unappliedFinding)];
}

/** A Kustomization that needs the network to build (a warning from the build) is left out of the checks, and says so. */
function offline(f: Finding): Finding {
  return f.code === 'remote-resource' ? { ...f, message: `${f.message} (its resources are not validated)` } : f;
}
