import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, type SyntaxConfig } from './parse.js';
import { normalizeSource, tokenize } from './lexer.js';
import type * as A from './ast.js';
import { PyError } from '../runtime/values.js';

const config: SyntaxConfig = {
  blockStart: '{%',
  blockEnd: '%}',
  variableStart: '{{',
  variableEnd: '}}',
  commentStart: '{#',
  commentEnd: '#}',
  lineStatementPrefix: null,
  lineCommentPrefix: null,
  trimBlocks: false,
  lstripBlocks: false,
  newlineSequence: '\n',
  keepTrailingNewline: false,
};

test('nodes carry 1-based line and column', () => {
  const t = parseTemplate('ab\n  {{ user.name }}\n{% if x %}y{% endif %}', null, config, new Set());
  const out = t.body[0] as A.Output;
  const getattr = out.nodes[1] as A.Getattr;
  assert.equal(getattr.type, 'Getattr');
  const name = getattr.node as A.Name;
  assert.deepEqual([name.line, name.col], [2, 6]);
  const ifNode = t.body[1] as A.If;
  assert.deepEqual([ifNode.line, ifNode.col], [3, 4]);
  assert.deepEqual([(ifNode.test as A.Name).line, (ifNode.test as A.Name).col], [3, 7]);
});

test('syntax errors have Jinja message, line and column', () => {
  assert.throws(
    () => parseTemplate('ok\n{{ 1 + }}', 't.j2', config, new Set()),
    (e: unknown) => e instanceof PyError && e.describe() === "TemplateSyntaxError: unexpected 'end of print statement'" && e.lineno === 2 && e.col === 8 && e.templateName === 't.j2',
  );
  assert.throws(
    () => parseTemplate('{% for x in y %}', null, config, new Set()),
    (e: unknown) =>
      e instanceof PyError &&
      e.message === "Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.",
  );
});

test('custom delimiters with equal comment start and end', () => {
  const cfg = { ...config, blockStart: '#%', blockEnd: '%#', variableStart: '#{', variableEnd: '}#', commentStart: '#|', commentEnd: '#|' };
  const t = parseTemplate('#| note #|#{ a }# {{ .Values }}', null, cfg, new Set());
  const out = t.body[0] as A.Output;
  assert.equal((out.nodes[0] as A.Name).name, 'a');
  assert.equal((out.nodes[1] as A.TemplateData).data, ' {{ .Values }}');
});

test('the lexer is lazy: tokens before a bad character are produced first', () => {
  const src = normalizeSource('{{ a }}{{ $ }}', false);
  const it = tokenize(src, config, null);
  assert.deepEqual([it.next().value?.type, it.next().value?.type, it.next().value?.type], ['variable_begin', 'name', 'variable_end']);
  it.next();
  assert.throws(() => it.next(), /unexpected char '\$' at 10/);
});
