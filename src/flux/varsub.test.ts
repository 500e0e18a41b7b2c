import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { YMap } from '../core/resource.js';
import { roundTripShortcut, sourceLine, substituteResource, UNKNOWN, VarsubError } from './varsub.js';
import { v2RoundTrip } from './v2-stable.js';
import type { VarValues } from './varsub.js';
import { stringifyYaml } from '../io/yaml-write.js';
import { readV2 } from './yaml-v2.js';

const vars = (o: Record<string, string>): VarValues => new Map(Object.entries(o));

function deployment(): YMap {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: 'apps', labels: { environment: '${cluster_env:=dev}', region: '${cluster_region}' } },
    spec: {
      template: {
        metadata: { annotations: { 'prometheus.io/scrape': '${prometheus_scrape:=false}', 'prometheus.io/port': '${prometheus_port}' } },
        spec: { containers: [{ name: 'nginx', image: '${image}', resources: { limits: { cpu: '2000m' } } }] },
      },
    },
  };
}

test('substitutes values in place and keeps everything else', () => {
  // values as they come from a ConfigMap: quotes inside the value keep the result a string
  const r = substituteResource(
    deployment(),
    vars({ cluster_env: 'prod', cluster_region: 'eu-central-1', prometheus_scrape: '"true"', prometheus_port: '"9797"', image: 'nginx:1.21.4' }),
  );
  assert.equal(r.status, 'substituted');
  if (r.status !== 'substituted') return;
  const o = r.object as any;
  assert.deepEqual(o.metadata.labels, { environment: 'prod', region: 'eu-central-1' });
  assert.deepEqual(o.spec.template.metadata.annotations, { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9797' });
  assert.equal(o.spec.template.spec.containers[0].image, 'nginx:1.21.4');
  assert.equal(o.spec.template.spec.containers[0].resources.limits.cpu, '2000m');
});

test('a resource with the disabled label or annotation is left alone', () => {
  for (const where of ['labels', 'annotations']) {
    const cm: YMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', [where]: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } }, data: { a: '${A}' } };
    assert.deepEqual(substituteResource(cm, vars({ A: 'x' })), { status: 'disabled' });
  }
});

test('without variables nothing runs unless the strategy is Always', () => {
  const cm: YMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '${A:=dflt}', b: '$${B}' } };
  assert.deepEqual(substituteResource(cm, new Map()), { status: 'no-variables' });
  const r = substituteResource(cm, new Map(), { always: true });
  assert.equal(r.status, 'substituted');
  if (r.status === 'substituted') assert.deepEqual(r.object['data'], { a: 'dflt', b: '${B}' });
});

test('the substituted text is re-read: quoting in the source does not keep strings', () => {
  const obj: YMap = {
    apiVersion: 'v1',
    kind: 'X',
    metadata: { name: 'x' },
    spec: { port: '${PORT}', enabled: '${ON}', empty: '${NOPE}', quoted: '${Q}${PORT}${Q}', text: 'port ${PORT}', yes: '${Y}' },
  };
  const r = substituteResource(obj, vars({ PORT: '8080', ON: 'true', Q: '"', Y: 'yes' }));
  assert.equal(r.status, 'substituted');
  if (r.status !== 'substituted') return;
  // go-yaml v2 reads YAML 1.1: `yes` is a boolean too
  assert.deepEqual(r.object['spec'], { port: 8080, enabled: true, empty: null, quoted: '8080', text: 'port 8080', yes: true });
  assert.deepEqual(r.unset, ['NOPE']);
});

test('values that break the YAML around them fail like Flux', () => {
  const obj: YMap = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: '${V}' } };
  assert.throws(() => substituteResource(obj, vars({ V: 'a: b' })), (e: unknown) => e instanceof VarsubError && e.message.startsWith('envsubst error: YAMLToJSON: yaml:'));
  // inside a single-quoted scalar, an apostrophe ends the string
  const sq: YMap = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: '${V}: x' } };
  assert.throws(() => substituteResource(sq, vars({ V: "it's" })), VarsubError);
  // a comment character after a space cuts the value
  const r = substituteResource(obj, vars({ V: 'a #b' }));
  assert.equal(r.status === 'substituted' && (r.object['spec'] as YMap)['a'], 'a');
});

