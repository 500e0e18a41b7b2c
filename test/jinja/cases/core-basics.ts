// Core smoke cases: data, print, simple statements.
import type { JinjaCase } from '../case.js';

export const cases: JinjaCase[] = [
  { name: 'plain text', source: 'Hello world' },
  { name: 'print var', source: 'Hello {{ name }}!', vars: { name: 'World' } },
  { name: 'trailing newline dropped', source: 'a\n' },
  { name: 'for with loop.index', source: '{% for x in [1,2,3] %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}' },
  { name: 'set leaks from top-level if', source: '{% set x = 1 %}{% if true %}{% set y = 2 %}{% endif %}{{ x + y }}' },
  { name: 'macro with caller', source: '{% macro m(a, b=2) %}{{ a }}-{{ b }}-{{ caller() if caller }}{% endmacro %}{{ m(1) }}|{% call m(5) %}C{% endcall %}' },
  { name: 'zero division', source: '{{ 1/0 }}' },
  { name: 'empty if', source: '{% if %}' },
  { name: 'undefined attribute', source: '{{ x.y }}' },
];
