// The app-template values of a new app: the chart version's values shape, the sibling's naming, the repository's
// domain and gateway (or ingress habits), the claims and the secret.
import { UsageError } from '../core/errors.js';
import type { YMap } from '../core/resource.js';
import { specOf } from './apps.js';
import type { ResolvedChart } from './chart.js';
import type { GenContext } from './context.js';
import { appTemplateValues } from './generate-hr.js';
import { learnDomain, learnParentRefs, usesReleaseName } from './learn.js';
import type { AppRequest } from './plan-app.js';
import { majority, map } from './repo-scan.js';
import { buildValues, familyOf, ingressHabit, namingOf } from './values.js';

export function planValues(
  ctx: GenContext,
  chart: ResolvedChart,
  req: AppRequest,
  claims: ReadonlyArray<{ name: string; claim: string }>,
  envFromSecret: string | undefined,
  notes: string[],
): { values: YMap; nameOverride: boolean } {
  const { idx, sibling } = ctx;
  const family = familyOf(chart.version);
  const sv = map(specOf(sibling.hr)['values']);
  const naming = namingOf(sv, sibling.name, req.name, family);
  let host: string | undefined;
  if (req.route !== undefined) {
    if (req.route.includes('.')) host = req.route;
    else {
      const domain = learnDomain(idx);
      if (!domain) throw new UsageError(`cannot tell which domain ${req.route} belongs to: no app here is served under one`, `give the full host name, e.g. --route ${req.route}.example.com`);
      host = `${usesReleaseName(sv) && req.route === req.name ? '{{ .Release.Name }}' : req.route}.${domain}`;
      notes.push(`host ${host}`);
    }
  }
  const all = appTemplateValues(ctx, chart.name);
  const usual = majority(all.map((v) => (v['route'] ? 'route' : v['ingress'] ? 'ingress' : '')).filter(Boolean)) as 'route' | 'ingress' | undefined;
  const exposeWith = sv['route'] ? 'route' : sv['ingress'] ? 'ingress' : (usual ?? 'route');
  const parentRefs = learnParentRefs(idx, sibling);
  if (host && exposeWith === 'route' && family !== 'v1' && family !== 'v2' && !parentRefs) {
    throw new UsageError('cannot tell which Gateway the route should attach to: no app here has a route', 'add the route to the HelmRelease by hand, or leave out --route');
  }
  const ingress = ingressHabit(sv, all);
  const values = buildValues(
    {
      family,
      app: req.name,
      ...(req.image ? { image: req.image } : {}),
      ...(req.port !== undefined ? { port: req.port } : {}),
      ...(host ? { host } : {}),
      exposeWith,
      ...(parentRefs ? { parentRefs } : {}),
      ...(ingress ? { ingress } : {}),
      persistence: [...claims],
      ...(envFromSecret ? { envFromSecret } : {}),
    },
    naming,
  );
  return { values, nameOverride: naming.nameOverride && family === 'v1' };
}
