// Every command registers itself here; each lives in its own file and only parses flags, calls a façade and prints.
// The files load when their command runs (src/cli/lazy-command.ts): an entry gives the name, description and term
// `hops --help` lists (the test in lazy-command.test.ts checks them against the file's own registration). An eager
// `registerX` function works in this list too.
import { lazyCommand } from '../lazy-command.js';
import type { RegisterCommand } from '../lazy-command.js';

export type { RegisterCommand } from '../lazy-command.js';

export const commands: RegisterCommand[] = [
  lazyCommand({
    name: 'configure',
    term: 'configure [options]',
    description: 'render makejinja templates (reads makejinja.toml; a drop-in for makejinja 2.8) — all or nothing',
    load: async () => (await import('./configure.js')).registerConfigure,
  }),
  lazyCommand({
    name: 'vars',
    term: 'vars [options]',
    description: 'variables the templates read vs defined in the data vs documented in TEMPLATE_GUIDE.md (exit 1 when one is missing)',
    load: async () => (await import('./vars.js')).registerVars,
  }),
  lazyCommand({
    name: 'schemas',
    term: 'schemas',
    description: 'manage the JSON schemas used by `hops validate`',
    load: async () => (await import('./schemas.js')).registerSchemas,
  }),
  lazyCommand({
    name: 'build',
    term: 'build',
    description: 'build kustomize directories or Flux Kustomizations offline, as kustomize and Flux would',
    load: async () => (await import('./build.js')).registerBuild,
  }),
  lazyCommand({
    name: 'validate',
    term: 'validate [options] [paths...]',
    description: 'check every resource the repository builds against its schema and the cross-reference rules (offline)',
    load: async () => (await import('./validate.js')).registerValidate,
  }),
  lazyCommand({
    name: 'diff',
    term: 'diff',
    description: 'what a change does to the built manifests, offline: the working tree against a git ref (or another folder)',
    load: async () => (await import('./diff.js')).registerDiff,
  }),
  lazyCommand({
    name: 'new',
    term: 'new',
    description: 'scaffold new things in the repository, in its own conventions',
    load: async () => (await import('./new.js')).registerNew,
  }),
];
