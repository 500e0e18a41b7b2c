// The generator's documented changes to upstream schemas: the Flux Operator's kinds in Alert/Receiver enums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverrides, ENUM_ADDITIONS } from './bundle-overrides.js';
import type { EnumAddition } from './bundle-overrides.js';
import { defaultBundleDir } from './bundle.js';
import { SchemaRegistry } from './registry.js';
import { validateResource } from './validate-resource.js';

const kindField = (e: unknown[]) => ({
  type: 'object',
  properties: { spec: { type: 'object', properties: { sources: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', enum: e } } } } } } },
});
const table: EnumAddition[] = [{ group: 'g.io', kind: 'K', path: ['spec', 'sources', '[]', 'kind'], values: ['B', 'C'], why: 'test' }];
const enumOf = (s: ReturnType<typeof kindField>) => s.properties.spec.properties.sources.items.properties.kind.enum;

test('an addition appends missing values after upstream ones, keeps null last, and only touches its own kind', () => {
  const s = kindField(['A', 'B']);
  assert.deepEqual(applyOverrides('g.io', 'v1', 'K', s, table).map((o) => o.version), ['v1']);
  assert.deepEqual(enumOf(s), ['A', 'B', 'C']);
  const nullable = kindField(['A', null]);
  applyOverrides('g.io', 'v1', 'K', nullable, table);
  assert.deepEqual(enumOf(nullable), ['A', 'B', 'C', null]);
  const other = kindField(['A']);
  assert.deepEqual(applyOverrides('g.io', 'v1', 'Other', other, table), []);
  assert.deepEqual(enumOf(other), ['A']);
});

test('a listed field without an enum stops the generator (upstream changed)', () => {
  assert.throws(() => applyOverrides('g.io', 'v1', 'K', { type: 'object', properties: { spec: { type: 'object' } } }, table), /g\.io\/v1 K has no enum at spec\.sources\[\]\.kind/);
});

test('the table adds the Flux Operator kinds to Alert and Receiver, not FluxReport', () => {
  for (const kind of ['Alert', 'Receiver']) {
    const a = ENUM_ADDITIONS.find((x) => x.group === 'notification.toolkit.fluxcd.io' && x.kind === kind);
    assert.deepEqual(a?.values, ['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider'], kind);
  }
});

const alert = (apiVersion: string, kind: string) => ({
  apiVersion,
  kind: 'Alert',
  metadata: { name: 'flux', namespace: 'flux-system' },
  spec: { providerRef: { name: 'alertmanager' }, eventSources: [{ kind: 'Kustomization', name: '*' }, { kind, name: '*' }] },
});
const receiver = (kind: string) => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1',
  kind: 'Receiver',
  metadata: { name: 'github', namespace: 'flux-system' },
  spec: { type: 'github', secretRef: { name: 'token' }, resources: [{ apiVersion: 'fluxcd.controlplane.io/v1', kind, name: 'flux' }] },
});

test('bundled Alerts and Receivers accept the Flux Operator kinds; other kinds stay errors', () => {
  const registry = new SchemaRegistry();
  const errs = (obj: unknown) => validateResource(obj, { registry }).filter((f) => f.severity === 'error').map((f) => f.message);
  for (const v of ['notification.toolkit.fluxcd.io/v1beta3', 'notification.toolkit.fluxcd.io/v1beta2']) {
    for (const k of ['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider']) assert.deepEqual(errs(alert(v, k)), [], `${v} ${k}`);
    const bad = errs(alert(v, 'FluxReport'));
    assert.equal(bad.length, 1, v);
    assert.match(bad[0] ?? '', /^at '\/spec\/eventSources\/1\/kind': value must be one of .*'ExternalArtifact', 'FluxInstance', 'ResourceSet', 'ResourceSetInputProvider'$/);
  }
  assert.deepEqual(errs(receiver('ResourceSet')), []);
  assert.equal(errs(receiver('FluxReport')).length, 1);
});

test('NOTICE lists the change and why', () => {
  const dir = defaultBundleDir();
  assert.ok(dir);
  const notice = readFileSync(join(dir, 'NOTICE'), 'utf8');
  assert.match(notice, /## Changes to upstream schemas/);
  assert.match(notice, /notification\.toolkit\.fluxcd\.io Alert \(v1beta2, v1beta3\): spec\.eventSources\[\]\.kind also accepts FluxInstance, ResourceSet, ResourceSetInputProvider\n {2}because the Flux Operator/);
  assert.match(notice, /notification\.toolkit\.fluxcd\.io Receiver \(v1, v1beta2\): spec\.resources\[\]\.kind also accepts/);
});
