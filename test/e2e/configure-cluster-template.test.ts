// Conformance: `hops configure` on onedr0p/cluster-template with its own makejinja.toml must produce the 102 files
// of `__rendered-public` byte for byte. The repo's Python plugin (pydantic, Python ≥ 3.12) is replaced by an ES
// module written here at test time from ../shared/fixtures/cluster-template: its data() is plugin-data.json and
// its five functions read the fake key files (see that folder's README). Nothing is written inside ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configure } from '../../src/render/configure.js';
import { clusterTemplatePlugin, sharedRoot, skipNoticeOnce, snapshot, tempRepo } from './configure-support.js';

function filesBelow(dir: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      if (statSync(join(d, name)).isDirectory()) walk(join(d, name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

test('cluster-template conformance: 102 files byte for byte; a seeded missing variable changes nothing', async (t) => {
  const shared = sharedRoot();
  if (!shared) return t.skip(skipNoticeOnce('cluster-template conformance', '../shared is absent'));
  const repo = join(shared, 'corpus/repos/onedr0p__cluster-template');
  const expectedDir = join(shared, 'corpus/repos/onedr0p__cluster-template__rendered-public');
  const fixtures = join(shared, 'fixtures/cluster-template');
  const tmp = tempRepo({});
  t.after(tmp.cleanup);
  const pluginDir = join(tmp.dir, 'plugin');
  mkdirSync(pluginDir);
  writeFileSync(join(pluginDir, 'plugin.mjs'), clusterTemplatePlugin(fixtures));
  const out = join(tmp.dir, 'out');
  const before = snapshot(repo);

  const overrides = {
    output: out,
    // cluster.toml is the user's file; the template tests' public.toml is what plugin-data.json was validated from
    data: [join(repo, '.github/template-tests/valid/public.toml')],
    // `plugin:Plugin` now resolves to plugin.mjs (an ES module) instead of template/scripts/plugin.py
    import_paths: [pluginDir],
  };
  const result = await configure({ root: repo, cwd: tmp.dir, env: {}, overrides });
  assert.deepEqual(result.findings.filter((f) => f.severity === 'error'), []);
  assert.equal(result.exitCode, 0);

  const expected = filesBelow(expectedDir, (r) => r === 'LICENSE' || r === 'SOURCE');
  const produced = filesBelow(out, (r) => r === '.hops');
  assert.equal(expected.length, 102);
  assert.deepEqual(produced, expected);
  const differing = expected.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(expectedDir, f))));
  assert.deepEqual(differing, [], `${expected.length - differing.length}/102 byte-equal`);
  assert.deepEqual(snapshot(repo), before, 'nothing written inside ../shared');

  // seed a missing variable: the run reports it with the fix and leaves the output tree as it was
  writeFileSync(join(pluginDir, 'plugin.mjs'), clusterTemplatePlugin(fixtures, ['dns.token']));
  const seededDir = join(tmp.dir, 'plugin2');
  mkdirSync(seededDir);
  writeFileSync(join(seededDir, 'plugin.mjs'), clusterTemplatePlugin(fixtures, ['dns.token']));
  const outBefore = snapshot(out);
  const seeded = await configure({ root: repo, cwd: tmp.dir, env: {}, overrides: { ...overrides, import_paths: [seededDir] } });
  assert.equal(seeded.exitCode, 1);
  const errors = seeded.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((f) => `${f.file}:${f.line}:${f.col}`),
    ['template/config/kubernetes/apps/cert-manager/cert-manager/app/secret.sops.yaml.j2:8:18', 'template/config/kubernetes/apps/network/cloudflare-dns/app/secret.sops.yaml.j2:8:18'],
  );
  assert.match(errors[0]!.message, /^"dns\.token" is undefined \('dict object' has no attribute 'token'\); data searched: \.github\/template-tests\/valid\/public\.toml, data of plugin plugin:Plugin$/);
  assert.equal(errors[0]!.hint, 'add "dns.token" to .github/template-tests/valid/public.toml, or document it in TEMPLATE_GUIDE.md');
  assert.equal(seeded.written, false);
  assert.deepEqual(snapshot(out), outBefore, 'the output tree is byte-for-byte unchanged');
});
