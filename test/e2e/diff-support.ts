// Temp git repositories for `hops diff` tests: a copy of a corpus repo or of the example repo, committed once, then
// edited in the work tree. The copy keeps the source folder's name (FluxRepo recognises the repository's own
// GitRepository by it). Nothing is written under ../shared.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { runHops } from '../support/cli.js';
import type { CliRun } from '../support/cli.js';

export const hasGit = spawnSync('git', ['--version']).status === 0;

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export interface TempRepo {
  root: string;
  read(p: string): string;
  write(p: string, text: string): void;
  edit(p: string, from: string | RegExp, to: string): void;
  remove(p: string): void;
  copy(from: string, to: string): void;
  commit(message: string): void;
  /** Back to the first commit (later commits dropped), untracked files removed. */
  reset(): void;
  dispose(): void;
}

/** A git repository holding a copy of `src` (only `include`d top-level entries when given), committed on `main`. */
export function tempRepo(src: string, include?: string[]): TempRepo {
  const parent = mkdtempSync(join(tmpdir(), 'hops-diff-'));
  const root = join(parent, basename(src));
  mkdirSync(root);
  for (const name of include ?? ['.']) {
    if (existsSync(join(src, name))) cpSync(join(src, name), name === '.' ? root : join(root, name), { recursive: true });
  }
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  const base = git(root, 'rev-parse', 'HEAD').trim();
  const abs = (p: string): string => join(root, p);
  return {
    root,
    read: (p) => readFileSync(abs(p), 'utf8'),
    write: (p, text) => {
      mkdirSync(dirname(abs(p)), { recursive: true });
      writeFileSync(abs(p), text);
    },
    edit(p, from, to) {
      const before = readFileSync(abs(p), 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`${p}: ${String(from)} not found`);
      writeFileSync(abs(p), after);
    },
    remove: (p) => rmSync(abs(p), { recursive: true, force: true }),
    copy: (from, to) => cpSync(abs(from), abs(to), { recursive: true }),
    commit(message) {
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', message);
    },
    reset() {
      git(root, 'reset', '-q', '--hard', base);
      git(root, 'clean', '-q', '-fd');
    },
    dispose: () => rmSync(parent, { recursive: true, force: true }),
  };
}

/** The environment `hops diff` runs in for the example-repo tests: no helm on PATH, no home chart cache. */
export const DIFF_ENV = { HOME: '/nonexistent', PATH: '' };

/**
 * One git copy of examples/homelab (kubernetes/ and makejinja.toml) for a test file: made before its tests unless
 * `skip`, removed after. `repo` is valid inside tests; `hops(...)` runs `hops diff ...` in it with `env`.
 */
export function exampleDiffRepo(example: string | null | undefined, skip: string | false, env: Record<string, string> = DIFF_ENV): {
  readonly repo: TempRepo;
  hops: (...args: string[]) => Promise<CliRun>;
} {
  let repo: TempRepo | undefined;
  before(() => {
    if (!skip) repo = tempRepo(example!, ['kubernetes', 'makejinja.toml']);
  });
  after(() => repo?.dispose());
  const get = (): TempRepo => {
    if (!repo) throw new Error('exampleDiffRepo: used outside a test, or skipped');
    return repo;
  };
  return {
    get repo() {
      return get();
    },
    hops: (...args) => runHops(['diff', ...args], get().root, env),
  };
}
