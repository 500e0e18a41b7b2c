// The default globals: range, dict, lipsum, cycler, joiner, namespace.
import type { CallContext, PyCallable, Value } from '../runtime/values.js';
import { MISSING, Markup, pyCallable, pyError, tuple } from '../runtime/values.js';
import { bind } from '../python/bind.js';
import { updateDict } from '../python/dict-methods.js';
import { dictSet } from '../python/dict-keys.js';
import { capitalize } from '../python/str-case.js';
import { escapeText } from '../python/escape.js';
import { makeRange } from '../python/range.js';
import { fakeAddress } from '../python/protocol.js';
import { repr } from '../python/repr.js';
import { indexArg } from '../python/args.js';
import { truthy } from '../python/compare.js';
import { LOREM_WORDS } from './lorem.js';

/** A Python class as a template value: callable, prints as `<class '…'>`. */
function pyClass(qualName: string, construct: (args: Value[], kwargs: Map<string, Value>, ctx: CallContext) => Value): PyCallable {
  const f = pyCallable(qualName.slice(qualName.lastIndexOf('.') + 1), construct);
  const o = f as unknown as Record<string, unknown>;
  o['pyQualName'] = 'type';
  o['__repr__'] = () => `<class '${qualName}'>`;
  return f;
}

/** dict(*args, **kwargs) */
export function makeDict(args: Value[], kwargs: Map<string, Value>, ctx: CallContext): Map<Value, Value> {
  if (args.length > 1) throw pyError('TypeError', `dict expected at most 1 argument, got ${args.length}`);
  const d = new Map<Value, Value>();
  if (args.length) updateDict(d, args[0], ctx);
  for (const [k, v] of kwargs) dictSet(d, k, v);
  return d;
}

/** jinja2.utils.Namespace: attributes in a dict; `{% set ns.attr = … %}` assigns through __setitem__. */
export class Namespace {
  static pyQualName = 'jinja2.utils.Namespace';
  readonly attrs: Map<Value, Value>;
  constructor(attrs: Map<Value, Value>) {
    this.attrs = attrs;
  }
  __getattr__(name: string): Value | typeof MISSING {
    return this.attrs.has(name) ? this.attrs.get(name) : MISSING;
  }
  __setitem__(name: string, value: Value): void {
    dictSet(this.attrs, name, value);
  }
  __repr__(): string {
    return `<Namespace ${repr(this.attrs)}>`;
  }
}

/** jinja2.utils.Cycler */
export class Cycler {
  static pyQualName = 'jinja2.utils.Cycler';
  pos = 0;
  constructor(readonly items: readonly Value[]) {}
  __getattr__(name: string): Value | typeof MISSING {
    switch (name) {
      case 'items':
        return tuple([...this.items]);
      case 'pos':
        return BigInt(this.pos);
      case 'current':
        return this.items[this.pos];
      case 'next':
      case '__next__':
        return this.method('next', () => {
          const rv = this.items[this.pos];
          this.pos = (this.pos + 1) % this.items.length;
          return rv;
        });
      case 'reset':
        return this.method('reset', () => {
          this.pos = 0;
          return null;
        });
    }
    return MISSING;
  }
  private method(name: string, f: () => Value): PyCallable {
    const m = pyCallable(name, (args, kwargs) => {
      bind(`Cycler.${name}`, ['self'], [this, ...args], kwargs);
      return f();
    });
    (m as unknown as Record<string, unknown>)['__repr__'] = () => `<bound method Cycler.${name} of ${this.__repr__()}>`;
    return m;
  }
  __repr__(): string {
    return `<jinja2.utils.Cycler object at ${fakeAddress(this)}>`;
  }
}


/** jinja2.utils.Joiner: a callable object. */
function makeJoiner(sep: Value): PyCallable {
  let used = false;
  const j = pyCallable('Joiner', (args, kwargs) => {
    bind('Joiner.__call__', ['self'], [j, ...args], kwargs);
    if (!used) {
      used = true;
      return '';
    }
    return sep;
  });
  const o = j as unknown as Record<string, unknown>;
  o['pyQualName'] = 'jinja2.utils.Joiner';
  o['__repr__'] = () => `<jinja2.utils.Joiner object at ${fakeAddress(j)}>`;
  o['__getattr__'] = (name: string): Value | typeof MISSING => (name === 'sep' ? sep : name === 'used' ? used : MISSING);
  return j;
}

function lipsum(n: Value, html: Value, min: Value, max: Value): Value {
  const count = indexArg(n);
  const lo = indexArg(min);
  const hi = indexArg(max);
  if (hi <= lo) throw pyError('ValueError', `empty range for randrange() (${lo}, ${hi}, ${hi - lo})`);
  const randrange = (a: number, b: number): number => a + Math.floor(Math.random() * (b - a));
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    let nextCapitalized = true;
    let lastComma = 0;
    let lastFullstop = 0;
    let last: string | null = null;
    const p: string[] = [];
    const words = randrange(lo, hi);
    for (let idx = 0; idx < words; idx++) {
      let word: string;
      do word = LOREM_WORDS[Math.floor(Math.random() * LOREM_WORDS.length)]!;
      while (word === last);
      last = word;
      if (nextCapitalized) {
        word = capitalize(word);
        nextCapitalized = false;
      }
      if (idx - randrange(3, 8) > lastComma) {
        lastComma = idx;
        lastFullstop += 2;
        word += ',';
      }
      if (idx - randrange(10, 20) > lastFullstop) {
        lastComma = lastFullstop = idx;
        word += '.';
        nextCapitalized = true;
      }
      p.push(word);
    }
    let s = p.join(' ');
    if (s.endsWith(',')) s = s.slice(0, -1) + '.';
    else if (!s.endsWith('.')) s += '.';
    result.push(s);
  }
  if (!truthy(html)) return result.join('\n\n');
  return new Markup(result.map((x) => `<p>${escapeText(x)}</p>`).join('\n'));
}

function lipsumFunction(): PyCallable {
  const f = pyCallable('generate_lorem_ipsum', (args, kwargs) => {
    const [n, html, min, max] = bind('generate_lorem_ipsum', [['n', 5n], ['html', true], ['min', 20n], ['max', 100n]], args, kwargs);
    return lipsum(n, html, min, max);
  });
  (f as unknown as Record<string, unknown>)['__repr__'] = () => `<function generate_lorem_ipsum at ${fakeAddress(f)}>`;
  return f;
}

export function makeGlobals(): Map<string, Value> {
  return new Map<string, Value>([
    ['range', pyClass('range', (args, kwargs) => {
      if (kwargs.size) throw pyError('TypeError', 'range() takes no keyword arguments');
      return makeRange(args);
    })],
    ['dict', pyClass('dict', makeDict)],
    ['lipsum', lipsumFunction()],
    ['cycler', pyClass('jinja2.utils.Cycler', (args, kwargs) => {
      bind('Cycler.__init__', ['self', '*items'], [null, ...args], kwargs);
      if (args.length === 0) throw pyError('RuntimeError', 'at least one item has to be provided');
      return new Cycler(args);
    })],
    ['joiner', pyClass('jinja2.utils.Joiner', (args, kwargs) => {
      const [, sep] = bind('Joiner.__init__', ['self', ['sep', ', ']], [null, ...args], kwargs);
      return makeJoiner(sep);
    })],
    ['namespace', pyClass('jinja2.utils.Namespace', (args, kwargs, ctx) => new Namespace(makeDict(args, kwargs, ctx)))],
  ]);
}
