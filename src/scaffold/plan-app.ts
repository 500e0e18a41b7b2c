// Read → learn → assemble: from the repository and the request to the new app's files (plain YAML, as they will
// be in the rendered tree), the wiring edit, and what the check should find. Nothing here writes.
import { UsageError } from '../core/errors.js';
import type { YMap } from '../core/resource.js';
import type { DependsOnSpec, ExternalSecretSpec, ImageSpec, PersistenceSpec } from './app-spec.js';
import type { AppInfo } from './apps.js';
import { appFiles, findApps, specOf } from './apps.js';
import type { ChartRequest, ResolvedChart } from './chart.js';
import { resolveChart } from './chart.js';
import type { Expectation } from './check.js';
import type { GenContext, NewFile } from './context.js';
import { externalSecretNames, generateAppKustomization, generateExternalSecret, generatePvcs, plainClaims } from './generate-extras.js';
import { appTemplateValues, generateHelmRelease, generateOciRepository, localSourceName } from './generate-hr.js';
import { generateKs } from './generate-ks.js';
import { SECRET_PROVIDERS, STORAGE_PROVIDERS, learnDomain, learnParentRefs, learnSecretStore, usesReleaseName } from './learn.js';
import type { Feature } from './learn.js';
import { fromPattern, namePattern, renameWithin } from './patterns.js';
import { majority, map, metaName } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';
import { chooseSibling, layoutOf } from './sibling.js';
import { buildValues, familyOf, ingressHabit, namingOf } from './values.js';
import { claimName, componentVars, findVolumeComponents, volumeUse } from './volume-component.js';
import type { ComponentUse } from './volume-component.js';

export interface AppRequest {
  namespace: string;
  name: string;
  chart: ChartRequest;
  image?: ImageSpec;
  port?: number;
  route?: string;
  persistence: readonly PersistenceSpec[];
  externalSecret?: ExternalSecretSpec;
  dependsOn: readonly DependsOnSpec[];
}

export interface AppPlan {
  ctx: GenContext;
  chart: ResolvedChart;
  files: NewFile[];
  expect: Expectation[];
  /** What was learned, one line each, for the user. */
  notes: string[];
  /** Namespaces whose folder suits a new namespace best (their apps use the same volume component). */
  modelNamespaces: Set<string>;
}

