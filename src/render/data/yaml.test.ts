import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadYaml } from './yaml.js';
import { pythonWithJinja, skipNotice } from '../../../test/support/env.js';

// Canonical text of a loaded value, identical for PyYAML (see PY below) and for us.
function canon(v: unknown): unknown {
  if (v === null) return null;
  if (typeof v === 'bigint') return { i: v.toString() };
  if (typeof v === 'number') return { f: Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v) };
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Map) return { d: [...v.entries()].map(([k, x]) => [canon(k), canon(x)]) };
  if (Array.isArray(v)) return v.map(canon);
  throw new Error('unexpected ' + String(v));
}

const PY = String.raw`
import sys, json, yaml, datetime, math
def canon(v):
    if v is None: return None
    if isinstance(v, bool): return v
    if isinstance(v, int): return {"i": str(v)}
    if isinstance(v, float):
        if math.isnan(v): return {"f": "nan"}
        if math.isinf(v): return {"f": "inf" if v > 0 else "-inf"}
        r = repr(v)
        return {"f": r}
    if isinstance(v, (datetime.date, datetime.datetime)): return str(v)
    if isinstance(v, str): return v
    if isinstance(v, dict): return {"d": [[canon(k), canon(x)] for k, x in v.items()]}
    if isinstance(v, list): return [canon(x) for x in v]
    raise TypeError(type(v))
out = []
for src in json.load(sys.stdin):
    data = {}
    for doc in yaml.safe_load_all(src):
        data |= doc
    out.append(canon(data))
print(json.dumps(out))
`;

// Python prints floats with repr; JS String() differs for e.g. 1e+16 vs 1e16 and 1.0 vs 1, so normalise both.
function normFloats(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normFloats);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['f'] === 'string') return { f: ['nan', 'inf', '-inf'].includes(o['f']) ? o['f'] : Number(o['f']) };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, normFloats(x)]));
  }
  return v;
}

const PROBES = [
  'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\nh: ~\ni: null\nj:\n',
  'a: 0755\nb: 0x1F\nc: 0b101\nd: 1_000\ne: -0\nf: +12\ng: 09\nh: 0o17\ni: 1:30\nj: 190:20:30\nk: 00:11:22:33:44:55\nl: 12:34:56:78:9a:bc\n',
  'a: 1.5\nb: 1e3\nc: 1.0e3\nd: 1.0e+3\ne: .5\nf: 1.\ng: .inf\nh: -.Inf\ni: 1:30.5\nj: 6.8523015e+5\nk: 1_0.5\n',
  'a: 2024-01-02\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10\nd: 2002-12-14T01:02:03Z\ne: 2001-12-15 2:59:43.10\n',
  'a: "yes"\nb: \'0755\'\nc: !!str 12\nd: !!int "12"\ne: !!float "1"\nf: |\n  text\n  more\n',
  'base: &b {x: 1, y: 2}\nother: &o {z: 3, x: 9}\nm:\n  <<: [*b, *o]\n  y: 5\nn:\n  <<: *b\n',
  'a: 1\n---\nb: 2\n---\na: 3\n',
  '1: int key\ntrue: bool key\n1.5: float key\nnull: null key\non: x\n',
  'list:\n  - 1\n  - - nested\n    - 2.5\n  - {a: b}\nkey with spaces: v\n"quoted: key": w\n',
  'a: 1\na: 2\n',
];