test('parse errors and invalid names fail the whole resource with a location', () => {
  const obj: YMap = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: 'ok', b: '${BROKEN' } };
  assert.throws(
    () => substituteResource(obj, vars({ A: '1' })),
    (e: unknown) => e instanceof VarsubError && e.message === 'envsubst error: variable substitution failed: missing closing brace' && e.excerpt === 'b: ${BROKEN',
  );
  assert.throws(
    () => substituteResource(obj, vars({ 'my-var': '1' })),
    (e: unknown) => e instanceof VarsubError && e.message.includes("'my-var' var name is invalid"),
  );
  assert.throws(() => substituteResource({ ...obj, spec: { a: '${X}' } }, vars({ A: '1' }), { strict: true }), /variable not set \(strict mode\): "X"/);
});

test('unknown values keep their expressions', () => {
  const obj: YMap = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { host: 'app.${SECRET_DOMAIN}', n: '${N}' } };
  const r = substituteResource(obj, new Map<string, string | typeof UNKNOWN>([['SECRET_DOMAIN', UNKNOWN], ['N', '3']]));
  assert.equal(r.status, 'substituted');
  if (r.status !== 'substituted') return;
  assert.deepEqual(r.object['spec'], { host: 'app.${SECRET_DOMAIN}', n: 3 });
  assert.deepEqual(r.unknown, ['SECRET_DOMAIN']);
});

test('kustomize-printed text reads back with go-yaml v2 typing to the same values', () => {
  const o: YMap = {
    s: 'plain', n: 1, f: 1.5, b: false, z: null, big: 2n ** 62n,
    typed: ['true', '1', 'on', 'y', '0755', '1e3', '~', '', '2024-01-02', '12:30'],
    odd: [' lead', 'trail ', 'a: b', '- x', '#c', 'x #c', "'q'", '"d"', 'tab\there', '😀', 'é'],
    lines: ['a\nb', 'a\nb\n', 'a\n\n', '\n', ' indented\nx', 'trailing \nspace'],
    nested: [[1, [2]], { k: [] }, {}],
    'key: with colon': 1, '': 'empty key', 'multi\nline key': 2,
  };
  const text = stringifyYaml(o);
  assert.deepEqual(readV2(text), o);
  // the strings that would read back as other types are quoted
  assert.match(text, /- "on"\n/);
  assert.match(text, /- "0755"\n/);
  assert.match(text, /^s: plain$/m);
});

test('substituted values are typed as go-yaml v2 types them: float overflow and `0o` with a sign stay strings', () => {
  const r = substituteResource(
    { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: '${BIG}', b: '${U}', c: '${O}', d: '${N}' } },
    vars({ BIG: '1e999', U: '.5_0', O: '0o-7', N: '-0o7' }),
  );
  assert.equal(r.status, 'substituted');
  if (r.status !== 'substituted') return;
  assert.deepEqual(r.object['spec'], { a: '1e999', b: 0.5, c: '0o-7', d: -7 });
  assert.deepEqual(readV2('a: 1e999\nb: .5_0\nc: 0o-7\n'), { a: '1e999', b: 0.5, c: '0o-7' });
  assert.throws(() => readV2('a: .inf\n'), /json: unsupported value: \+Inf/);
});

