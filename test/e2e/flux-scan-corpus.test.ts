// FluxRepo parses only the files that can declare a Kustomization or a GitRepository (mayDeclareKsOrSource). On
// every corpus repository, parsing every YAML file instead finds no declaration in a skipped file, and FluxRepo's
// Kustomizations are exactly those the full parse finds, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap } from '../../src/core/resource.js';
import type { YMap } from '../../src/core/resource.js';
import { parseYamlDocuments } from '../../src/io/yaml-read.js';
import { DiskFS } from '../../src/io/fs.js';
import { nativeEngine } from '../../src/flux/engine.js';
import { isSourceIgnored } from '../../src/flux/generate.js';
import { isFluxKustomization, ksKey, readKustomization, SOURCE_GROUP } from '../../src/flux/model.js';
import { FluxRepo, mayDeclareKsOrSource } from '../../src/flux/repo.js';
import { sharedDir, skipNotice } from '../support/env.js';

const shared = sharedDir();
const reposDir = shared ? join(shared, 'corpus/repos') : '';
const repos = shared && existsSync(reposDir) ? readdirSync(reposDir).sort() : [];
const skip = repos.length ? false : skipNotice('FluxRepo scan on the corpus', 'shared corpus not found');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (isSourceIgnored(name) || ['node_modules', '.cache', 'dist'].includes(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

test('the scan skips only files that declare no Kustomization or GitRepository, on every corpus repository', { skip }, () => {
  let skipped = 0;
  let declaring = 0;
  for (const repo of repos) {
    const root = join(reposDir, repo);
    const expected: string[] = [];
    for (const abs of yamlFiles(root)) {
      const file = relative(root, abs);
      const text = readFileSync(abs, 'utf8');
      let docs;
      try {
        docs = parseYamlDocuments(text, file);
      } catch {
        continue;
      }
      let declares = false;
      for (const d of docs) {
        if (!isMap(d.value)) continue;
        const obj = d.value as YMap;
        if (isFluxKustomization(obj)) {
          declares = true;
          expected.push(`${file}:${d.startLine} ${ksKey(readKustomization({ object: obj, origin: { file, line: d.startLine } }))}`);
        } else if (String(obj['apiVersion'] ?? '').startsWith(SOURCE_GROUP + '/') && obj['kind'] === 'GitRepository') declares = true;
      }
      if (declares) declaring++;
      if (!mayDeclareKsOrSource(text)) {
        assert.equal(declares, false, `${repo}/${file} declares one but would not be parsed`);
        skipped++;
      }
    }
    const repoScan = new FluxRepo({ fs: new DiskFS(), root, engine: nativeEngine(), identities: [], strict: false });
    const found = repoScan.raw.map((k) => `${k.origin.file}:${k.origin.line} ${ksKey(k)}`);
    assert.deepEqual([...found].sort(), [...expected].sort(), repo);
  }
  assert.ok(skipped > 1000 && declaring > 1000, `${skipped} files not parsed, ${declaring} declaring files`);
});
