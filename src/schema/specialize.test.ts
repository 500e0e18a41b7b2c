// Validators compiled for the fields documents use (shape.ts, specialize.ts) judge every document exactly as the full
// schema does: on real corpus documents, on the same documents with defects seeded all over them, and when a document
// uses fields the compiled shape lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../core/finding.js';
import { sharedDir, skipNotice } from '../../test/support/env.js';
import { isObject } from './keywords.js';
import { manifestFiles } from './manifest-inputs.js';
import { SchemaRegistry } from './registry.js';
import { SchemaDocs } from './schema-docs.js';
import { addShape, covers, emptyShape, ShapeIds } from './shape.js';
import { specialize } from './specialize.js';
import { manifestResources, validateResources } from './validate-manifests.js';
import type { ResourceInput } from './validate-resource.js';
import { validateResource } from './validate-resource.js';

test('a shape covers what was added to it, and nothing else', () => {
  const s = emptyShape();
  addShape(s, { a: { b: 1 }, list: [{ x: 1 }, { y: [2] }] });
  assert.ok(covers(s, { a: {}, list: [{ y: [] }, { x: 'z' }] }));
  assert.ok(covers(s, { a: 'scalar where an object was' }));
  assert.ok(!covers(s, { a: { c: 1 } }));
  assert.ok(!covers(s, { list: [{ z: 1 }] }));
  assert.ok(!covers(s, { a: { b: [1] } }), 'items under a key seen only as a scalar');
  const ids = new ShapeIds();
  const t = emptyShape();
  addShape(t, { a: { b: 'other value' }, list: [{ y: [3], x: 0 }] });
  assert.equal(ids.id(s), ids.id(t));
});

test('unused subschemas become true; refs become local definitions, one per target and shape; recursion ends', () => {
  const docs = new SchemaDocs();
  const doc = {
    definitions: {
      node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/node' } } }, additionalProperties: false },
    },
  };
  docs.add('https://x.invalid/d.json', doc);
  const root = { $ref: 'https://x.invalid/d.json#/definitions/node' };
  assert.ok(docs.compilable(root, 'https://x.invalid/root.json'));
  const shape = emptyShape();
  addShape(shape, { name: 'a', children: [{ name: 'b' }] });
  const out = specialize(root, 'https://x.invalid/root.json', shape, docs, new ShapeIds());
  assert.deepEqual(out, {
    $ref: '#/$defs/s0',
    $defs: {
      s0: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/s1' } } }, additionalProperties: false },
      s1: { type: 'object', properties: { name: { type: 'string' }, children: true }, additionalProperties: false },
    },
  });
  const self = emptyShape();
  addShape(self, { children: [{ children: [{}] }] });
  const deep = specialize(root, 'https://x.invalid/root.json', self, docs, new ShapeIds());
  assert.equal(Object.keys(deep['$defs'] as object).length, 3, 'one definition per depth the documents reach');
});

test('what ajv would refuse to compile is left to the full compile', () => {
  const docs = new SchemaDocs();
  const base = 'https://x.invalid/a.json';
  docs.add(base, {});
  for (const bad of [{ enum: [] }, { type: 'text' }, { properties: { a: { $ref: '#/nowhere' } } }, { items: { minLength: '1' } }, { properties: { a: { $id: 'other' } } }, { nullable: true }]) {
    assert.equal(docs.compilable(bad, base), false, JSON.stringify(bad));
  }
  assert.ok(docs.compilable({ type: ['string', 'null'], enum: ['a', null], properties: { a: true } }, base));
});

const widgetCrd = (schema: Record<string, unknown>) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
});
const widget = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