test('without a `$` the re-read is skipped only when it cannot change anything: both ways agree on edge values', () => {
  const exact = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? { bigint: x.toString() } : typeof x === 'number' && Object.is(x, -0) ? { negativeZero: true } : x));
  const run = (obj: YMap, shortcut: boolean): string => {
    roundTripShortcut.enabled = shortcut;
    try {
      return exact(substituteResource(obj, vars({ A: 'a' })));
    } catch (e) {
      return `threw ${(e as Error).name}: ${(e as Error).message}`;
    } finally {
      roundTripShortcut.enabled = true;
    }
  };
  const cases: Record<string, unknown> = {
    plain: { b: 'x', a: 'yes', '10': 1, '2': true, c: null, d: [1.5, 'on', '0755', '2024-01-02', 'a: b'], e: {} },
    negativeZero: -0,
    bigNumber: 2 ** 60,
    bigint: 12345678901234567890n,
    smallBigint: 5n,
    tooBigBigint: 2n ** 70n,
    infinity: Infinity,
    loneSurrogate: 'a\uD800b',
    nel: 'a\u0085b',
    control: 'a\u0090b',
    unicode: 'café ✓ 😀',
    multiline: 'line 1\nline 2\n',
    protoKey: { ['__proto__']: 'x' },
    undefinedInList: [undefined],
  };
  let skipped = 0;
  for (const [name, value] of Object.entries(cases)) {
    const obj = JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })) as YMap;
    (obj as Record<string, unknown>)['data'] = name === 'protoKey' ? Object.defineProperty({}, '__proto__', { value: 'x', enumerable: true }) : value;
    const fast = run(obj, true);
    assert.equal(fast, run(obj, false), name);
    if (v2RoundTrip(obj)) skipped++;
  }
  // the ordinary cases do take the shortcut
  assert.ok(skipped >= 3, `${skipped} cases skipped the re-read`);
  // keys come back in go-yaml v2's order, as the re-read gives them
  const r = substituteResource({ kind: 'K', apiVersion: 'v1', metadata: { name: 'x' }, data: { b: '1', a: '2' } }, vars({ A: 'a' }));
  assert.equal(r.status, 'substituted');
  if (r.status === 'substituted') assert.deepEqual(Object.keys(r.object), ['apiVersion', 'data', 'kind', 'metadata']);
});

test('text with a `$` that substitution leaves alone is not re-read either, and gives the same', () => {
  const obj: YMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { price: 'costs $5', port: '8080', on: 'yes' } };
  roundTripShortcut.enabled = false;
  const slow = substituteResource(obj, vars({ A: 'a' }));
  roundTripShortcut.enabled = true;
  assert.deepEqual(substituteResource(obj, vars({ A: 'a' })), slow);
});

test('substituted in place without a re-read only when the text would read back the same: both ways agree', () => {
  const exact = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? { bigint: x.toString() } : typeof x === 'number' && Object.is(x, -0) ? { negativeZero: true } : x));
  let reads = 0;
  const run = (data: YMap, values: Record<string, string>, shortcut: boolean): string => {
    roundTripShortcut.enabled = shortcut;
    try {
      return exact(substituteResource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data }, vars(values)));
    } catch (e) {
      return `threw ${(e as Error).name}: ${(e as Error).message}`;
    } finally {
      roundTripShortcut.enabled = true;
    }
  };
  const cases: Array<[YMap, Record<string, string>]> = [
    [{ port: '${PORT}', host: '${APP}.${DOMAIN:=example.com}' }, { PORT: '8080', APP: 'web' }], // becomes a number
    [{ flag: '${ON}', date: '${D}', oct: '${O}' }, { ON: 'yes', D: '2024-01-02', O: '0755' }], // v2 typing
    [{ a: '${X}' }, { X: 'b: c' }], // breaks the YAML around it: Flux fails
    [{ a: '${X}' }, { X: '"quoted"' }], // quotes from the value
    [{ a: 'say "${X}"', b: "it's ${X}" }, { X: 'hi' }], // inside quoted text
    [{ a: '${X}' }, { X: '- item' }],
    [{ a: '${X}' }, { X: '{a: 1}' }], // a flow mapping
    [{ a: '${X}' }, { X: '# comment' }],
    [{ a: 'line 1\n${X}\nline 3\n' }, { X: 'middle' }], // a literal block
    [{ '${K}': 'v', other: 'w' }, { K: 'key' }], // keys are substituted too
    [{ '${K}': 'v', key: 'w' }, { K: 'key' }], // into a key that exists
    [{ a: '${X}', b: 'x}' }, { X: '${' }], // a value that opens an expression
    [{ a: 'x'.repeat(70) + ' ${X}' }, { X: 'y '.repeat(20) }], // long text that folds
    [{ a: '${X:0:3}', b: '${X^^}', c: '${X/a/b}' }, { X: 'banana' }],
    [{ a: '$${X}', b: '${Y:-${X}}' }, { X: 'x' }],
    // values go-yaml v2 types when they land in a plain scalar
    [{ gid: '${GID}', name: 'id-${GID}', list: ['${GID}', '${B}'] }, { GID: '568', B: 'yes' }],
    [{ a: '${N}', b: '${E}', c: '${F}', d: '${I}', e: '${T}' }, { N: '~', E: '', F: '1e3', I: '12345678901234567890', T: '.inf' }],
    [{ a: '${O}', b: '${H}', c: '${M}' }, { O: '0755', H: '0x1F', M: '-0' }],
    [{ a: 'x: ${GID}', b: '"${GID}"' }, { GID: '568' }], // quoted in the text: stays a string
  ];
  for (const [data, values] of cases) {
    const fast = run(structuredClone(data), values, true);
    assert.equal(fast, run(structuredClone(data), values, false), JSON.stringify([data, values]));
    if (!fast.startsWith('threw')) reads++;
  }
  assert.ok(reads >= 10);
});

