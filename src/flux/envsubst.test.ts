import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envsubst, EnvsubstError, UNKNOWN } from './envsubst.js';
import type { VarLookup } from './envsubst.js';

const from =
  (vars: Record<string, string>): VarLookup =>
  (k) =>
    Object.hasOwn(vars, k) ? vars[k] : undefined;
const sub = (text: string, vars: Record<string, string> = {}, strict = false): string =>
  envsubst(text, from(vars), { strict }).text;

test('plain variables and text', () => {
  assert.equal(sub('no variables here'), 'no variables here');
  assert.equal(sub('image: ${IMAGE}', { IMAGE: 'nginx:1.27' }), 'image: nginx:1.27');
  assert.equal(sub('${A}${B}-${A}', { A: 'x', B: 'y' }), 'xy-x');
  // $VAR without braces is not an expression
  assert.equal(sub('$A and ${A}', { A: 'x' }), '$A and x');
  // an unset variable becomes empty outside strict mode
  assert.equal(sub('v: "${MISSING}"'), 'v: ""');
  // names may hold unicode letters and digits and start with a digit
  assert.equal(sub('${1st} ${größe}', { '1st': 'a', größe: 'b' }), 'a b');
});

test('defaults: every form applies when the value is empty, not only when unset', () => {
  for (const op of [':=', '=', ':-']) {
    assert.equal(sub(`\${V${op}dflt}`), 'dflt', op);
    assert.equal(sub(`\${V${op}dflt}`, { V: '' }), 'dflt', `${op} empty`);
    assert.equal(sub(`\${V${op}dflt}`, { V: 'set' }), 'set', `${op} set`);
  }
  // :? and :+ parse but behave as defaults too (upstream maps them to the same function)
  assert.equal(sub('${V:?msg}'), 'msg');
  assert.equal(sub('${V:+alt}', { V: 'set' }), 'set');
  assert.equal(sub('${V:+alt}'), 'alt');
  assert.equal(sub('${V:=}'), '');
  // defaults may hold text and nested expressions, and run to the first }
  assert.equal(sub('${V:=${D}-suffix}', { D: 'foo' }), 'foo-suffix');
  assert.equal(sub('${V=prefix${D} suffix}', { D: 'x' }), 'prefixx suffix');
  assert.equal(sub('${V:=a:b=c/d#e}'), 'a:b=c/d#e');
  assert.equal(sub('${V:=${D^^}}', { D: 'abc' }), 'ABC');
  // inside a default, $$ is not an escape: `$` stays and the ${X} after it is expanded
  assert.equal(sub('${V:=$${X}}', { X: 'x' }), '$x');
});

test('${V-d} and ${V+d} are not supported: missing closing brace', () => {
  for (const t of ['${V-d}', '${V+d}']) {
    assert.throws(() => sub(t), (e: unknown) => e instanceof EnvsubstError && e.message === 'missing closing brace');
  }
});

test('$$ escapes', () => {
  assert.equal(sub('$${V}', { V: 'x' }), '${V}');
  assert.equal(sub('$$V'), '$V');
  assert.equal(sub('a$$b'), 'a$b');
  assert.equal(sub('$$$'), '$$');
  assert.equal(sub('$$$$'), '$$');
  assert.equal(sub('$$${V}', { V: 'x' }), '$x');
  assert.equal(sub('some text ${v}$${v$${v}$v${v}', { v: 'X' }), 'some text X${v${v}$vX');
  assert.equal(sub('something $${var=${d}}', { d: 'foo' }), 'something ${var=foo}');
  // a backslash outside an expression is plain text
  assert.equal(sub('\\\\x ${V}', { V: 'y' }), '\\\\x y');
  assert.equal(sub('}text'), '}text');
});

test('length and case operators', () => {
  assert.equal(sub('${#V}', { V: 'abcdEFGH28ij' }), '12');
  // lengths are UTF-8 bytes, as in Go
  assert.equal(sub('${#V}', { V: 'héllo' }), '6');
  assert.equal(sub('${V^}', { V: 'abc' }), 'Abc');
  assert.equal(sub('${V^^}', { V: 'abcDEF' }), 'ABCDEF');
  assert.equal(sub('${V,}', { V: 'ABC' }), 'aBC');
  assert.equal(sub('${V,,}', { V: 'ABC' }), 'abc');
  assert.equal(sub('${V^^}', { V: 'straße' }), 'STRAßE');
  assert.equal(sub('${V^}', { V: 'éa' }), 'Éa');
  // an odd mix of casing characters is an unknown operator: the value is kept
  assert.equal(sub('${V,^}', { V: 'aBc' }), 'aBc');
});

