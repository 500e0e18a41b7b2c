// A `${VAR}` without a default that no postBuild.substitute or substituteFrom source defines: Flux substitutes the
// empty string (and Flux 2.9 with strict substitution fails the Kustomization). The build knows which variables are
// unset per Kustomization; this rule finds each use in the source files so the finding points at the line to fix.
import type { Finding } from '../../core/finding.js';
import { isSubstitutionDisabled } from '../../flux/varsub.js';
import type { ModelResource, ValidationModel } from '../model.js';
import { refOf } from '../model.js';
import type { Rule } from '../rule.js';

const code = 'undefined-variable';

/** Variable names of the build's finding (its `data.variables`). */
function unsetNames(f: Finding): string[] {
  const v = f.data?.['variables'];
  return Array.isArray(v) ? v : [];
}

/** Uses of `name` that take no default: `${NAME}`, `${NAME/a/b}`, `${NAME^^}`, `${NAME:0:3}`; not `$${NAME}`. */
function usePattern(name: string): RegExp {
  return new RegExp(`(?<!\\$)\\$\\{${name}(?=\\}|/|\\^|,|:[0-9])`, 'g');
}

function uses(model: ValidationModel, r: ModelResource, names: string[]): Finding[] {
  const doc = model.locator.documentLines(r.origin);
  if (!doc) return [];
  const out: Finding[] = [];
  for (const name of names) {
    const re = usePattern(name);
    doc.lines.forEach((text, i) => {
      if (/^\s*#/.test(text)) return;
      for (const hit of text.matchAll(re)) {
        out.push({
          code,
          severity: 'error',
          message: `\${${name}} has no value: Kustomization ${r.unit} defines no such variable, so Flux substitutes the empty string`,
          resource: refOf(r),
          file: r.origin.file,
          line: doc.first + i,
          col: (hit.index ?? 0) + 1,
          hint: `define ${name} in the Kustomization's postBuild.substitute or in a substituteFrom ConfigMap/Secret (e.g. cluster-settings), or give it a default: \${${name}:=value}`,
          data: { variable: name },
        });
      }
    });
  }
  return out;
}

export const undefinedVariable: Rule = {
  code,
  severity: 'error',
  description: 'a ${VAR} without a default that no postBuild.substitute or substituteFrom source defines',
  scope: 'repository',
  replaces: [code],
  run(model) {
    const out: Finding[] = [];
    for (const k of model.kustomizations) {
      const reported = k.build?.findings.filter((f) => f.code === code) ?? [];
      if (reported.length === 0) continue;
      const names = [...new Set(reported.flatMap(unsetNames))];
      const found: Finding[] = [];
      const seen = new Set<string>();
      for (const r of model.resources) {
        if (r.unit !== k.ks.namespace + '/' + k.ks.name || isSubstitutionDisabled(r.object)) continue;
        const key = `${r.origin.file}:${r.origin.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(...uses(model, r, names));
      }
      // used only where the source text is not the resource's own (generated files): report at the Kustomization
      const located = new Set(found.map((f) => f.data?.['variable']));
      const missing = names.filter((n) => !located.has(n));
      for (const f of reported) {
        if (missing.length === 0) continue;
        const message = `${f.message} (${missing.map((n) => '${' + n + '}').join(', ')} not in the source files of its objects: look in its patches and generated files)`;
        out.push({ ...f, severity: 'error', message, data: { variables: missing } });
      }
      out.push(...found);
    }
    return out;
  },
};
