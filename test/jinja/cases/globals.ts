// The default globals: range, dict, lipsum, cycler, joiner, namespace.
import type { JinjaCase } from '../case.js';

export const cases: JinjaCase[] = [
  // range
  { name: 'range basics', source: '{{ range(5)|list }} {{ range(2, 10, 3)|list }} {{ range(10, 0, -2)|list }} {{ range(0)|list }} {{ range(-3)|list }}' },
  { name: 'range printing', source: '{{ range(3) }} {{ range(1, 10, 2) }} {{ range(0) }} {{ range(0, 10 ** 20) }} {{ range(5, 1) }}' },
  { name: 'range indexing', source: '{{ range(5)[1:3] }} {{ range(5)[-1] }} {{ range(5)[::-1] }} {{ range(0, 10, 2)[1:] }} [{{ range(5)[10] }}]' },
  { name: 'range ops', source: '{{ range(5)|length }} {{ 3 in range(5) }} {{ 5 in range(5) }} {{ 2.0 in range(3) }} {{ range(3) == range(3) }} {{ range(0) == range(2, 2) }} {{ range(3)|sum }}' },
  { name: 'range attributes', source: '{{ range(1, 9, 2).start }} {{ range(1, 9, 2).stop }} {{ range(1, 9, 2).step }} {{ range(3).index(2) }} {{ range(3).count(2) }} {{ range(3).count(7) }}' },
  { name: 'range index missing', source: '{{ range(3).index(7) }}' },
  { name: 'range loop', source: '{% for i in range(3) %}{{ i }}{{ loop.length }}{% endfor %}' },
  { name: 'range bool and truthiness', source: "{{ range(true)|list }} {{ 'y' if range(0) else 'n' }} {{ 'y' if range(1) else 'n' }}" },
  { name: 'range no args', source: '{{ range() }}' },
  { name: 'range too many args', source: '{{ range(1, 2, 3, 4) }}' },
  { name: 'range float', source: '{{ range(1.5) }}' },
  { name: 'range str', source: "{{ range(3, 'x') }}" },
  { name: 'range zero step', source: '{{ range(1, 2, 0) }}' },
  { name: 'range keyword', source: '{{ range(stop=3) }}' },
  { name: 'range class printing', source: '{{ range }}' },
  // dict
  { name: 'dict', source: "{{ dict(a=1, b=2) }} {{ dict([('a', 1)], b=2) }} {{ dict({'a': 1}) }} {{ dict() }} {{ dict(a=1)['a'] }} {{ dict }}" },
  { name: 'dict from pairs', source: "{{ dict([['x', 1], 'ab', ('y', 2)]) }}" },
  { name: 'dict too many args', source: '{{ dict(1, 2) }}' },
  { name: 'dict not iterable', source: '{{ dict(1) }}' },
  { name: 'dict bad element', source: '{{ dict([1]) }}' },
  { name: 'dict bad element length', source: '{{ dict([(1, 2, 3)]) }}' },
  { name: 'dict of undefined', source: '{{ dict(nope) }}' },
  { name: 'dict key override', source: "{{ dict({'a': 1}, a=2) }}" },
  // lipsum (random: shape only)
  { name: 'lipsum paragraphs html', source: "{{ lipsum(2)|string|truncate(3, true, '') }} {{ (lipsum(3)|string).count('<p>') }}" },
  { name: 'lipsum text word counts', source: '{{ lipsum(1, false, 5, 6)|wordcount }} {{ (lipsum(2, false)).count("\\n\\n") }}' },
  { name: 'lipsum ends with dot', source: "{{ lipsum(1, false)[-1] }} {{ lipsum(1, false)[0] is upper }}" },
  { name: 'lipsum too many args', source: '{{ lipsum(1, 2, 3, 4, 5) }}' },
  { name: 'lipsum bad kwarg', source: '{{ lipsum(x=1) }}' },
  // cycler
  { name: 'cycler', source: "{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.reset() }}{{ c.current }}{{ c.items }}{{ c.pos }}" },
  { name: 'cycler across loops', source: "{% set row = cycler('odd', 'even') %}{% for x in [1, 2] %}{{ row.next() }} {% endfor %}{% for x in [3] %}{{ row.next() }}{% endfor %}" },
  { name: 'cycler empty', source: '{{ cycler() }}' },
  { name: 'cycler next args', source: '{{ cycler(1).next(1) }}' },
  { name: 'cycler missing attr', source: '[{{ cycler(1).nope }}]' },
  { name: 'cycler class printing', source: '{{ cycler }}' },
  // joiner
  { name: 'joiner', source: "{% set j = joiner('|') %}{{ j() }}a{{ j() }}b{{ j() }}c" },
  { name: 'joiner default', source: '{% set j = joiner() %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %} {{ j.sep }} {{ j.used }}' },
  { name: 'joiner call args', source: "{% set j = joiner('|') %}{{ j(1) }}" },
  { name: 'joiner too many args', source: '{{ joiner(1, 2) }}' },
  { name: 'joiner class printing', source: '{{ joiner }}' },
  // namespace
  { name: 'namespace', source: '{% set ns = namespace(a=1) %}{% set ns.b = 2 %}{{ ns }} {{ ns.a }} [{{ ns.c }}] {{ ns["a"] }}' },
  { name: 'namespace from dict', source: "{{ namespace({'a': 1}, b=2) }} {{ namespace([('a', 1)]) }} {{ namespace(x=namespace()) }}" },
  { name: 'namespace loop counter', source: '{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}' },
  { name: 'namespace too many args', source: '{{ namespace(1, 2) }}' },
  { name: 'namespace not iterable', source: '{{ namespace(1) }}' },
  { name: 'namespace missing attr message', source: '{{ namespace().x + 1 }}' },
  { name: 'namespace class printing', source: '{{ namespace }}' },
  { name: 'namespace not a mapping', source: "{{ namespace(a=1)|attr('a') }} [{{ namespace(a=1).items }}]" },
];