export async function planApp(idx: RepoIndex, req: AppRequest): Promise<AppPlan> {
  // the app itself, when it exists already, is not a model for itself
  const apps = findApps(idx).filter((a) => !(a.namespace === req.namespace && (a.name === req.name || a.folder === req.name)));
  const existing = findApps(idx).find((a) => a.namespace === req.namespace && a.name === req.name);
  const volumes = findVolumeComponents(idx);
  const chart = await resolveChart(idx, apps, req.chart);
  const appTemplate = chart.name === 'app-template';
  if (!appTemplate && (req.image || req.port !== undefined || req.route)) {
    throw new UsageError(`--image, --port and --route fill in bjw-s app-template values; ${chart.name} has values of its own`, 'leave them out and write the values into the new HelmRelease');
  }
  const { app: sibling, layout } = chooseSibling(idx, apps, { namespace: req.namespace, chartName: chart.name, persistence: req.persistence.length > 0, route: req.route !== undefined, externalSecret: req.externalSecret !== undefined }, volumes);
  const n = { app: req.name, ns: req.namespace };
  const siblingKsName = sibling.ks ? metaName(sibling.ks.object) : sibling.name;
  const ctx: GenContext = {
    idx,
    apps,
    sibling,
    layout,
    volumes,
    app: req.name,
    ns: req.namespace,
    appDir: fromPattern(layout.appDir, n),
    ksName: namePattern(siblingKsName, sibling.folder).replace('{app}', req.name),
    wiring: fromPattern(layout.wiring, n),
    entry: fromPattern(layout.entry, n),
  };
  if (layout.ksFile) ctx.ksFile = fromPattern(layout.ksFile, n);
  if (existing && existing.appDir !== ctx.appDir) {
    throw new UsageError(`an app named ${req.name} already exists in namespace ${req.namespace}: ${existing.hr.file}`, 'pick another name');
  }
  const notes = [`modelled on ${sibling.namespace}/${sibling.name} (${sibling.appDir})`, ...chart.notes];

  // volumes: the first from the repository's volume component when its apps use one, the rest as claims
  const use = volumeUseFor(idx, apps, sibling, volumes, layout.ksFile !== undefined);
  const vols = [...req.persistence];
  const viaComponent = use && vols[0] && (!vols[0].storageClass || use.component.storageClassVar) ? vols.shift() : undefined;
  const claims: Array<{ name: string; claim: string }> = [];
  if (viaComponent && use) {
    claims.push({ name: viaComponent.name, claim: claimName(use.component, componentSubstitutions(idx, sibling, use, req.name)) });
    notes.push(`volume ${viaComponent.name}: claim ${claims[0]!.claim} from the component ${use.component.dir}${use.component.capacityVar ? ` (${use.component.capacityVar}=${viaComponent.size})` : ''}`);
  }
  const plain = plainClaims(ctx, vols);
  for (const c of plain.claims) claims.push({ name: c.vol.name, claim: c.claim });

  // the secret
  let esFile: NewFile | undefined;
  let esTarget: string | undefined;
  let esName: string | undefined;
  if (req.externalSecret) {
    const habit = learnSecretStore(idx);
    const store = req.externalSecret.store ?? habit?.name;
    if (!store) throw new UsageError('this repository has no secret store to take the key from', 'give --externalsecret <store>/<key>');
    if (habit && habit.known.size && !habit.known.has(store)) {
      throw new UsageError(`no secret store named ${store} in this repository`, `known: ${[...habit.known].sort().join(', ')}`);
    }
    const names = externalSecretNames(ctx, store);
    esTarget = names.target;
    esName = names.name;
    esFile = generateExternalSecret(ctx, { ...req.externalSecret, store, storeKind: habit?.kind ?? 'ClusterSecretStore' }, names);
    notes.push(`secret ${names.target} from ${store}, key ${req.externalSecret.key}`);
  }

  // values
  let values: YMap = {};
  let nameOverride = false;
  if (appTemplate) {
    const family = familyOf(chart.version);
    const sv = map(specOf(sibling.hr)['values']);
    const naming = namingOf(sv, sibling.name, req.name, family);
    nameOverride = naming.nameOverride && family === 'v1';
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
    const exposeWith = sv['route'] ? 'route' : sv['ingress'] ? 'ingress' : (majority(all.map((v) => (v['route'] ? 'route' : v['ingress'] ? 'ingress' : '')).filter(Boolean)) as 'route' | 'ingress' | undefined) ?? 'route';
    const parentRefs = learnParentRefs(idx, sibling);
    if (host && exposeWith === 'route' && family !== 'v1' && family !== 'v2' && !parentRefs) {
      throw new UsageError('cannot tell which Gateway the route should attach to: no app here has a route', 'add the route to the HelmRelease by hand, or leave out --route');
    }
    const ingress = ingressHabit(sv, all);
    values = buildValues(
      {
        family,
        app: req.name,
        ...(req.image ? { image: req.image } : {}),
        ...(req.port !== undefined ? { port: req.port } : {}),
        ...(host ? { host } : {}),
        exposeWith,
        ...(parentRefs ? { parentRefs } : {}),
        ...(ingress ? { ingress } : {}),
        persistence: claims,
        ...(esTarget ? { envFromSecret: esTarget } : {}),
      },
      naming,
    );
  }

  const files: NewFile[] = [];
  const sourceName = chart.style === 'oci-local' ? localSourceName(ctx, notes) : chart.sourceName;
  files.push(generateHelmRelease(ctx, chart, sourceName, values, nameOverride));
  if (chart.style === 'oci-local') files.push(generateOciRepository(ctx, chart, sourceName));
  files.push(...generatePvcs(ctx, plain.claims, plain.model));
  if (esFile) files.push(esFile);
  const ak = generateAppKustomization(ctx, files, viaComponent && use?.where === 'app-kustomization' ? use.entry : undefined);
  if (ak) files.push(ak);
  if (layout.ksFile) {
    const features: Feature[] = [];
    if (use && viaComponent) features.push({ has: (a: AppInfo) => volumeUse(idx, a, volumes)?.component.dir === use.component.dir, provider: STORAGE_PROVIDERS });
    if (claims.length > (viaComponent ? 1 : 0)) features.push({ has: (a: AppInfo) => appFiles(idx, a).some((f) => f.kinds.includes('PersistentVolumeClaim')), provider: STORAGE_PROVIDERS });
    if (req.externalSecret) features.push({ has: (a: AppInfo) => appFiles(idx, a).some((f) => f.kinds.includes('ExternalSecret')), provider: SECRET_PROVIDERS });
    files.push(generateKs(ctx, { ...(viaComponent && use ? { volume: { use, size: viaComponent.size, ...(viaComponent.storageClass ? { storageClass: viaComponent.storageClass } : {}) } } : {}), dependsOn: req.dependsOn, features }));
  } else if (req.dependsOn.length) {
    throw new UsageError('--depends-on names Flux Kustomizations, and this repository has none per app', 'leave it out, or add spec.dependsOn to the new HelmRelease by hand');
  }

  const expect: Expectation[] = [{ kind: 'HelmRelease', name: req.name }];
  if (chart.style === 'oci-local') expect.push({ kind: 'OCIRepository', name: sourceName });
  for (const c of claims) expect.push({ kind: 'PersistentVolumeClaim', name: c.claim });
  if (esName) expect.push({ kind: 'ExternalSecret', name: esName });
  const modelNamespaces = new Set(apps.filter((a) => use && viaComponent && volumeUse(idx, a, volumes)?.component.dir === use.component.dir).map((a) => a.namespace));
  return { ctx, chart, files, expect, notes, modelNamespaces };
}

