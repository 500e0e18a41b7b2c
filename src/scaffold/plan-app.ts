// Read → learn → assemble: from the repository and the request to the new app's files (plain YAML, as they will
// be in the rendered tree), the wiring edit, and what the check should find. Nothing here writes.
import { UsageError } from '../core/errors.js';
import type { DependsOnSpec, ExternalSecretSpec, ImageSpec, PersistenceSpec } from './app-spec.js';
import type { AppInfo } from './apps.js';
import { KUSTOMIZE_GROUP } from '../flux/model.js';
import { appFiles, findApps } from './apps.js';
import type { ChartRequest, ResolvedChart } from './chart.js';
import { resolveChart } from './chart.js';
import type { Expectation } from './check.js';
import type { GenContext, NewFile } from './context.js';
import { generateAppKustomization, generatePvcs } from './generate-extras.js';
import { externalSecretNames, generateExternalSecret } from './generate-secret.js';
import { generateHelmRelease, generateOciRepository, localSourceName } from './generate-hr.js';
import { generateKs } from './generate-ks.js';
import { SECRET_PROVIDERS, STORAGE_PROVIDERS, learnSecretStore } from './learn.js';
import { planValues } from './plan-values.js';
import { planVolumes } from './plan-volumes.js';
import type { Feature } from './learn.js';
import { fromPattern, namePattern } from './patterns.js';
import { docsOfKind, metaName, metaNamespace, str } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';
import { chooseSibling } from './sibling.js';
import { findVolumeComponents, volumeUse } from './volume-component.js';

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
  if (appTemplate && !req.image) throw new UsageError(`${chart.name} runs the container you name: --image is missing`, 'for example: --image ghcr.io/org/app:1.2.3');
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
  const ksClash = docsOfKind(idx, 'Kustomization', KUSTOMIZE_GROUP).find((d) => {
    const ns = metaNamespace(d.object) || str(idx.listedBy.get(d.file)?.[0]?.kust.object['namespace']);
    return metaName(d.object) === ctx.ksName && ns === req.namespace && d.file !== ctx.ksFile;
  });
  if (ctx.ksFile && ksClash) throw new UsageError(`a Flux Kustomization named ${ctx.ksName} already exists in namespace ${req.namespace}: ${ksClash.file}`, 'pick another name');
  const notes = [`modelled on ${sibling.namespace}/${sibling.name} (${sibling.appDir})`, ...chart.notes];

  // volumes: the first from the repository's volume component when its apps use one, the rest as claims
  const { use, viaComponent, claims, plain } = planVolumes(ctx, req.persistence, notes);

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
  const { values, nameOverride } = appTemplate ? planValues(ctx, chart, req, claims, esTarget, notes) : { values: {}, nameOverride: false };

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
