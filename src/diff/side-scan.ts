// The scan of one side: every YAML file's text (substituteFrom lookups search them) and the Flux Kustomizations
// and GitRepositories declared in them, as FluxRepo (src/flux/repo.ts) finds them — but only files that can declare
// one are parsed, through the parse memo both sides share.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { isSourceIgnored } from '../flux/generate.js';
import { isFluxKustomization, readKustomization, SOURCE_GROUP } from '../flux/model.js';
import type { FluxKustomization } from '../flux/model.js';
import type { ParseMemo } from './shared-builds.js';

export interface ScannedFile {
  /** Relative to the root. */
  file: string;
  text: string;
}

export interface Scan {
  raw: FluxKustomization[];
  files: ScannedFile[];
  /** GitRepositories that are this repository / another one. */
  repoSources: Set<string>;
  otherSources: Set<string>;
}

const SKIP_DIRS = new Set(['node_modules', '.cache', 'dist']);
const mayDeclare = (t: string): boolean => t.includes('kustomize.toolkit.fluxcd.io') || (t.includes('GitRepository') && t.includes('source.toolkit.fluxcd.io'));

/** Whether a GitRepository URL names this repository: by the folder's name, or by a remote in .git/config. */
function sameRepoUrl(fs: FileSystem, root: string, url: string): boolean {
  const repoName = url.replace(/\.git$/, '').replace(/\/+$/, '').split(/[/:]/).pop()?.toLowerCase() ?? '';
  const base = posix.basename(root).toLowerCase();
  if (repoName && (base === repoName || base.endsWith('__' + repoName))) return true;
  const cfg = posix.join(root, '.git/config');
  if (!fs.isFile(cfg)) return false;
  const norm = (u: string): string => u.replace(/^(ssh:\/\/)?git@([^:/]+)[:/]/, 'https://$2/').replace(/\.git$/, '').replace(/\/$/, '').toLowerCase();
  return [...fs.readText(cfg).matchAll(/^\s*url\s*=\s*(\S+)/gm)].some((m) => norm(m[1]!) === norm(url));
}

export function scanRepo(fs: FileSystem, root: string, memo: ParseMemo): Scan {
  const out: Scan = { raw: [], files: [], repoSources: new Set(), otherSources: new Set() };
  const walk = (dir: string): void => {
    for (const name of fs.readDir(dir)) {
      if (isSourceIgnored(name) || SKIP_DIRS.has(name)) continue;
      const abs = posix.join(dir, name);
      if (fs.isDirectory(abs)) {
        walk(abs);
        continue;
      }
      if (!/\.ya?ml$/.test(name)) continue;
      const file = posix.relative(root, abs);
      const text = fs.readText(abs);
      out.files.push({ file, text });
      if (!mayDeclare(text)) continue;
      for (const d of memo.parse(text, file) ?? []) {
        if (!isMap(d.value)) continue;
        const obj = d.value as YMap;
        const r: Resource = { object: obj, origin: { file, line: d.startLine } };
        if (isFluxKustomization(obj)) out.raw.push(readKustomization(r));
        else if (String(obj['apiVersion'] ?? '').startsWith(SOURCE_GROUP + '/') && obj['kind'] === 'GitRepository') {
          const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
          const spec = isMap(obj['spec']) ? obj['spec'] : {};
          if (meta['name'] === 'flux-system') out.repoSources.add(String(meta['name']));
          else if (typeof spec['url'] === 'string' && sameRepoUrl(fs, root, spec['url'])) out.repoSources.add(String(meta['name']));
          else if (typeof spec['url'] === 'string') out.otherSources.add(String(meta['name']));
        }
      }
    }
  };
  walk(root);
  return out;
}
