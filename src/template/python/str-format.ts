// str.format / str.format_map (and Markup.format, which escapes each formatted field like markupsafe's
// EscapeFormatter built on string.Formatter).
import type { CallContext, Value } from '../runtime/values.js';
import { MISSING, Markup, pyError, pyTypeName } from '../runtime/values.js';
import { getAttribute } from './attributes.js';
import { escape, escapeText, hasHtml } from './escape.js';
import { formatValue } from './format-spec.js';
import { repr, str } from './repr.js';
import { subscript } from './sequence.js';
import { asciiEscape } from './text.js';

interface Field {
  name: string;
  conversion: string; // '' when absent
  spec: string;
  specNeedsExpanding: boolean;
}

/** Split a format string into literal text and replacement fields (CPython's MarkupIterator + parse_field). */
function* parseFormat(s: string): Generator<string | Field> {
  let i = 0;
  const n = s.length;
  while (i < n) {
    let lit = '';
    let markup = false;
    while (i < n) {
      const c = s[i++]!;
      if (c !== '{' && c !== '}') {
        lit += c;
        continue;
      }
      const atEnd = i >= n;
      if (c === '}' && (atEnd || s[i] !== '}')) throw pyError('ValueError', "Single '}' encountered in format string");
      if (atEnd && c === '{') throw pyError('ValueError', "Single '{' encountered in format string");
      if (s[i] === c) {
        lit += c;
        i++;
        continue;
      }
      markup = true;
      break;
    }
    if (lit) yield lit;
    if (!markup) continue;
    // field name: up to '}', ':' or '!', skipping over [...]
    const start = i;
    let c = '';
    let stop = false;
    while (i < n && !stop) {
      c = s[i++]!;
      switch (c) {
        case '{':
          throw pyError('ValueError', "unexpected '{' in field name");
        case '[':
          while (i < n && s[i] !== ']') i++;
          c = '';
          break;
        case '}':
        case ':':
        case '!':
          stop = true;
          break;
        default:
          c = '';
      }
    }
    if (!stop) throw pyError('ValueError', "expected '}' before end of string");
    const field: Field = { name: s.slice(start, i - 1), conversion: '', spec: '', specNeedsExpanding: false };
    if (c === '}') {
      yield field;
      continue;
    }
    if (c === '!') {
      if (i >= n) throw pyError('ValueError', 'end of string while looking for conversion specifier');
      field.conversion = s[i++]!;
      if (i < n) {
        const d = s[i++]!;
        if (d === '}') {
          yield field;
          continue;
        }
        if (d !== ':') throw pyError('ValueError', "expected ':' after conversion specifier");
      }
    }
    const specStart = i;
    let depth = 1;
    let closed = false;
    while (i < n) {
      const d = s[i++]!;
      if (d === '{') {
        field.specNeedsExpanding = true;
        depth++;
      } else if (d === '}' && --depth === 0) {
        closed = true;
        break;
      }
    }
    if (!closed) throw pyError('ValueError', "unmatched '{' in format spec");
    field.spec = s.slice(specStart, i - 1);
    yield field;
  }
}

interface State {
  args: readonly Value[];
  kwargs: ReadonlyMap<string, Value> | null;
  mapping: Value; // format_map's mapping (looked up by subscription)
  auto: number; // next automatic index; -1 once manual numbering is used
  manual: boolean;
  markup: boolean;
  ctx: CallContext;
}

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);

function lookupField(name: string, st: State): Value {
  // first part: up to '.' or '['
  let i = 0;
  while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
  const first = name.slice(0, i);
  let obj: Value;
  const switchMsg = st.markup
    ? 'cannot switch from manual field specification to automatic field numbering'
    : null;
  if (first === '' || isDigits(first)) {
    if (st.mapping !== MISSING) throw pyError('ValueError', 'Format string contains positional fields');
    let index: number;
    if (first === '') {
      if (st.manual) throw pyError('ValueError', switchMsg ?? 'cannot switch from manual field specification to automatic field numbering');
      index = st.auto++;
    } else {
      if (st.auto > 0) throw pyError('ValueError', switchMsg ?? 'cannot switch from automatic field numbering to manual field specification');
      st.manual = true;
      index = Number(first);
    }
    if (index >= st.args.length) {
      throw pyError('IndexError', st.markup ? 'tuple index out of range' : `Replacement index ${index} out of range for positional args tuple`);
    }
    obj = st.args[index];
  } else if (st.mapping !== MISSING) {
    obj = subscript(st.mapping, first);
  } else {
    if (!st.kwargs!.has(first)) throw pyError('KeyError', repr(first));
    obj = st.kwargs!.get(first);
  }
  // rest: .attr and [key]
  while (i < name.length) {
    const c = name[i++];
    if (c === '.') {
      const s0 = i;
      while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
      const attr = name.slice(s0, i);
      if (attr === '') throw pyError('ValueError', 'Empty attribute in format string');
      const v = getAttribute(obj, attr);
      if (v === MISSING) throw pyError('AttributeError', `'${pyTypeName(obj)}' object has no attribute '${attr}'`);
      obj = v;
    } else {
      const close = name.indexOf(']', i);
      if (close < 0) throw pyError('ValueError', "Missing ']' in format string");
      const key = name.slice(i, close);
      if (key === '') throw pyError('ValueError', 'Empty attribute in format string');
      i = close + 1;
      obj = subscript(obj, isDigits(key) ? BigInt(key) : key);
      if (i < name.length && name[i] !== '.' && name[i] !== '[') {
        throw pyError('ValueError', "Only '.' or '[' may follow ']' in format field specifier");
      }
    }
  }
  return obj;
}

function render(fmt: string, st: State, depth: number): string {
  if (depth <= 0) throw pyError('ValueError', 'Max string recursion exceeded');
  let out = '';
  for (const part of parseFormat(fmt)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let v = lookupField(part.name, st);
    switch (part.conversion) {
      case '':
        break;
      case 'r':
        v = repr(v);
        break;
      case 's':
        v = str(v);
        break;
      case 'a':
        v = asciiEscape(repr(v));
        break;
      default:
        throw pyError('ValueError', `Unknown conversion specifier ${part.conversion}`);
    }
    const spec = part.specNeedsExpanding ? render(part.spec, st, depth - 1) : part.spec;
    out += st.markup ? escapeField(v, spec) : formatValue(v, spec);
  }
  return out;
}

/** markupsafe's EscapeFormatter.format_field. */
function escapeField(v: Value, spec: string): string {
  if (v instanceof Markup) {
    if (spec) throw pyError('ValueError', 'Unsupported format specification for Markup.');
    return v.s;
  }
  if (hasHtml(v)) {
    if (spec) {
      throw pyError(
        'ValueError',
        `Format specifier ${spec} given, but <class '${pyTypeName(v)}'> does not define __html_format__. A class that defines __html__ must define __html_format__ to work with format specifiers.`,
      );
    }
    return escape(v).s;
  }
  return escapeText(formatValue(v, spec));
}

/** fmt.format(*args, **kwargs); with `markup`, fields are escaped (Markup.format). */
export function strFormat(fmt: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, ctx: CallContext, markup: boolean): string {
  return render(fmt, { args, kwargs, mapping: MISSING, auto: 0, manual: false, markup, ctx }, 2);
}

/** fmt.format_map(mapping): names are looked up by subscription, positional fields are an error. */
export function strFormatMap(fmt: string, mapping: Value, ctx: CallContext, markup: boolean): string {
  return render(fmt, { args: [], kwargs: null, mapping, auto: 0, manual: false, markup, ctx }, 2);
}
