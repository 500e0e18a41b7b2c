// Help texts name the default folders the code really uses, environment variables that take precedence included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './index.js';
import { memoryIO } from './io.js';
import { DEFAULT_CACHE_DIR_TEXT, defaultCacheDir } from '../schema/index.js';
import { chartDirs } from '../validate/index.js';

async function help(args: string[]): Promise<string> {
  const io = memoryIO('/nonexistent');
  assert.equal(await main([...args, '--help'], io), 0, io.err());
  return io.out().replace(/\s+/g, ' '); // commander wraps long descriptions
}

test('schema cache: help of validate, schemas import and schemas list says $HOPS_SCHEMA_CACHE, then XDG, then ~/.cache', async () => {
  assert.equal(DEFAULT_CACHE_DIR_TEXT, '$HOPS_SCHEMA_CACHE, else $XDG_CACHE_HOME/hops/schemas, else ~/.cache/hops/schemas');
  assert.equal(defaultCacheDir({ HOPS_SCHEMA_CACHE: '/s', XDG_CACHE_HOME: '/x', HOME: '/h' }), '/s');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }), '/x/hops/schemas');
  assert.equal(defaultCacheDir({ HOME: '/h' }), '/h/.cache/hops/schemas');
  for (const args of [['validate'], ['schemas', 'import'], ['schemas', 'list']]) {
    assert.ok((await help(args)).includes(`--cache-dir <dir> `) && (await help(args)).includes(`(default: ${DEFAULT_CACHE_DIR_TEXT})`), args.join(' '));
  }
});

test('chart folders: validate --chart-cache-dir help names $HOPS_CHART_DIR and both cache defaults', async () => {
  assert.deepEqual(chartDirs({ HOME: '/h' }, ['/given']), ['/given', '/h/.cache/hops/charts', '/h/.cache/helm/repository']);
  const text = await help(['validate']);
  assert.match(text, /--chart-cache-dir <dir> .*searched first, then \$HOPS_CHART_DIR, \$XDG_CACHE_HOME\/hops\/charts \(else ~\/\.cache\/hops\/charts\) and helm's cache/);
});
