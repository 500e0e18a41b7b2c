// Which GitRepository a Flux Kustomization reads is this repository: only those are built from these files.
import { posix } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { FileSystem } from '../io/fs.js';
import { dirOf } from './applied.js';
import type { FluxKustomization } from './model.js';

export class RepoSources {
  private readonly assumed = new Set<string>();

  /**
   * `declared`: GitRepositories declared here for this repository; `others`: declared with another repository's URL.
   * `findings` receives the note said once per source taken to be this repository.
   */
  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
    private readonly declared: Set<string>,
    private readonly others: Set<string>,
    private readonly findings: Finding[],
  ) {}

  isRepoSource(ks: FluxKustomization): boolean {
    if (ks.sourceRef.kind !== 'GitRepository') return false;
    const name = ks.sourceRef.name;
    if (name === 'flux-system' || this.declared.has(name)) return true;
    if (this.others.has(name)) return false;
    // Repositories often name their own source (created at bootstrap, not declared here): a GitRepository whose
    // Kustomizations point at paths that exist here is taken to be this repository, and that is said once.
    const dir = posix.join(this.root, dirOf(ks));
    if (!this.fs.isDirectory(dir)) return false;
    if (!this.assumed.has(name)) {
      this.assumed.add(name);
      this.findings.push({
        code: 'assumed-repository-source',
        severity: 'info',
        message: `GitRepository ${name} is taken to be this repository (the paths its Kustomizations build exist here)`,
        file: ks.origin.file,
        line: ks.origin.line,
      });
    }
    return true;
  }
}
