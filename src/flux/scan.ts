// What FluxRepo reads up front: every YAML file's text (substituteFrom lookups search them) and the Flux
// Kustomizations and GitRepositories declared in them. Only files that can declare one are parsed.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { isSourceIgnored } from './generate.js';
import { isFluxKustomization, readKustomization, SOURCE_GROUP } from './model.js';
import type { FluxKustomization } from './model.js';
import type { ParseCache } from './parse-cache.js';

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

/**
 * Whether a file's text can declare what the scan looks for: a Flux Kustomization (its apiVersion starts with the
 * kustomize group) or a GitRepository (kind and source group). Written plainly, those names appear in the text; the
 * only ways to spell them otherwise are escapes in double quotes (`\x2e`, a `\` line continuation) and tags
 * (`!!binary`), so files with `\` or `!` are parsed too. Everything else (HelmReleases, OCIRepositories, plain
 * manifests) is not parsed.
 */
export function mayDeclareKsOrSource(text: string): boolean {
  return (
    text.includes('kustomize.toolkit.fluxcd.io') ||
    (text.includes('GitRepository') && text.includes('source.toolkit.fluxcd.io')) ||
    text.includes('\\') ||
    text.includes('!')
  );
}

/** Whether a GitRepository URL names this repository: by the folder's name, or by a remote in .git/config. */
function sameRepoUrl(fs: FileSystem, root: string, url: string): boolean {
  // a clone is usually named after its repository (the shared corpus uses owner__repo)
  const repoName = url.replace(/\.git$/, '').replace(/\/+$/, '').split(/[/:]/).pop()?.toLowerCase() ?? '';
  const base = posix.basename(root).toLowerCase();
  if (repoName && (base === repoName || base.endsWith('__' + repoName))) return true;
  const cfg = posix.join(root, '.git/config');
  if (!fs.isFile(cfg)) return false;
  const norm = (u: string): string => u.replace(/^(ssh:\/\/)?git@([^:/]+)[:/]/, 'https://$2/').replace(/\.git$/, '').replace(/\/$/, '').toLowerCase();
  return [...fs.readText(cfg).matchAll(/^\s*url\s*=\s*(\S+)/gm)].some((m) => norm(m[1]!) === norm(url));
}

export function scanRepository(fs: FileSystem, root: string, cache: ParseCache): Scan {
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
      if (!mayDeclareKsOrSource(text)) continue;
      for (const d of cache.parse(text, file) ?? []) {
        if (!isMap(d.value)) continue;
        const obj = d.value as YMap;
        const r: Resource = { object: obj, origin: { file, line: d.startLine } };
        if (isFluxKustomization(obj)) out.raw.push(readKustomization(r));
        else if (String(obj['apiVersion'] ?? '').startsWith(SOURCE_GROUP + '/') && obj['kind'] === 'GitRepository') {
          const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
          const spec = isMap(obj['spec']) ? obj['spec'] : {};
          // the bootstrap source is this repository; so is any other GitRepository whose URL names the same repo
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
