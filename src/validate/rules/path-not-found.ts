// A Flux Kustomization whose spec.path does not exist in the repository (kustomize-controller: "kustomization path
// not found"). The build finds these; this rule reports them at the spec.path line.
import type { Finding } from '../../core/finding.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const CODES = ['path-not-found', 'path-outside-repository'];

export const pathNotFound: Rule = {
  code: 'path-not-found',
  severity: 'error',
  description: 'a Flux Kustomization spec.path that does not exist in the repository (or leaves it)',
  scope: 'repository',
  replaces: CODES,
  run(model) {
    const out: Finding[] = [];
    for (const k of model.kustomizations) {
      for (const f of k.build?.findings ?? []) {
        if (!CODES.includes(f.code)) continue;
        const r = k.resource.namespace ? k.resource : { ...k.resource, namespace: k.ks.namespace };
        const what = f.code === 'path-not-found' ? 'does not exist' : 'leaves the repository';
        out.push(
          fieldFinding(model, pathNotFound, r, ['spec', 'path'], `${describe(r)}: spec.path ${JSON.stringify(k.ks.path)} ${what}`, 'fix spec.path; it is relative to the repository root (e.g. ./kubernetes/apps/<namespace>/<app>/app)'),
        );
      }
    }
    return out;
  },
};
