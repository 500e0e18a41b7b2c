// Shared by secret-missing, configmap-missing and pvc-missing: every reference of one kind that nothing in the
// repository produces in the target namespace. Sure absences are errors; a chart or operator that may create the
// object at run time, or a Kustomization that failed to build, makes it a warning that names the suspect.
import type { Finding } from '../core/finding.js';
import { absence } from './absence.js';
import type { ValidationModel } from './model.js';
import { collectProducers } from './producers.js';
import { ANY_NAMESPACE, collectReferences } from './references.js';
import type { RefKind, Reference } from './references.js';
import { describe, fieldFinding } from './rule.js';
import type { Rule } from './rule.js';

const cache = new WeakMap<ValidationModel, Reference[]>();

function references(model: ValidationModel): Reference[] {
  let refs = cache.get(model);
  if (!refs) cache.set(model, (refs = collectReferences(model)));
  return refs;
}

export function missingReferences(model: ValidationModel, rule: Rule, kind: RefKind, hint: (ref: Reference) => string): Finding[] {
  const refs = references(model);
  const producers = collectProducers(model);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (ref.kind !== kind || producers.has(kind, ref.namespace, ref.name)) continue;
    // one finding per field (a resource built for two clusters is still one line to fix)
    const key = `${ref.from.kind}/${ref.from.namespace}/${ref.from.name}/${ref.path.join('.')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const maybe = producers.maybe(kind, ref.namespace, ref.name);
    const { severity, note } = absence(model, ref.name, maybe ? 'warning' : 'error');
    const where = ref.helmRelease ? `values ${ref.via}` : ref.via;
    out.push(
      fieldFinding(
        model,
        rule,
        ref.from,
        ref.path,
        `${describe(ref.from)}: ${where} refers to ${kind} ${ref.name}, which nothing ${ref.namespace === ANY_NAMESPACE ? 'in the repository' : `in namespace ${ref.namespace}`} creates${maybe ? ` (unless ${maybe})` : ''}${note}`,
        hint(ref),
        severity,
      ),
    );
  }
  return out;
}
