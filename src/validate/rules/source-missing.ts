// Flux sources that are referred to but not defined: HelmRelease chartRef and chart.spec.sourceRef, Flux Kustomization
// sourceRef. The bootstrap source (GitRepository flux-system of `flux bootstrap`, or the one a FluxInstance's sync
// creates) is never in the repository and is taken to exist.
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap, YValue } from '../../core/resource.js';
import type { PathElement } from '../../io/yaml-read.js';
import { absence } from '../absence.js';
import { createdByFluxInstance } from '../flux-instance.js';
import type { ModelResource, ValidationModel } from '../model.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

function check(model: ValidationModel, r: ModelResource, ref: YMap, path: PathElement[], what: string, defaultKind: string, out: Finding[]): void {
  const kind = s(ref['kind']) || defaultKind;
  const name = s(ref['name']);
  const namespace = s(ref['namespace']) || r.namespace;
  if (!name || name.includes('${') || (kind === 'GitRepository' && name === 'flux-system')) return;
  if (model.find(kind, namespace, name).length > 0 || createdByFluxInstance(model, kind, namespace, name)) return;
  const { severity, note } = absence(model, name);
  out.push(
    fieldFinding(
      model,
      sourceMissing,
      r,
      path,
      `${describe(r)}: ${what} ${kind} ${namespace}/${name} is not defined in the repository${note}`,
      `add the ${kind} (namespace ${namespace}) or fix the ${what}`,
      severity,
    ),
  );
}

export const sourceMissing: Rule = {
  code: 'source-missing',
  severity: 'error',
  description: 'HelmRelease chartRef / chart.spec.sourceRef or Flux Kustomization sourceRef names a source that is not defined',
  scope: 'repository',
  run(model) {
    const out: Finding[] = [];
    for (const r of model.byKind('HelmRelease')) {
      if (r.group !== 'helm.toolkit.fluxcd.io') continue;
      const spec = m(r.object['spec']);
      if (isMap(spec['chartRef'])) check(model, r, spec['chartRef'], ['spec', 'chartRef', 'name'], 'chartRef', 'OCIRepository', out);
      const ref = m(m(spec['chart'])['spec'])['sourceRef'];
      if (isMap(ref)) check(model, r, ref, ['spec', 'chart', 'spec', 'sourceRef', 'name'], 'chart.spec.sourceRef', 'HelmRepository', out);
    }
    for (const k of model.kustomizations) {
      const ref = m(m(k.resource.object['spec'])['sourceRef']);
      const r = k.resource.namespace ? k.resource : { ...k.resource, namespace: k.ks.namespace };
      check(model, r, ref, ['spec', 'sourceRef', 'name'], 'sourceRef', 'GitRepository', out);
    }
    return out;
  },
};
