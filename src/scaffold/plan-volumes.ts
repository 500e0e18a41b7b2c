// Where the new app's volumes come from: the first from the volume component the sibling (or most apps laid out
// like it) uses, with the claim name that component will give it; the others as PersistentVolumeClaim files.
import type { PersistenceSpec } from './app-spec.js';
import type { AppInfo } from './apps.js';
import { specOf } from './apps.js';
import type { GenContext } from './context.js';
import { plainClaims } from './generate-extras.js';
import type { PlannedClaim } from './generate-extras.js';
import { renameWithin } from './patterns.js';
import { majority, map, metaName } from './repo-scan.js';
import type { RepoIndex, ScannedDoc } from './repo-scan.js';
import { layoutOf } from './sibling.js';
import { claimName, componentVars, volumeUse } from './volume-component.js';
import type { ComponentUse, VolumeComponent } from './volume-component.js';

export interface VolumePlan {
  use?: ComponentUse;
  /** The volume the component makes. */
  viaComponent?: PersistenceSpec;
  /** Every volume with its claim name, in the order asked. */
  claims: Array<{ name: string; claim: string }>;
  /** The volumes that get claim files, and the claim to model them on. */
  plain: { claims: PlannedClaim[]; model?: ScannedDoc };
}

export function planVolumes(ctx: GenContext, persistence: readonly PersistenceSpec[], notes: string[]): VolumePlan {
  const { idx, apps, sibling, volumes } = ctx;
  const use = volumeUseFor(idx, apps, sibling, volumes, ctx.layout.ksFile !== undefined);
  const vols = [...persistence];
  const viaComponent = use && vols[0] && (!vols[0].storageClass || use.component.storageClassVar) ? vols.shift() : undefined;
  const claims: Array<{ name: string; claim: string }> = [];
  if (viaComponent && use) {
    claims.push({ name: viaComponent.name, claim: claimName(use.component, componentSubstitutions(idx, sibling, use, ctx.app, volumes)) });
    notes.push(`volume ${viaComponent.name}: claim ${claims[0]!.claim} from the component ${use.component.dir}${use.component.capacityVar ? ` (${use.component.capacityVar}=${viaComponent.size})` : ''}`);
  }
  const plain = plainClaims(ctx, vols);
  for (const c of plain.claims) claims.push({ name: c.vol.name, claim: c.claim });
  return { ...(use ? { use } : {}), ...(viaComponent ? { viaComponent } : {}), claims, plain };
}

/** The volume component to use: the sibling's, else the one most apps laid out like it use. */
function volumeUseFor(idx: RepoIndex, apps: readonly AppInfo[], sibling: AppInfo, volumes: ReadonlyMap<string, VolumeComponent>, hasKs: boolean): ComponentUse | undefined {
  if (!hasKs) return undefined; // without a Flux Kustomization per app there is no APP to substitute
  const own = volumeUse(idx, sibling, volumes);
  if (own) return own;
  const uses = apps.filter((a) => layoutOf(a)).map((a) => volumeUse(idx, a, volumes)).filter((u): u is ComponentUse => u !== undefined);
  return majority(uses, (u) => `${u.where}|${u.entry}`);
}

/** The substitutions the new app's Flux Kustomization will give the volume component (the sibling's, renamed). */
function componentSubstitutions(idx: RepoIndex, sibling: AppInfo, use: ComponentUse, app: string, volumes: ReadonlyMap<string, VolumeComponent>): Map<string, string> {
  const vars = new Map([['APP', app]]);
  const own = volumeUse(idx, sibling, volumes);
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