test('substrings', () => {
  const p = { P: '/home/bozo/ideas/thoughts.for.today' };
  assert.equal(sub('${P:11}', p), 'ideas/thoughts.for.today');
  assert.equal(sub('${P:11:5}', p), 'ideas');
  assert.equal(sub('${V:0:100}', { V: 'abc' }), 'abc');
  assert.equal(sub('${V:5}', { V: 'abc' }), '');
  assert.equal(sub('${V:5:1}', { V: 'abc' }), '');
  // an offset that is not a number keeps the value
  assert.equal(sub('${V:x}', { V: 'abc' }), 'abc');
  assert.equal(sub('${V: -2}', { V: 'abcd' }), 'abcd');
  assert.equal(sub('${V:1:y}', { V: 'abcd' }), 'abcd');
  // a negative offset counts from the end, through a nested expression
  assert.equal(sub('${V:${N}}', { V: 'abcd', N: '-2' }), 'cd');
  assert.equal(sub('${V:${N}:1}', { V: 'abcd', N: '-9' }), 'a');
  // extra colons between offset and length are one delimiter
  assert.equal(sub('${V:1::2}', { V: 'abcd' }), 'bc');
  // offsets are bytes: cutting inside a character fails like Flux's YAML re-read does
  assert.throws(() => sub('${V:1}', { V: 'éa' }), EnvsubstError);
  assert.throws(() => sub('${V:0:-1}', { V: 'abc' }), EnvsubstError);
});

test('replacement', () => {
  const z = { Z: 'abcABC123ABCabc' };
  assert.equal(sub('${Z/abc/xyz}', z), 'xyzABC123ABCabc');
  assert.equal(sub('${Z//abc/xyz}', z), 'xyzABC123ABCxyz');
  assert.equal(sub('${Z/#abc/XYZ}', z), 'XYZABC123ABCabc');
  assert.equal(sub('${Z/%abc/XYZ}', z), 'abcABC123ABCXYZ');
  assert.equal(sub('${Z/#ABC/XYZ}', z), z.Z);
  assert.equal(sub('${Z/%ABC/XYZ}', z), z.Z);
  // empty replacement, and the one-argument form
  assert.equal(sub('${V/./}', { V: 'foo.bar' }), 'foobar');
  assert.equal(sub('${V//./}', { V: 'a.b.c' }), 'abc');
  // escaped slashes and backslashes in pattern and replacement
  assert.equal(sub('${V/\\//-}', { V: 'foo/bar' }), 'foo-bar');
  assert.equal(sub('${V//\\//-}', { V: 'foo/bar/baz' }), 'foo-bar-baz');
  assert.equal(sub('${V/a/\\/}', { V: 'xa' }), 'x/');
  assert.equal(sub('${V/a/\\\\}', { V: 'xa' }), 'x\\');
  // $$ inside a replace pattern is an escape for $
  assert.equal(sub('${V/$$/€}', { V: '5$' }), '5€');
  // patterns and replacements may be expressions
  assert.equal(sub('${V//${A}/${B}}', { V: 'a-b-c', A: '-', B: '.' }), 'a.b.c');
  // patterns are literal here, not globs
  assert.equal(sub('${V/*/x}', { V: 'a*b' }), 'axb');
  // the corpus' most common use: dots to dashes
  assert.equal(sub('${SECRET_DOMAIN/./-}', { SECRET_DOMAIN: 'example.com' }), 'example-com');
});

