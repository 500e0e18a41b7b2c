// Flux's post-build step: variable substitution in every resource of a build (postBuild.substitute and
// substituteFrom, collected by the caller's `vars`), after kustomize build and before commonMetadata.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { Resource, YMap } from '../core/resource.js';
import type { KsBuildContext } from './build-ks.js';
import { UNKNOWN } from './envsubst.js';
import type { FluxKustomization, PostBuild } from './model.js';
import { sourceLine, substituteResource, VarsubError } from './varsub.js';

/** Why substitution failed for one resource: the build fails with this (its message is prefixed by the caller). */
export interface SubstitutionFailure {
  message: string;
  hint: string;
}

/**
 * The resources with variables substituted; notes (the variable lookups', variables without value) go to `findings`.
 * `name` is how the Kustomization is named in them.
 */
export async function substitutePostBuild(
  ks: FluxKustomization,
  postBuild: PostBuild,
  resources: Resource[],
  ctx: Pick<KsBuildContext, 'fs' | 'root' | 'strict' | 'vars'>,
  findings: Finding[],
  name: string,
): Promise<Resource[] | SubstitutionFailure> {
  const vars = await ctx.vars(ks);
  findings.push(...vars.findings);
  // with an unresolved source, a variable without value may well be defined in the cluster: keep it as written
  const values = vars.incomplete ? withUnknownFallback(vars.values) : vars.values;
  // an unresolved source would provide variables in the cluster, so substitution runs there
  const always = postBuild.strategy === 'Always' || vars.incomplete;
  const unset = new Set<string>();
  const out: Resource[] = [];
  for (const r of resources) {
    try {
      const s = substituteResource(r.object, values, { always, strict: ctx.strict, secretVars: vars.secret });
      if (s.status === 'substituted') {
        s.unset.forEach((v) => unset.add(v));
        out.push({ object: s.object, origin: r.origin });
      } else out.push(r);
    } catch (e) {
      if (!(e instanceof VarsubError)) throw e;
      const id = `${String(r.object['kind'])}/${String((r.object['metadata'] as YMap)['name'])}`;
      const where = `${r.origin.file}:${errorLine(ctx, r, e)}`;
      return {
        message: `post build failed for '${id}' (${where}): ${e.message}${e.excerpt ? ` near \`${e.excerpt}\`` : ''}`,
        hint: 'fix the ${...} expression, or label the resource kustomize.toolkit.fluxcd.io/substitute: disabled',
      };
    }
  }
  if (unset.size > 0) {
    findings.push({
      code: 'undefined-variable',
      severity: 'warning',
      message: `${name}: ${[...unset].map((v) => '${' + v + '}').join(', ')} ha${unset.size === 1 ? 's' : 've'} no value and no default; Flux substitutes the empty string`,
      file: ks.origin.file,
      line: ks.origin.line,
      data: { variables: [...unset] },
      hint: 'define the variable in postBuild.substitute or a substituteFrom source, or give it a default ${VAR:=value}',
    });
  }
  return out;
}

/** The line of the resource's file where a failing substitution is written (its document's first line at worst). */
function errorLine(ctx: Pick<KsBuildContext, 'fs' | 'root'>, r: Resource, e: VarsubError): number {
  let text: string;
  try {
    text = ctx.fs.readText(posix.join(ctx.root, r.origin.file));
  } catch {
    return Math.max(r.origin.line, 1);
  }
  return sourceLine(text, r.origin.line, e.expression);
}

function withUnknownFallback(values: Map<string, string | typeof UNKNOWN>): Map<string, string | typeof UNKNOWN> {
  const m = new Map(values);
  m.get = (k: string) => (values.has(k) ? values.get(k) : UNKNOWN);
  return m;
}
