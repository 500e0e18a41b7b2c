// Bad input, command by command, on copies of the example repository: each case edits a fresh copy (or runs with bad
// flags), runs the CLI and checks the exit code (0 ok, 1 problems found, 2 usage or bad settings), that the message
// names the file, line and fix, that no stack trace or internal error leaks, and that nothing changed on disk — not
// in the copy, not beside it (the copy's parent folder is compared too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { runHops } from '../support/cli.js';
import { exampleRepo, skipNotice } from '../support/env.js';
import { git, hasGit } from './diff-support.js';

const example = exampleRepo();

interface Case {
  name: string;
  /** Arguments; `@` stands for the copy's folder. */
  args: string[];
  /** Edits the copy before the run. */
  setup?: (repo: string) => void;
  /** Start from an empty folder instead of the example. */
  empty?: boolean;
  /** Commit the copy into a fresh git repository first (the commit is part of the "before"). */
  git?: boolean;
  stdin?: string | Buffer;
  code: number;
  /** Patterns stderr must match; given the copy's folder, for messages that carry a line found in it. */
  err?: RegExp[] | ((repo: string) => RegExp[]);
  /** Patterns stdout must match (validate prints its findings there). */
  out?: RegExp[];
  /** Patterns neither stream may match. */
  not?: RegExp[];
}

const HR = 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml';
const KZ = 'kubernetes/apps/media/jellyfin/app/kustomization.yaml';
const KS = 'kubernetes/apps/media/jellyfin/ks.yaml';
const TPL = 'templates/kubernetes/apps/media/jellyfin/ks.yaml.j2';
const CONFIG = 'bootstrap/config.yaml';
const BINARY = Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 10, 0]);
const CRD_LESS = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