/** The volume component to use: the sibling's, else the one most apps laid out like it use. */
function volumeUseFor(idx: RepoIndex, apps: readonly AppInfo[], sibling: AppInfo, volumes: ReturnType<typeof findVolumeComponents>, hasKs: boolean): ComponentUse | undefined {
  if (!hasKs) return undefined; // without a Flux Kustomization per app there is no APP to substitute
  const own = volumeUse(idx, sibling, volumes);
  if (own) return own;
  const uses = apps.filter((a) => layoutOf(a)).map((a) => volumeUse(idx, a, volumes)).filter((u): u is ComponentUse => u !== undefined);
  return majority(uses, (u) => `${u.where}|${u.entry}`);
}

/** The substitutions the new app's Flux Kustomization will give the volume component (the sibling's, renamed). */
function componentSubstitutions(idx: RepoIndex, sibling: AppInfo, use: ComponentUse, app: string): Map<string, string> {
  const vars = new Map([['APP', app]]);
  const own = volumeUse(idx, sibling, findVolumeComponents(idx));
  if (!sibling.ks || own?.component.dir !== use.component.dir) return vars;
  const names = [sibling.name, sibling.folder, metaName(sibling.ks.object)];
  const wanted = componentVars(idx, use.component.dir);
  const claimVars = new Set([...use.component.nameExpr.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  for (const [k, v] of Object.entries(map(map(specOf(sibling.ks)['postBuild'])['substitute']))) {
    if (k === 'APP' || !wanted.has(k) || typeof v !== 'string') continue;
    const renamed = names.includes(v) ? app : renameWithin(v, names, app);
    if (claimVars.has(k) && renamed === v) continue; // dropped by generateKs: the component's default applies
    vars.set(k, renamed);
  }
  return vars;
}