test('a document using fields the compiled shape lacks is still judged in full', () => {
  const crd = widgetCrd({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'object', properties: { n: { type: 'integer' } } }, b: { type: 'array', items: { type: 'object', properties: { m: { type: 'integer' } } } } } } } });
  const registry = new SchemaRegistry({ crds: [crd], bundleDir: null });
  const errs = (o: unknown) => validateResource(o, { registry }).map((f) => f.message);
  assert.deepEqual(errs(widget({ a: { n: 1 } })), []);
  assert.deepEqual(errs(widget({ b: [{ m: 'x' }], a: { q: 1 } })), ["at '/spec/a': additional properties 'q' not allowed", "at '/spec/b/0/m': got string, want null or integer"]);
  assert.deepEqual(errs(widget({ a: { n: 'x' } })), ["at '/spec/a/n': got string, want null or integer"]);
  // past a few shapes the kind is compiled in full, with the same verdicts
  assert.deepEqual(errs(widget({ c: 1, b: [{ m: 2, k: 1 }] })), ["at '/spec': additional properties 'c' not allowed", "at '/spec/b/0': additional properties 'k' not allowed"]);
  assert.deepEqual(errs(widget({ a: { n: 2.5 } })), ["at '/spec/a/n': got number, want null or integer"]);
});

test('a schema that does not compile is still reported, and the next source used', () => {
  const registry = new SchemaRegistry({ crds: [widgetCrd({ type: 'object', properties: { spec: { type: 'text' } } })], bundleDir: null });
  const f = validateResource(widget('x'), { registry });
  assert.deepEqual(
    f.map((x) => [x.code, x.message]),
    [
      ['schema-unusable', 'CustomResourceDefinition widgets.example.com: schema does not compile: type must be JSONType or JSONType[]: text,null'],
      ['schema-missing', 'could not find schema for Widget (example.com/v1)'],
    ],
  );
});

// --- the corpus: every document of three repositories, as written and with defects seeded through them

const shared = sharedDir();
const skip = shared ? false : skipNotice('specialised validators on the corpus', '../shared is absent');
const REPOS = ['gavinmcfall__home-ops', 'onedr0p__home-ops', 'haraldkoch__kochhaus-home'];

function corpusInputs(): ResourceInput[] {
  const out: ResourceInput[] = [];
  for (const repo of REPOS) {
    const root = join(shared as string, 'corpus', 'repos', repo);
    for (const f of manifestFiles([root])) {
      if (!/\.ya?ml$/.test(f)) continue;
      out.push(...manifestResources({ file: `${repo}/${relative(root, f)}`, text: readFileSync(f, 'utf8') }).resources);
    }
  }
  return out;
}

/** Deterministic damage at every depth: unknown keys, scalars of the wrong type, objects where lists were. */
function seeded(v: unknown, path: string, n: { i: number }): unknown {
  n.i++;
  if (Array.isArray(v)) return v.map((x, i) => seeded(x, `${path}/${i}`, n));
  if (!isObject(v)) {
    if (n.i % 7 === 0) return typeof v === 'string' ? 12 : typeof v === 'number' ? 'twelve' : typeof v === 'boolean' ? 'yes' : v;
    if (n.i % 23 === 0) return { unexpected: v };
    return v;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'apiVersion' || k === 'kind' ? x : seeded(x, `${path}/${k}`, n);
  if (n.i % 5 === 0) out[`${path.split('/').pop() ?? 'x'}Typo`] = 1;
  if (n.i % 11 === 0) out['spec'] = 'not an object';
  return out;
}

const key = (f: Finding) => JSON.stringify([f.code, f.severity, f.file, f.line, f.col, f.message, f.hint, f.resource]);

async function both(inputs: ResourceInput[]): Promise<[string[], string[]]> {
  const opts = { allowPlaceholders: true, missingSchema: 'warn' as const };
  const full = await validateResources(inputs, { ...opts, registry: new SchemaRegistry({ specialize: false }) });
  const special = await validateResources(inputs, { ...opts, registry: new SchemaRegistry() });
  return [full.map(key), special.map(key)];
}

test('corpus documents: the same findings, in the same order, from specialised and full validators', { skip, timeout: 300_000 }, async () => {
  const inputs = corpusInputs();
  assert.ok(inputs.length > 2000, `${inputs.length} documents`);
  const [full, special] = await both(inputs);
  assert.deepEqual(special, full);
  const n = { i: 0 };
  const damaged = inputs.map((r) => ({ ...r, object: seeded(r.object, '', n) }));
  const [fullD, specialD] = await both(damaged);
  assert.ok(fullD.filter((k) => k.includes('"schema-invalid"')).length > 2000, 'the seeded defects are found');
  assert.deepEqual(specialD, fullD);
});