test('prefix and suffix removal use shell patterns', () => {
  const f = { F: 'bash.string.txt' };
  assert.equal(sub('${F#*.}', f), 'string.txt');
  assert.equal(sub('${F##*.}', f), 'txt');
  assert.equal(sub('${F%.*}', f), 'bash.string');
  assert.equal(sub('${F%%.*}', f), 'bash');
  // * and ? also match /
  assert.equal(sub('${P#*/}', { P: '/path/to/file' }), 'path/to/file');
  assert.equal(sub('${P##*/}', { P: '/path/to/file' }), 'file');
  assert.equal(sub('${P#?}', { P: '/x' }), 'x');
  assert.equal(sub('${V#[ab]}', { V: 'bcd' }), 'cd');
  assert.equal(sub('${V#[!a]}', { V: 'bcd' }), 'bcd');
  assert.equal(sub('${V#[^a]}', { V: 'bcd' }), 'cd');
  // suffix removal reverses the pattern, so a bracket class turns into a malformed pattern and never matches
  assert.equal(sub('${V%[0-9]}', { V: 'v12' }), 'v12');
  assert.equal(sub('${V%?}', { V: 'v12' }), 'v1');
  assert.equal(sub('${V#no}', { V: 'bcd' }), 'bcd');
  // a malformed pattern keeps the value
  assert.equal(sub('${V#[}', { V: '[x' }), '[x');
  // special characters are fine inside the argument
  assert.equal(sub('${V#$%:*{}', { V: '$%:x{rest' }), 'rest');
  // removal works on the longest/shortest non-empty match
  assert.equal(sub('${V#*}', { V: 'abc' }), 'bc');
  assert.equal(sub('${V##*}', { V: 'abc' }), '');
});

test('parse errors fail the whole text', () => {
  const bad: Array<[string, string]> = [
    ['${', 'unable to parse variable name'],
    ['${}', 'unable to parse variable name'],
    ['${ V}', 'unable to parse variable name'],
    ['${V', 'missing closing brace'],
    ['${V!}', 'missing closing brace'],
    ['${V:=abc', 'unable to parse substitution within function'],
    ['${V:}', 'unable to parse substitution within function'],
    ['${V#}', 'unable to parse substitution within function'],
    ['${#}', 'bad substitution'],
    ['${V/a/b${X}}', 'bad substitution'],
    ['${V/abc}', 'bad substitution'],
    ['${V^^x}', 'bad substitution'],
  ];
  for (const [t, msg] of bad) {
    assert.throws(
      () => sub(`ok: 1\nbad: ${t}\n`),
      (e: unknown) => e instanceof EnvsubstError && e.message === msg,
      t,
    );
  }
});

test('an unterminated replace pattern swallows the rest of the text up to a slash', () => {
  // `${V//}` reads `} url: http:` as the pattern, `//` as delimiter, `x` as replacement and `}` closes it
  assert.equal(sub('${V//} url: http://x}', { V: 'a} url: http:b' }), 'axb');
});

test('strict mode', () => {
  assert.equal(sub('${A}', { A: '' }, true), '');
  assert.equal(sub('${MISSING:=d}', {}, true), 'd');
  assert.equal(sub('${MISSING=d}', {}, true), 'd');
  assert.equal(sub('${MISSING:-d}', {}, true), 'd');
  for (const t of ['${MISSING}', '${#MISSING}', '${MISSING^^}', '${MISSING,}', '${MISSING:0:1}', '${MISSING/a/b}', '${MISSING#a}', '${MISSING%%a}']) {
    assert.throws(
      () => sub(t, {}, true),
      (e: unknown) => e instanceof EnvsubstError && e.message === 'variable not set (strict mode): "MISSING"',
      t,
    );
  }
  // arguments are evaluated even when the value makes them unnecessary
  assert.throws(() => sub('${A:=${MISSING}}', { A: 'x' }, true), EnvsubstError);
});

test('reports unset variables and keeps expressions with unknown values', () => {
  const lookup: VarLookup = (k) => (k === 'SECRET' ? UNKNOWN : k === 'KNOWN' ? 'k' : undefined);
  const r = envsubst('a: ${SECRET}\nb: ${SECRET/./-}\nc: ${NOPE}\nd: ${KNOWN:=${SECRET}}\ne: ${NOPE:=${SECRET}}\nf: ${D:=x}', lookup);
  assert.equal(r.text, 'a: ${SECRET}\nb: ${SECRET/./-}\nc: \nd: k\ne: ${NOPE:=${SECRET}}\nf: x');
  assert.deepEqual(r.unset, ['NOPE']);
  assert.deepEqual(r.unknown, ['SECRET']);
});

test('many expressions in one text do not exhaust the stack', () => {
  const text = Array.from({ length: 20000 }, (_, i) => `k${i}: \${V}`).join('\n');
  const out = sub(text, { V: 'v' });
  assert.equal(out.split('\n')[19999], 'k19999: v');
});