const edit = (repo: string, file: string, from: string | RegExp, to: string): void => {
  const before = readFileSync(join(repo, file), 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(join(repo, file), after);
};
/** 1-based line of the first line of `file` containing `needle`. */
const lineOf = (repo: string, file: string, needle: string): number => readFileSync(join(repo, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cases: Case[] = [
  // configure: data, settings, templates, flags
  {
    name: 'configure: tab indentation in bootstrap/config.yaml',
    setup: (r) => edit(r, CONFIG, '  name: homelab', '\tname: homelab'),
    args: ['configure', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`bootstrap/config\\.yaml:${lineOf(r, CONFIG, '\tname: homelab')}:1: error data-parse-error: invalid YAML: Tabs are not allowed`), /nothing written/],
  },
  {
    name: 'configure: unclosed quote in bootstrap/config.yaml',
    setup: (r) => edit(r, CONFIG, 'name: homelab', 'name: "homelab'),
    args: ['configure', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`bootstrap/config\\.yaml:${lineOf(r, CONFIG, '"homelab')}:\\d+: error data-parse-error: invalid YAML: Missing closing "quote`), /nothing written/],
  },
  {
    name: 'configure --check: a repeated key in bootstrap/config.yaml is a warning at the second one',
    setup: (r) => edit(r, CONFIG, '  name: homelab\n', '  name: homelab\n  name: homelab\n'),
    args: ['configure', '--path', '@', '--check'],
    code: 0,
    err: (r) => {
      const first = lineOf(r, CONFIG, 'name: homelab');
      return [new RegExp(`bootstrap/config\\.yaml:${first + 1}:3: warning data-duplicate-key: key "name" appears twice in this mapping \\(first at line ${first}\\)`), /hint: remove one/];
    },
  },
  {
    name: 'configure: a binary bootstrap/config.yaml',
    setup: (r) => writeFileSync(join(r, CONFIG), BINARY),
    args: ['configure', '--path', '@'],
    code: 1,
    err: [/bootstrap\/config\.yaml:1:1: error data-parse-error: invalid YAML: unacceptable character #x0000/, /hint: a YAML data file is text/],
  },
  {
    name: 'configure: makejinja.toml that is not TOML is one error at its line',
    setup: (r) => edit(r, 'makejinja.toml', 'force = true', 'force = = true'),
    args: ['configure', '--path', '@'],
    code: 2,
    err: (r) => [new RegExp(`makejinja\\.toml:${lineOf(r, 'makejinja.toml', 'force = =')}:\\d+: error config-parse-error: invalid TOML`), /1 error; nothing written/],
    not: [/config-missing-output/],
  },
  {
    name: 'configure: an unknown makejinja.toml setting',
    setup: (r) => edit(r, 'makejinja.toml', 'force = true', 'force = true\nfrobnicate = 1'),
    args: ['configure', '--path', '@'],
    code: 2,
    err: (r) => [new RegExp(`makejinja\\.toml:${lineOf(r, 'makejinja.toml', 'frobnicate')}: error config-unknown-key: unknown setting "frobnicate"`), /hint: known settings/],
  },
  {
    name: 'configure: a makejinja.toml setting of the wrong type',
    setup: (r) => edit(r, 'makejinja.toml', 'force = true', 'force = "yes"'),
    args: ['configure', '--path', '@'],
    code: 2,
    err: (r) => [new RegExp(`makejinja\\.toml:${lineOf(r, 'makejinja.toml', 'force =')}: error config-invalid: makejinja\\.force: expected true or false, got the string "yes"`)],
  },
  {
    name: 'configure: makejinja.toml output outside the repository is refused',
    setup: (r) => edit(r, 'makejinja.toml', 'output = "./"', 'output = "../outside"'),
    args: ['configure', '--path', '@'],
    code: 2,
    err: (r) => [new RegExp(`makejinja\\.toml:${lineOf(r, 'makejinja.toml', 'output =')}: error config-invalid: output "\\.\\./outside" is outside the repository folder`), /hint: set output to a folder inside the repository/],
  },
  {
    name: 'configure: a template syntax error',
    setup: (r) => edit(r, TPL, 'name: jellyfin', 'name: #{ foo( }#'),
    args: ['configure', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`${esc(TPL)}:${lineOf(r, TPL, 'foo(')}:\\d+: error template-syntax-error: TemplateSyntaxError: unexpected '\\}'`), /nothing written/],
  },
  {
    name: 'configure: a block left open',
    setup: (r) => edit(r, TPL, '#% endif %#', ''),
    args: ['configure', '--path', '@'],
    code: 1,
    err: [new RegExp(`${esc(TPL)}:\\d+:\\d+: error template-syntax-error: .*Unexpected end of template.*'endif'`)],
  },
  {
    name: 'configure: a template that is not UTF-8',
    setup: (r) => writeFileSync(join(r, 'templates/kubernetes/bin.yaml.j2'), BINARY),
    args: ['configure', '--path', '@'],
    code: 1,
    err: [/templates\/kubernetes\/bin\.yaml\.j2: error render-error: .*is not UTF-8 text \(byte 0xff at position 3, line 1\).*drop the template suffix/, /nothing written/],
  },
  {
    name: 'configure: a folder where an output file goes',
    setup: (r) => {
      rmSync(join(r, 'kubernetes/apps/media/kustomization.yaml'));
      mkdirSync(join(r, 'kubernetes/apps/media/kustomization.yaml/x'), { recursive: true });
    },
    args: ['configure', '--path', '@'],
    code: 1,
    err: [/error write-failed: nothing was written: .*kubernetes\/apps\/media\/kustomization\.yaml is a folder, but a file is to be written there/, /hint: /],
  },
  { name: 'configure: an unknown flag', args: ['configure', '--path', '@', '--frob'], code: 2, err: [/unknown option '--frob'/] },
  { name: 'configure: a bad --undefined', args: ['configure', '--path', '@', '--undefined', 'nope'], code: 2, err: [/Allowed choices are default, chainable, debug, strict/] },
  { name: 'configure: -o without its value', args: ['configure', '--path', '@', '-o'], code: 2, err: [/option '-o, --output <path>' argument missing/] },
  { name: 'configure: -D without =', args: ['configure', '--path', '@', '-D', 'novalue'], code: 2, err: [/--data-var expects key=value, got "novalue"/] },
  { name: 'configure: --path that does not exist', args: ['configure', '--path', '@/nope'], code: 2, err: [/^hops: .*\/nope is not a folder\n$/] },
  { name: 'configure: --path that is a file', args: ['configure', '--path', '@/README.md'], code: 2, err: [/README\.md is not a folder/] },
  { name: 'configure: --config that does not exist', args: ['configure', '--path', '@', '--config', 'nope.toml'], code: 2, err: [/config file nope\.toml not found \(looked for .*nope\.toml\)/, /hint: --config is read relative/], not: [/config-missing-output/] },
  { name: 'configure: --schema that does not exist', args: ['configure', '--path', '@', '--schema', 'nope.json'], code: 1, err: [/nope\.json: error data-schema-unreadable: cannot read JSON Schema: the file does not exist/] },
  { name: 'configure: an empty folder', empty: true, args: ['configure', '--path', '@'], code: 2, err: [/no makejinja\.toml in .* and no --output given/, /hint: run in the folder holding makejinja\.toml/] },
  // vars
  {
    name: 'vars: makejinja.toml that is not TOML',
    setup: (r) => edit(r, 'makejinja.toml', 'force = true', 'force = = true'),
    args: ['vars', '--path', '@'],
    code: 2,
    err: [/makejinja\.toml:\d+:\d+: error config-parse-error/],
    not: [/config-missing-output/],
  },
  { name: 'vars: --path that does not exist', args: ['vars', '--path', '@/nope'], code: 2, err: [/nope is not a folder/] },
  // build
  {
    name: 'build path: an unknown kustomization field, at its line',
    setup: (r) => writeFileSync(join(r, KZ), readFileSync(join(r, KZ), 'utf8') + 'frobnicate: 1\n'),
    args: ['build', 'path', '@/kubernetes/apps/media/jellyfin/app'],
    code: 1,
    err: (r) => [new RegExp(`${esc(KZ)}:${lineOf(r, KZ, 'frobnicate')}: invalid Kustomization: unknown field "frobnicate"`), /hint: check the field names/],
  },
  {
    name: 'build all: a kustomization field of the wrong type, at its line',
    setup: (r) => edit(r, KZ, /^resources:/m, 'namePrefix: [a]\nresources:'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`${esc(KS)}:1: error kustomize-build-failed: .*${esc(KZ)}:${lineOf(r, KZ, 'namePrefix: [a]')}: invalid Kustomization: cannot unmarshal array into field namePrefix`)],
  },
  {
    name: 'build all: a resource that does not exist',
    setup: (r) => edit(r, KZ, /^resources:\n/m, 'resources:\n  - ./nope.yaml\n'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: [new RegExp(`${esc(KZ)}: resources entry '\\./nope\\.yaml': .* does not exist`), /hint: the entry must name a file or a directory/],
  },
  {
    name: 'build all: a resource escaping the repository is not read',
    setup: (r) => {
      writeFileSync(join(r, '..', 'outside.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaked\ndata:\n  a: from-outside\n');
      edit(r, KZ, /^resources:\n/m, 'resources:\n  - ../../../../../../outside.yaml\n');
    },
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: [/accumulating resources from '\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/outside\.yaml': .*outside the repository root/],
    not: [/from-outside/],
  },
  {
    name: 'build all: spec.path that does not exist',
    setup: (r) => edit(r, KS, 'path: ./kubernetes/apps/media/jellyfin/app', 'path: ./kubernetes/apps/media/nope'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: [new RegExp(`${esc(KS)}:1: error path-not-found: Kustomization media/jellyfin: spec\\.path "\\./kubernetes/apps/media/nope" does not exist`), /hint: fix spec\.path/],
  },
  {
    name: 'build all: spec.path leaving the repository',
    setup: (r) => edit(r, KS, 'path: ./kubernetes/apps/media/jellyfin/app', 'path: ../../../etc'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: [new RegExp(`${esc(KS)}:1: error path-outside-repository: .*spec\\.path "\\.\\./\\.\\./\\.\\./etc" leaves the repository`)],
  },
  {
    name: 'build all: spec.path that is not a string',
    setup: (r) => edit(r, KS, 'path: ./kubernetes/apps/media/jellyfin/app', 'path: [a]'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: [new RegExp(`${esc(KS)}:1: error path-invalid: Kustomization media/jellyfin: spec\\.path must be a string, not a list`), /hint: write spec\.path as a folder/],
    not: [/Taskfile/],
  },
  {
    name: 'build ks: an unclosed ${ in a substituted resource',
    setup: (r) => edit(r, HR, 'name: jellyfin', 'name: ${APP'),
    args: ['build', 'ks', 'jellyfin', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`${esc(KS)}:1: error substitution-failed: .*\\(${esc(HR)}:${lineOf(r, HR, 'name: ${APP')}\\): .*missing closing brace`), /hint: fix the \$\{\.\.\.\} expression/],
  },
  {
    name: 'build all: tab indentation in a resource',
    setup: (r) => edit(r, HR, '  name: jellyfin', '\tname: jellyfin'),
    args: ['build', 'all', '--path', '@'],
    code: 1,
    err: (r) => [new RegExp(`${esc(HR)}:${lineOf(r, HR, '\tname: jellyfin')}:1: found character that cannot start any token`)],
  },
  {
    name: 'build path: a binary kustomization.yaml',
    setup: (r) => writeFileSync(join(r, KZ), BINARY),
    args: ['build', 'path', '@/kubernetes/apps/media/jellyfin/app'],
    code: 1,
    err: [new RegExp(`${esc(KZ)}:1:1: control characters are not allowed`)],
  },
  { name: 'build path: a folder that does not exist', args: ['build', 'path', '@/nope'], code: 1, err: [/nope: not a directory: it does not exist/, /hint: pass a directory that holds a kustomization\.yaml/] },
  { name: 'build all: --path that is a file', args: ['build', 'all', '--path', '@/README.md'], code: 2, err: [/README\.md is not a folder/] },
  { name: 'build ks: --path through a file', args: ['build', 'ks', 'jellyfin', '--path', '@/README.md/sub'], code: 2, err: [/README\.md\/sub is not a folder/] },
  { name: 'build all: --entry that does not exist', args: ['build', 'all', '--path', '@', '--entry', 'nope'], code: 2, err: [/--entry nope is not a folder in /, /hint: give the cluster directory/] },
  { name: 'build all: --output-dir that is a file', args: ['build', 'all', '--path', '@', '--output-dir', '@/README.md'], code: 2, err: [/cannot write the build to --output-dir .*README\.md .*nothing written/, /hint: give a directory/] },
  { name: 'build all: an empty folder says there is nothing to build', empty: true, args: ['build', 'all', '--path', '@'], code: 0, err: [/warning no-kustomizations: no Flux Kustomization .* nothing was built/, /hint: run in the repository root or pass --path/] },
  { name: 'build path: a bad --load-restrictor', args: ['build', 'path', '@/kubernetes/apps/media/jellyfin/app', '--load-restrictor', 'x'], code: 2, err: [/--load-restrictor must be root-only or none, not x/] },
  { name: 'build ks: the name missing', args: ['build', 'ks'], code: 2, err: [/missing required argument 'name'/] },
  { name: 'build ks: a name no Kustomization has', args: ['build', 'ks', 'nope', '--path', '@'], code: 2, err: [/no Flux Kustomization named nope/, /hint: list them/] },
  { name: 'build: no subcommand', args: ['build'], code: 2, err: [/Usage: hops build/] },
  { name: 'hops: no command', args: [], code: 2, err: [/Usage: hops/] },
  // validate
  { name: 'validate -: stdin that is not YAML', args: ['validate', '-'], stdin: 'this: is: not: yaml\n', code: 1, out: [/stdin\n\s+1:9\s+error\s+yaml-invalid\s+mapping values are not allowed/, /hint: fix the YAML syntax/] },
  { name: 'validate -: binary stdin', args: ['validate', '-'], stdin: BINARY, code: 1, out: [/stdin\n\s+1:1\s+error\s+yaml-invalid\s+control characters are not allowed/] },
  {
    name: 'validate: a plain file with a repeated key',
    setup: (r) => writeFileSync(join(r, 'cm.yaml'), CRD_LESS + '  name: y\n'),
    args: ['validate', '@/cm.yaml'],
    code: 1,
    out: [/cm\.yaml\n\s+5:3\s+error\s+duplicate-key\s+mapping key "name" already defined at line 4/],
  },
  { name: 'validate: a file that does not exist', args: ['validate', '@/nope.yaml'], code: 2, err: [/nope\.yaml: no such file or folder/, /hint: check the path .*--path <repo>/] },
  {
    // at spec.path Flux drops the field and builds the rest (build path, plain kustomize, fails: above)
    name: 'validate: a kustomization with an unknown field',
    setup: (r) => writeFileSync(join(r, KZ), readFileSync(join(r, KZ), 'utf8') + 'frobnicate: 1\n'),
    args: ['validate', '--path', '@'],
    code: 1,
    out: [new RegExp(`${esc(KZ)}\\n\\s+\\d+:1\\s+error\\s+kustomization-unknown-field\\s+Kustomization media/jellyfin: unknown field "frobnicate" in ${esc(KZ)}; Flux ignores it`)],
    not: [/kustomize-build-failed/],
  },
  { name: 'validate: --disable with an unknown rule', args: ['validate', '--path', '@', '--disable', 'nope'], code: 2, err: [/--disable: no rule nope/, /hint: rule codes: /] },
  { name: 'validate: a local --schema-location that does not exist', args: ['validate', '--path', '@', '--schema-location', '@/nope'], code: 2, err: [/--schema-location .*nope: .* does not exist/] },
  { name: 'validate: a bad --kubernetes-version', args: ['validate', '--path', '@', '--kubernetes-version', 'banana'], code: 2, err: [/--kubernetes-version must look like 1\.33\.0/, /hint: .*\(1\.33\.0, v1\.33\.0\), or master/] },
  { name: 'validate: --entry that does not exist', args: ['validate', '--path', '@', '--entry', 'nope'], code: 2, err: [/--entry nope is not a folder/] },
  { name: 'validate: a bad --output', args: ['validate', '--path', '@', '-o', 'xml'], code: 2, err: [/--output must be one of/] },
  // diff
  { name: 'diff: --ref that does not exist', git: true, args: ['diff', '--path', '@', '--ref', 'nonexistent'], code: 2, err: [/unknown git ref "nonexistent" in /, /hint: name a branch, tag or commit/] },
  { name: 'diff: --ref outside a git repository', args: ['diff', '--path', '@', '--ref', 'main'], code: 2, err: [/is not inside a git repository/, /hint: pass --path-orig/] },
  { name: 'diff: --ref that looks like an option', git: true, args: ['diff', '--path', '@', '--ref', '--output=x'], code: 2, err: [/bad git ref "--output=x"/] },
  { name: 'diff: a bad --unified', git: true, args: ['diff', '--path', '@', '--unified', 'x'], code: 2, err: [/--unified takes a whole number, not "x"/] },
  // new app
  { name: 'new app: an invalid name', args: ['new', 'app', 'media/Who_Ami', '--path', '@'], code: 2, err: [/app name "Who_Ami" is not a valid Kubernetes name/, /hint: did you mean "who-ami"\?/] },
  { name: 'new app: a namespace of ..', args: ['new', 'app', '../whoami', '--path', '@', '--image', 'a/b:1'], code: 2, err: [/namespace "\.\." is not a valid Kubernetes name/] },
  { name: 'new app: a bad --port', args: ['new', 'app', 'media/whoami', '--path', '@', '--image', 'a/b:1', '--port', '99999'], code: 2, err: [/--port must be a number from 1 to 65535/] },
  { name: 'new app: the name missing', args: ['new', 'app'], code: 2, err: [/missing required argument/] },
  // schemas
  { name: 'schemas import: a file without a CRD', args: ['schemas', 'import', `@/${HR}`, '--cache-dir', '@/../cache'], code: 1, err: [new RegExp(`${esc(HR)}: warning no-crd`), /nothing imported/] },
  { name: 'schemas import: --cache-dir that is a file', args: ['schemas', 'import', `@/${HR}`, '--cache-dir', '@/README.md'], code: 2, err: [/schema cache .*README\.md: .*README\.md is a file, not a folder/, /hint: give --cache-dir a folder/] },
  { name: 'schemas list: --cache-dir below a file', args: ['schemas', 'list', '--cache-dir', '@/README.md/sub'], code: 2, err: [/README\.md is a file, not a folder/] },
];

/** Every file below `dir` (relative path → bytes, base64), `.git` left out; folders are listed too. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out.set(relative(dir, p) + '/', '');
        walk(p);
      } else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

const LEAKS = [/\n\s+at /, /internal error/, /(?<![A-Za-z])(?:TypeError|ReferenceError|SyntaxError|RangeError): /, /\[object Object\]/, /: undefined(?:\n|$)/, /of undefined/];

for (const c of cases) {
  test(`bad input: ${c.name}`, { skip: example || c.empty ? false : skipNotice('bad-input cases on examples/homelab', 'kubernetes/ not rendered yet') }, async () => {
    const base = mkdtempSync(join(tmpdir(), 'hops-bad-input-'));
    try {
      const repo = join(base, 'homelab');
      if (c.empty) mkdirSync(repo);
      else cpSync(example!, repo, { recursive: true });
      if (c.git) {
        if (!hasGit) return;
        git(repo, 'init', '-q', '-b', 'main');
        git(repo, 'add', '-A');
        git(repo, 'commit', '-q', '-m', 'base');
      }
      c.setup?.(repo);
      const before = snapshot(base);
      const args = c.args.map((a) => a.replace(/^@/, repo));
      const stdin = c.stdin === undefined ? undefined : Readable.from([c.stdin]);
      const r = await runHops(args, repo, { HOME: join(base, 'home'), XDG_CACHE_HOME: join(base, 'cache'), PATH: process.env['PATH'] }, stdin);
      const said = `exit ${r.code}\nstderr:\n${r.err}\nstdout:\n${r.out.slice(0, 2000)}`;
      assert.equal(r.code, c.code, said);
      for (const re of typeof c.err === 'function' ? c.err(repo) : (c.err ?? [])) assert.match(r.err, re, said);
      for (const re of c.out ?? []) assert.match(r.out, re, said);
      for (const re of [...LEAKS, ...(c.not ?? [])]) {
        assert.doesNotMatch(r.err, re, said);
        assert.doesNotMatch(r.out, re, said);
      }
      assert.deepEqual(snapshot(base), before, 'nothing written, in the repository or beside it');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
}