test('YAML data loads exactly like PyYAML safe_load_all', (t) => {
  const py = pythonWithJinja();
  if (!py) return t.skip(skipNotice('PyYAML comparison', 'python3 with yaml not found'));
  const r = spawnSync(py, ['-c', PY], { input: JSON.stringify(PROBES), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as unknown[];
  PROBES.forEach((src, i) => {
    const got = loadYaml(src, 'probe.yaml');
    assert.deepEqual(got.findings.filter((f) => f.severity === 'error'), [], src);
    assert.deepEqual(normFloats(canon(got.data)), normFloats(expected[i]), src);
  });
});

test('scalars read differently by YAML 1.1 and 1.2 are warned about with file:line and a quoting hint', () => {
  const src = 'network:\n  mac: 10:11:22:33:44:55\n  enabled: yes\nmode: 0755\nname: plain\nport: 8080\nquoted: "yes"\n';
  const { findings } = loadYaml(src, 'bootstrap/config.yaml');
  const warn = findings.filter((f) => f.code === 'yaml-1.1-scalar');
  assert.deepEqual(
    warn.map((f) => [f.line, f.col]),
    [
      [2, 8],
      [3, 12],
      [4, 7],
    ],
  );
  assert.match(warn[0]!.message, /network\.mac: 10:11:22:33:44:55 is the number 7923433495 \(base 60\)/);
  assert.equal(warn[0]!.file, 'bootstrap/config.yaml');
  assert.match(warn[0]!.hint!, /quote it: "10:11:22:33:44:55"/);
  assert.match(warn[1]!.message, /the boolean True in YAML 1.1/);
  assert.match(warn[2]!.message, /the octal number 493 .* the number 755/);
});

test('a document that is not a mapping is an error naming the line', () => {
  const { findings } = loadYaml('a: 1\n---\n- x\n', 'd.yaml');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, 'data-not-mapping');
  assert.equal(findings[0]!.line, 3);
});

test('YAML syntax errors and unknown tags are findings, not exceptions', () => {
  const a = loadYaml('a: [1, 2\nb: 3\n', 'x.yaml');
  assert.equal(a.findings[0]!.code, 'data-parse-error');
  const b = loadYaml('a: !vault abc\n', 'x.yaml');
  assert.match(b.findings[0]!.message, /could not determine a constructor for the tag '!vault'/);
  assert.equal(b.findings[0]!.line, 1);
});

test('positions index every key by its template path', () => {
  const { positions } = loadYaml('cloudflare:\n  token: x\nnodes:\n  - name: a\n    address: b\n', 'c.yaml');
  assert.deepEqual(positions.get('cloudflare.token'), { line: 2, col: 3 });
  assert.deepEqual(positions.get('nodes[0].address'), { line: 5, col: 5 });
});

test('a repeated key is a warning at the second one; the later value wins (as PyYAML), merge keys are not counted', () => {
  const r = loadYaml('base: &b\n  a: 1\nx:\n  <<: *b\n  a: 2\ncluster:\n  name: one\n  name: two\n', 'config.yaml');
  assert.equal((r.data.get('cluster') as Map<string, unknown>).get('name'), 'two');
  assert.deepEqual(
    r.findings.map((f) => [f.code, f.severity, f.line, f.message]),
    [['data-duplicate-key', 'warning', 8, 'key "name" appears twice in this mapping (first at line 7); the later value is used']],
  );
  // an anchored mapping with a repeat and a YAML 1.1 scalar, used through aliases and a merge: one warning each, at
  // the anchor's text
  const aliased = loadYaml('base: &b\n  a: 1\n  a: 2\n  k: yes\nx: *b\nz: [*b, *b]\nw:\n  <<: *b\n', 'config.yaml');
  assert.deepEqual(aliased.findings.map((f) => [f.code, f.line]), [['data-duplicate-key', 3], ['yaml-1.1-scalar', 4]]);
  assert.equal(((aliased.data.get('z') as unknown[])[1] as Map<string, unknown>).get('a'), 2n);
});

test('control characters (a binary file) are one parse error at their line, as PyYAML refuses them', () => {
  const r = loadYaml('a: 1\nb: x\u0000y\n', 'bin.yaml');
  assert.deepEqual(r.findings.map((f) => [f.code, f.severity, f.file, f.line]), [['data-parse-error', 'error', 'bin.yaml', 2]]);
  assert.match(r.findings[0]!.message, /unacceptable character #x0000/);
  assert.equal(r.data.size, 0);
});
