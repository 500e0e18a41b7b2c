// ExternalSecret / ClusterExternalSecret / PushSecret store references to a SecretStore (same namespace) or
// ClusterSecretStore that does not exist: the ExternalSecret never syncs ("SecretStore ... not found").
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap, YValue } from '../../core/resource.js';
import type { PathElement } from '../../io/yaml-read.js';
import { absence } from '../absence.js';
import type { ModelResource, ValidationModel } from '../model.js';
import { collectProducers } from '../producers.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

const s = (v: YValue | undefined): string => (typeof v === 'string' ? v : '');
const m = (v: YValue | undefined): YMap => (isMap(v) ? v : {});

interface StoreRef {
  kind: string;
  name: string;
  path: PathElement[];
}

function storeRefs(r: ModelResource): StoreRef[] {
  const spec = m(r.object['spec']);
  const out: StoreRef[] = [];
  const add = (ref: YValue | undefined, path: PathElement[]): void => {
    if (!isMap(ref) || !s(ref['name'])) return;
    out.push({ kind: s(ref['kind']) || 'SecretStore', name: s(ref['name']), path: [...path, 'name'] });
  };
  const es = r.kind === 'ClusterExternalSecret' ? m(spec['externalSecretSpec']) : spec;
  const base: PathElement[] = r.kind === 'ClusterExternalSecret' ? ['spec', 'externalSecretSpec'] : ['spec'];
  if (r.kind === 'PushSecret') {
    const list = spec['secretStoreRefs'];
    if (Array.isArray(list)) list.forEach((ref, i) => add(ref, ['spec', 'secretStoreRefs', i]));
    return out;
  }
  add(es['secretStoreRef'], [...base, 'secretStoreRef']);
  for (const field of ['data', 'dataFrom']) {
    const list = es[field];
    if (Array.isArray(list)) list.forEach((d, i) => add(m(m(d)['sourceRef'])['storeRef'], [...base, field, i, 'sourceRef', 'storeRef']));
  }
  return out;
}

export const secretStoreMissing: Rule = {
  code: 'secret-store-missing',
  severity: 'error',
  description: 'an ExternalSecret (or ClusterExternalSecret, PushSecret) names a SecretStore or ClusterSecretStore that does not exist',
  scope: 'repository',
  run(model: ValidationModel) {
    const out: Finding[] = [];
    const producers = collectProducers(model);
    for (const kind of ['ExternalSecret', 'ClusterExternalSecret', 'PushSecret']) {
      for (const r of model.byKind(kind)) {
        if (!r.group.startsWith('external-secrets.io')) continue;
        for (const ref of storeRefs(r)) {
          if (ref.name.includes('${') || ref.name.includes('{{')) continue;
          // a ClusterExternalSecret's SecretStore lives in each target namespace: not checked
          if (ref.kind === 'SecretStore' && r.kind === 'ClusterExternalSecret') continue;
          if (ref.kind !== 'SecretStore' && ref.kind !== 'ClusterSecretStore') continue;
          if (model.find(ref.kind, r.namespace, ref.name).length > 0) continue;
          const maybe = ref.kind === 'SecretStore' ? producers.maybe('Secret', r.namespace, ref.name) : undefined;
          const { severity, note } = absence(model, ref.name, maybe ? 'warning' : 'error');
          const where = ref.kind === 'SecretStore' ? ` in namespace ${r.namespace}` : '';
          out.push(
            fieldFinding(
              model,
              secretStoreMissing,
              r,
              ref.path,
              `${describe(r)}: ${ref.kind} ${ref.name} does not exist${where}${maybe ? ` (unless ${maybe})` : ''}${note}`,
              `define ${ref.kind} ${ref.name}${where}, or point ${ref.path.slice(0, -1).join('.')} at an existing store (kind defaults to SecretStore)`,
              severity,
            ),
          );
        }
      }
    }
    return out;
  },
};
