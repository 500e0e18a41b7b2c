// Helpers for the `hops new app` end-to-end tests: repository copies, file-tree snapshots, the real kubectl, and a
// line diff that says whether an edit only inserted lines.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { diffLines } from '../../src/render/apply/unified-diff.js';
import { runHops } from '../support/cli.js';
import type { CliRun } from '../support/cli.js';

/** The app every test adds: an app-template HelmRelease with an image, a port, a route and a volume. */
export const ARGS = ['new', 'app', 'media/whoami', '--image', 'traefik/whoami:v1.10.1', '--port', '80', '--route', 'whoami', '--persistence', 'config=1Gi'];

/** The documents of a YAML text, as plain data (empty documents left out). */
export const docs = (text: string, file: string): Array<Record<string, any>> => parseYamlDocuments(text, file).map((d) => d.value as Record<string, any>).filter((v) => v !== null);

/** A copy of `src` in a temp folder, under the same folder name (Flux sources are matched by repository name). */
export function copyRepo(src: string): { dir: string; base: string } {
  const base = mkdtempSync(join(tmpdir(), 'hops-new-app-'));
  const dir = join(base, basename(src));
  cpSync(src, dir, { recursive: true });
  return { dir, base };
}

/** Every file under `dir` (relative path → text). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Lines `after` adds to `before`; null when the edit also removed or changed a line. */
export function insertedLines(before: string, after: string): string[] | null {
  const split = (s: string): string[] => s.replace(/\n$/, '').split('\n');
  const ops = diffLines(split(before), split(after));
  if (ops.some((o) => o.kind === '-')) return null;
  return ops.filter((o) => o.kind === '+').map((o) => o.line);
}

export function hops(args: string[], cwd: string): Promise<CliRun> {
  return runHops(args, cwd, { HOME: '/nonexistent', PATH: process.env['PATH'] });
}

/** `kubectl kustomize --load-restrictor LoadRestrictionsNone dir` (what Flux runs), from the repository root. */
export function kubectlKustomize(kubectl: string, root: string, dir: string): { ok: boolean; out: string; err: string } {
  const r = spawnSync(kubectl, ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.stderr ?? '' };
}
