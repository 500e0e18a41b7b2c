// Where a rule looks before it calls something missing: the files of Kustomizations that failed to build. A name that
// appears there may well be defined there, so the finding becomes a warning that says where to look.
import { posix } from 'node:path';
import type { BuildUnit } from '../flux/build.js';
import type { FileSystem } from '../io/fs.js';

/** Files of a Kustomization that failed to build, searched for a name (what a rule found missing may be there). */
export function unbuiltSearch(fs: FileSystem, root: string, units: BuildUnit[]): (name: string) => string | undefined {
  const failed = units.filter((u) => !u.ok && u.dir && !u.findings.some((f) => f.code === 'path-not-found'));
  let texts: Array<[string, string]> | undefined;
  const load = (): Array<[string, string]> => {
    const out: Array<[string, string]> = [];
    const walk = (dir: string, unit: string, depth: number): void => {
      if (depth > 12 || !fs.isDirectory(dir)) return;
      for (const n of fs.readDir(dir)) {
        const p = posix.join(dir, n);
        if (fs.isDirectory(p)) walk(p, unit, depth + 1);
        else if (/\.ya?ml$/.test(n)) out.push([unit, fs.readText(p)]);
      }
    };
    for (const u of failed) walk(posix.join(root, u.dir), u.id, 0);
    return out;
  };
  return (name) => {
    if (failed.length === 0) return undefined;
    texts ??= load();
    return texts.find(([, t]) => t.includes(name))?.[0];
  };
}
