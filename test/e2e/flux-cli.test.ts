// `hops build path|ks|all` through the CLI entry point: output, --output-dir files and index.tsv, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/index.js';
import { memoryIO } from '../../src/cli/io.js';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { exampleRepo, skipNotice } from '../support/env.js';

const example = exampleRepo();

function tempRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hops-flux-cli-'));
  const w = (p: string, text: string): void => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  w('apps/a/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  w('apps/a/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n');
  w('apps/broken/kustomization.yaml', 'resources:\n  - missing.yaml\n');
  w(
    'flux/ks.yaml',
    'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: a\n  namespace: flux-system\nspec:\n  path: ./apps/a\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  postBuild:\n    substitute:\n      X: "1"\n',
  );
  return dir;
}

test('build path prints kustomize output and fails with exit 1 naming the file', async () => {
  const repo = tempRepo();
  try {
    const io = memoryIO(repo);
    assert.equal(await main(['build', 'path', 'apps/a'], io), 0, io.err());
    assert.equal(io.out(), 'apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const bad = memoryIO(repo);
    assert.equal(await main(['build', 'path', 'apps/a', 'apps/broken'], bad), 1);
    assert.match(bad.err(), /apps\/broken/);
    assert.match(bad.err(), /missing\.yaml/);
    assert.equal(await main(['build', 'path', 'apps/a', '--load-restrictor', 'sometimes'], memoryIO(repo)), 2);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('build path from another folder: --path sets the root; without it a dir outside the current folder is a usage error with a hint', async () => {
  const repo = tempRepo();
  const elsewhere = mkdtempSync(join(tmpdir(), 'hops-elsewhere-'));
  try {
    const io = memoryIO(elsewhere);
    assert.equal(await main(['build', 'path', join(repo, 'apps/a'), '--path', repo], io), 0, io.err());
    assert.match(io.out(), /name: a/);
    const outside = memoryIO(elsewhere);
    assert.equal(await main(['build', 'path', join(repo, 'apps/a')], outside), 2);
    assert.match(outside.err(), /outside the current folder/);
    assert.match(outside.err(), /--path <repo>/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('build path --output-dir writes one file per dir and index.tsv', async () => {
  const repo = tempRepo();
  try {
    const io = memoryIO(repo);
    assert.equal(await main(['build', 'path', 'apps/a', 'apps/broken', '--output-dir', 'out', '--load-restrictor', 'none'], io), 1);
    assert.equal(io.out(), '');
    assert.match(readFileSync(join(repo, 'out/apps__a.yaml'), 'utf8'), /name: a/);
    assert.equal(readFileSync(join(repo, 'out/apps__broken.yaml'), 'utf8'), '');
    const rows = readFileSync(join(repo, 'out/index.tsv'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows[0], ['dir', 'exit', 'ms', 'error']);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1]]), [['apps/a', '0'], ['apps/broken', '1']]);
    assert.match(rows[2]![3]!, /missing\.yaml/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('build --output-dir that cannot be written: a usage error naming it, no temporary files left', async () => {
  const repo = tempRepo();
  try {
    // below a regular file: the directory cannot be made
    const io = memoryIO(repo);
    assert.equal(await main(['build', 'path', 'apps/a', '--output-dir', 'apps/a/cm.yaml/out'], io), 2);
    assert.match(io.err(), /cannot write the build to --output-dir .*apps\/a\/cm\.yaml\/out .*nothing written/);
    assert.doesNotMatch(io.err(), /internal error|    at /);
    // a directory where index.tsv goes: the unit file is replaced first, and the message says so
    mkdirSync(join(repo, 'out/index.tsv'), { recursive: true });
    const late = memoryIO(repo);
    assert.equal(await main(['build', 'path', 'apps/a', '--output-dir', 'out'], late), 2);
    assert.match(late.err(), /at .*out\/index\.tsv\b.*1 of 2 files replaced before the failure/);
    assert.deepEqual(readdirSync(join(repo, 'out')).sort(), ['apps__a.yaml', 'index.tsv']);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('build ks adds the owner labels; unknown names are a usage error', async () => {
  const repo = tempRepo();
  try {
    const io = memoryIO(repo);
    assert.equal(await main(['build', 'ks', 'a'], io), 0, io.err());
    const doc = parseYamlDocuments(io.out(), 'out')[0]!.value as { metadata: { labels: Record<string, string> } };
    assert.deepEqual(doc.metadata.labels, { 'kustomize.toolkit.fluxcd.io/name': 'a', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' });
    const none = memoryIO(repo);
    assert.equal(await main(['build', 'ks', 'nope', '--path', repo], none), 2);
    assert.match(none.err(), /no Flux Kustomization named nope/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('build all on the example repository', { skip: example ? false : skipNotice('hops build all on examples/homelab', 'kubernetes/ not rendered yet') }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'hops-flux-all-'));
  try {
    const io = memoryIO(example!, { HOME: '/nonexistent' });
    const code = await main(['build', 'all', '--output-dir', out], io);
    const rows = readFileSync(join(out, 'index.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t'));
    assert.ok(rows.length > 5);
    assert.equal(code, rows.every((r) => r[1] === '0') ? 0 : 1, io.err());
    assert.ok(rows.some((r) => r[0] === 'flux-system/cluster-apps'));
    for (const r of rows) assert.ok(existsSync(join(out, r[0]!.replace(/\//g, '__') + '.yaml')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('build all reports a Kustomization Flux does not apply and leaves it out; --include-unapplied builds it', async () => {
  const repo = tempRepo();
  try {
    const w = (p: string, text: string): void => {
      mkdirSync(dirname(join(repo, p)), { recursive: true });
      writeFileSync(join(repo, p), text);
    };
    const ks = (name: string, path: string): string =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ${path}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
    // flux/ks.yaml's `a` builds apps/a; the folder flux/ lists it, and no longer `retired`
    w('flux/kustomization.yaml', 'resources:\n  - ./ks.yaml\n  # - ./retired.yaml\n');
    w('flux/retired.yaml', ks('retired', './apps/retired'));
    w('apps/retired/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    w('apps/retired/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: retired\n');
    w('cluster/flux-system.yaml', ks('flux-system', './flux'));
    const io = memoryIO(repo, { HOME: '/nonexistent' });
    assert.equal(await main(['build', 'all'], io), 0, io.err());
    assert.doesNotMatch(io.out(), /name: retired/);
    assert.match(io.out(), /name: a\n/);
    assert.match(io.err(), /info kustomization-unapplied: Kustomization flux-system\/retired is not applied: its file is inside spec.path of Kustomization flux-system\/flux-system \(flux\), whose kustomization does not list it; not built/);
    const all = memoryIO(repo, { HOME: '/nonexistent' });
    assert.equal(await main(['build', 'all', '--include-unapplied'], all), 0, all.err());
    assert.match(all.out(), /name: retired/);
    assert.match(all.err(), /flux-system\/retired is not applied.*; built anyway, as asked/);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
