// The chart lookup diff and validate share: every layout either command used to read, found by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChartPath as diffLookup } from '../diff/helm-chart.js';
import { chartDirs, defaultChartCacheDir, findLocalChart } from './local-charts.js';

function chart(dir: string, version: string | null, name = 'app-template'): void {
  mkdirSync(dir, { recursive: true });
  if (version !== null) writeFileSync(join(dir, 'Chart.yaml'), `name: ${name}\nversion: ${version}\n`);
  writeFileSync(join(dir, 'values.schema.json'), '{}');
}

test('local charts: .tgz, <name>-<version>/, <name>/, <name>/<version>/ and <name>/<version>/<name>/', () => {
  const root = mkdtempSync(join(tmpdir(), 'hops-local-charts-'));
  try {
    const at = (sub: string): string => join(root, sub);
    chart(at('a/app-template'), '1.0.0');
    mkdirSync(at('b'));
    writeFileSync(at('b/app-template-2.0.0.tgz'), '');
    chart(at('c/app-template-3.0.0'), '3.0.0');
    chart(at('c/app-template-3.1.0'), '3.0.9'); // folder name and Chart.yaml disagree: not a chart of 3.1.0
    chart(at('d/app-template/4.0.0'), '4.0.0');
    chart(at('d/app-template/4.1.0/app-template'), '4.1.0');
    chart(at('d/app-template/v4.2.0'), null); // values.schema.json only: the folder's name is the version
    const find = (version: string, dir: string): string | undefined => findLocalChart({ name: 'app-template', version }, [at(dir)], { schemaOnly: true });
    assert.equal(find('1.0.0', 'a'), at('a/app-template'));
    assert.equal(find('2.0.0', 'b'), at('b/app-template-2.0.0.tgz'));
    assert.equal(find('3.0.0', 'c'), at('c/app-template-3.0.0'));
    assert.equal(find('3.1.0', 'c'), undefined);
    assert.equal(find('4.0.0', 'd'), at('d/app-template/4.0.0'));
    assert.equal(find('v4.1.0', 'd'), at('d/app-template/4.1.0/app-template'));
    assert.equal(find('4.2.0', 'd'), at('d/app-template/v4.2.0'));
    assert.equal(find('^4.0.0', 'd'), at('d/app-template/v4.2.0'));
    assert.equal(find('5.0.0', 'd'), undefined);
    // earlier folders win, even with a higher version later
    assert.equal(findLocalChart({ name: 'app-template', version: '*' }, [at('a'), at('d')]), at('a/app-template'));
    // diff reads the same layouts through the same function
    assert.equal(diffLookup({ name: 'app-template', version: '4.1.0' }, [at('d')]), at('d/app-template/4.1.0/app-template'));
    // but not a folder with values.schema.json alone, which helm cannot render: it neither matches nor hides a chart
    chart(at('e/app-template-4.2.0'), '4.2.0');
    assert.equal(diffLookup({ name: 'app-template', version: '4.2.0' }, [at('d')]), undefined);
    assert.equal(diffLookup({ name: 'app-template', version: '4.2.0' }, [at('d'), at('e')]), at('e/app-template-4.2.0'));
    assert.equal(diffLookup({ name: 'app-template', version: '^4.0.0' }, [at('d')]), at('d/app-template/4.1.0/app-template'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('chart folders: given, $HOPS_CHART_DIR, then the hops and helm caches', () => {
  assert.deepEqual(chartDirs({ XDG_CACHE_HOME: '/c', HOPS_CHART_DIR: '/x' }), ['/x', '/c/hops/charts', '/c/helm/repository']);
  assert.deepEqual(chartDirs({ HOME: '/h' }, ['/given']), ['/given', '/h/.cache/hops/charts', '/h/.cache/helm/repository']);
  assert.equal(defaultChartCacheDir({ HOME: '/h' }), '/h/.cache/hops/charts');
  assert.equal(defaultChartCacheDir({ HOME: '/h', XDG_CACHE_HOME: '/c' }), '/c/hops/charts');
  // without $HOME, the account's home, as validate's default and the schema cache had it (diff searched no cache)
  assert.deepEqual(chartDirs({}), [join(homedir(), '.cache', 'hops', 'charts'), join(homedir(), '.cache', 'helm', 'repository')]);
  assert.equal(chartDirs({})[0], defaultChartCacheDir({}));
});