test('a failing substitution never quotes a line of a Secret, nor parser words about text holding a Secret value', () => {
  const fail = (obj: YMap, values: Record<string, string>, secretVars = new Set<string>()): VarsubError => {
    try {
      substituteResource(obj, vars(values), { secretVars });
    } catch (e) {
      assert.ok(e instanceof VarsubError);
      return e;
    }
    assert.fail('substitution should fail');
  };
  const broken = { token: 's3cr3t-value-${UNCLOSED' };
  // a ConfigMap's line is quoted, to help find the mistake
  const cm = fail({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: broken }, { A: 'a' });
  assert.equal(cm.excerpt, 'token: s3cr3t-value-${UNCLOSED');
  // Secrets, other secret kinds and SOPS-encrypted objects are not
  for (const obj of [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: broken },
    { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's' }, spec: { template: { data: broken } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's' }, data: broken, sops: { mac: 'ENC[...]' } },
  ] as YMap[]) {
    const e = fail(obj, { A: 'a' });
    assert.equal(e.excerpt, undefined, String(obj['kind']));
    assert.equal(typeof e.line, 'number'); // the position is still given
    assert.doesNotMatch(e.message, /s3cr3t/);
  }
  // a value from a Secret that breaks the YAML: the parser would quote it
  const cmUsing: YMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '${TOKEN}' } };
  assert.match(fail(cmUsing, { TOKEN: '|s3cr3t' }).message, /s3cr3t/);
  const hidden = fail(cmUsing, { TOKEN: '|s3cr3t' }, new Set(['TOKEN']));
  assert.doesNotMatch(hidden.message, /s3cr3t/);
  assert.match(hidden.message, /^envsubst error: YAMLToJSON: yaml: the substituted text is not valid YAML at line 3, column 7 \(/);
  // the same inside a Secret, whatever the variable's origin
  assert.doesNotMatch(fail({ ...cmUsing, kind: 'Secret' }, { TOKEN: '|s3cr3t' }).message, /s3cr3t/);
});

test("a failing expression's line in its source file: in the resource's document, else the document's first line", () => {
  const failing = (obj: YMap, strict = false): VarsubError => {
    try {
      substituteResource(obj, vars({ A: '1' }), { strict });
    } catch (e) {
      if (e instanceof VarsubError) return e;
      throw e;
    }
    assert.fail('no error');
  };
  const text = [
    'apiVersion: v1', // 1
    'kind: ConfigMap',
    'metadata:',
    '  name: first',
    'data:',
    '  b: "${BROKEN and more"', // 6: the same expression in another document
    '---',
    'apiVersion: v1', // 8
    'kind: ConfigMap',
    'metadata:',
    '  name: second',
    'data:',
    '  z: fine',
    "  b: '${BROKEN and more'", // 14: quoted otherwise than printed
    '',
  ].join('\n');
  const e = failing({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second' }, data: { b: '${BROKEN and more', z: 'fine' } });
  assert.equal(e.expression, '${BROKEN and more');
  assert.equal(sourceLine(text, 8, e.expression), 14);
  assert.equal(sourceLine(text, 1, e.expression), 6);
  // not written in the document (a patch added it): the document's first line
  assert.equal(sourceLine(text, 8, '${ELSEWHERE'), 8);
  assert.equal(sourceLine(text, 0, undefined), 1);
  // strict mode points at the variable without a value; a Secret gives no excerpt, its line all the same
  const strict = failing({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'p4ss${X}' } }, true);
  assert.equal(strict.excerpt, undefined);
  assert.equal(strict.expression, '${X}');
  assert.equal(sourceLine('kind: Secret\nstringData:\n  k: p4ss${X}\n', 1, strict.expression), 3);
});
