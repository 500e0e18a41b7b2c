// Kustomize Components that create an app's PersistentVolumeClaim from Flux variables (volsync, kopiur, a plain
// "volume" component): which exist, what their variables are, and which apps use them from where.
import type { AppInfo } from './apps.js';
import { normPath, specOf } from './apps.js';
import { list, map, metaName, resolveRel, str } from './repo-scan.js';
import type { RepoIndex } from './repo-scan.js';

export interface VolumeComponent {
  /** Repository-relative folder of the Component. */
  dir: string;
  /** metadata.name of its PVC, e.g. `${APP}` or `${VOLSYNC_CLAIM:=${APP}}`. */
  nameExpr: string;
  /** Variable holding the size (`VOLSYNC_CAPACITY`), when the size is `${VAR:=default}`. */
  capacityVar?: string;
  storageClassVar?: string;
}

export interface ComponentUse {
  component: VolumeComponent;
  /** Listed in the Flux Kustomization's spec.components, or in the app folder's kustomization.yaml. */
  where: 'ks' | 'app-kustomization';
  /** The entry as the app writes it (relative to the app folder in both cases). */
  entry: string;
}

const VAR = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-]([^}]*))?\}$/;

export function findVolumeComponents(idx: RepoIndex): Map<string, VolumeComponent> {
  const out = new Map<string, VolumeComponent>();
  for (const k of idx.kustomizations.values()) {
    if (k.kind !== 'Component') continue;
    const pvc = findPvc(idx, k.dir, new Set());
    if (pvc) out.set(k.dir, { dir: k.dir, ...pvc });
  }
  return out;
}

function findPvc(idx: RepoIndex, dir: string, seen: Set<string>): Omit<VolumeComponent, 'dir'> | undefined {
  if (seen.has(dir)) return undefined;
  seen.add(dir);
  const k = idx.kustomizations.get(dir);
  if (!k) return undefined;
  for (const r of [...k.resources, ...k.components]) {
    for (const d of idx.byFile.get(r.path) ?? []) {
      if (d.object['kind'] !== 'PersistentVolumeClaim') continue;
      const name = metaName(d.object);
      if (!name.includes('${')) continue;
      const spec = map(d.object['spec']);
      const capacity = VAR.exec(str(map(map(spec['resources'])['requests'])['storage']));
      const cls = VAR.exec(str(spec['storageClassName']));
      return { nameExpr: name, ...(capacity ? { capacityVar: capacity[1]! } : {}), ...(cls ? { storageClassVar: cls[1]! } : {}) };
    }
    if (idx.kustomizations.has(r.path)) {
      const nested = findPvc(idx, r.path, seen);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** The volume component an app uses, if any. */
export function volumeUse(idx: RepoIndex, app: AppInfo, components: ReadonlyMap<string, VolumeComponent>): ComponentUse | undefined {
  if (app.ks) {
    for (const e of list(specOf(app.ks)['components'])) {
      const c = components.get(resolveRel(normPath(str(specOf(app.ks)['path'])), str(e)));
      if (c) return { component: c, where: 'ks', entry: str(e) };
    }
  }
  for (const e of app.appKust?.components ?? []) {
    const c = components.get(e.path);
    if (c) return { component: c, where: 'app-kustomization', entry: e.entry };
  }
  return undefined;
}

/** The claim an app gets from the component: its name expression with the app's substitutions applied. */
export function claimName(component: VolumeComponent, vars: ReadonlyMap<string, string>): string {
  let s = component.nameExpr;
  for (let i = 0; i < 5 && s.includes('${'); i++) {
    s = s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-]((?:[^{}]|\{[^{}]*\})*))?\}/g, (_, v: string, d: string | undefined) => vars.get(v) ?? d ?? '');
  }
  return s;
}

/** Variables of a component's files (`${NAME…}`), to keep the substitutions a sibling sets for it. */
export function componentVars(idx: RepoIndex, dir: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const walk = (d: string): void => {
    if (seen.has(d)) return;
    seen.add(d);
    const k = idx.kustomizations.get(d);
    if (!k) return;
    for (const r of [...k.resources, ...k.components]) {
      const text = idx.texts.get(r.path);
      if (text) for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]!);
      if (idx.kustomizations.has(r.path)) walk(r.path);
    }
    const own = idx.texts.get(k.file);
    if (own) for (const m of own.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]!);
  };
  walk(dir);
  return out;
}
