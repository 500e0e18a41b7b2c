// What FluxRepo reads up front: every YAML file's text (substituteFrom lookups search them) and the Flux
// Kustomizations and GitRepositories declared in them. Only files that can declare one are parsed. Only files in
// the source artifact count (sourceignore.ts): the walk collects the `.sourceignore` patterns on its way down, the
// flux-system GitRepository's spec.ignore is added once it is found, and what the rules exclude is dropped last.
import { posix } from 'node:path';
import { isMap } from '../core/resource.js';
import type { Resource, YMap } from '../core/resource.js';
import type { FileSystem } from '../io/fs.js';
import { isFluxKustomization, readKustomization, SOURCE_GROUP } from './model.js';
import type { FluxKustomization } from './model.js';
import type { ParseCache } from './parse-cache.js';
import { artifactRules, domainOf, IGNORE_FILE, readPatterns } from './sourceignore.js';
import type { IgnorePattern, IgnoreRules } from './sourceignore.js';

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
  /** What the artifact of this repository leaves out (for the builds' view of the files). */
  ignore: IgnoreRules;
  /**
   * The part of those rules that applies to every path: spec.ignore's patterns, and whether the built-in exclusions
   * apply (only while the repository has no pattern of its own), as a key. A `.sourceignore`'s patterns apply below
   * its folder only.
   */
  wideRules: string;
}

/** Never walked: VCS data, and folders of tools that hold no manifests (a hops choice, not Flux's). */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.cache', 'dist']);

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

/**
 * Every YAML file and the Flux objects in them, as far as the artifact holds them. The rules are those of the
 * `.sourceignore` files plus the spec.ignore of the GitRepository flux-system (the bootstrap source, which the
 * repository's Kustomizations use); that one is looked for in the files the `.sourceignore` rules keep, the first
 * in walk order when several clusters declare one. Not modelled: other GitRepositories of this repository with an
 * ignore of their own (their Kustomizations are built from the same view), spec.include, spec.sparseCheckout, and
 * symlinks (which the artifact leaves out).
 */
export function scanRepository(fs: FileSystem, root: string, cache: ParseCache): Scan {
  const raw: FluxKustomization[] = [];
  const files: ScannedFile[] = [];
  const patterns: IgnorePattern[] = [];
  const sources: Array<{ name: string; url: string | undefined; ignore: string | undefined; file: string }> = [];
  const walk = (dir: string): void => {
    const names = fs.readDir(dir);
    // a folder's own .sourceignore comes before those of its sub-folders (later patterns win)
    const own = posix.join(dir, IGNORE_FILE);
    if (names.includes(IGNORE_FILE) && fs.isFile(own)) {
      const file = posix.relative(root, own);
      patterns.push(...readPatterns(fs.readText(own), domainOf(posix.relative(root, dir)), (line) => `${file}:${line}`));
    }
    for (const name of names) {
      if (SKIP_DIRS.has(name)) continue;
      const abs = posix.join(dir, name);
      if (fs.isDirectory(abs)) {
        walk(abs);
        continue;
      }
      if (!/\.ya?ml$/.test(name)) continue;
      const file = posix.relative(root, abs);
      const text = fs.readText(abs);
      files.push({ file, text });
      if (!mayDeclareKsOrSource(text)) continue;
      for (const d of cache.parse(text, file) ?? []) {
        if (!isMap(d.value)) continue;
        const obj = d.value as YMap;
        const r: Resource = { object: obj, origin: { file, line: d.startLine } };
        if (isFluxKustomization(obj)) raw.push(readKustomization(r));
        else if (String(obj['apiVersion'] ?? '').startsWith(SOURCE_GROUP + '/') && obj['kind'] === 'GitRepository') {
          const meta = isMap(obj['metadata']) ? obj['metadata'] : {};
          const spec = isMap(obj['spec']) ? obj['spec'] : {};
          const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
          sources.push({ name: String(meta['name']), url: str(spec['url']), ignore: str(spec['ignore']), file });
        }
      }
    }
  };
  walk(root);

  const byFiles = artifactRules(patterns);
  const bootstrap = sources.find((s) => s.name === 'flux-system' && !byFiles.excludes(s.file, false));
  const specSource = (line: number): string => `line ${line} of spec.ignore of GitRepository flux-system (${bootstrap?.file})`;
  const ignore = bootstrap?.ignore === undefined ? byFiles : artifactRules(patterns, bootstrap.ignore, specSource);
  const kept = (file: string): boolean => !ignore.excludes(file, false);
  const specPatterns = bootstrap?.ignore === undefined ? [] : readPatterns(bootstrap.ignore);
  const wideRules = JSON.stringify([specPatterns.map((p) => [p.negate, p.dirOnly, p.text]), patterns.length + specPatterns.length === 0]);
  const out: Scan = { raw: raw.filter((k) => kept(k.origin.file)), files: files.filter((f) => kept(f.file)), repoSources: new Set(), otherSources: new Set(), ignore, wideRules };
  for (const s of sources) {
    if (!kept(s.file)) continue;
    // the bootstrap source is this repository; so is any other GitRepository whose URL names the same repo
    if (s.name === 'flux-system') out.repoSources.add(s.name);
    else if (s.url !== undefined && sameRepoUrl(fs, root, s.url)) out.repoSources.add(s.name);
    else if (s.url !== undefined) out.otherSources.add(s.name);
  }
  return out;
}
