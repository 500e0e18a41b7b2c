// Jinja's make_attrgetter / make_multi_attrgetter: `attribute='a.b.0'` looks up item by item through
// env.getitem, with integer path parts as ints.
import type { CallContext, Value } from '../runtime/values.js';
import { Markup, Undefined, isStr, strOf } from '../runtime/values.js';
import { isdigit } from '../python/str-case.js';
import { parseIntStr } from '../python/parse-number.js';

type Part = Value;

function prepareParts(attr: Value): Part[] {
  if (attr === null) return [];
  if (isStr(attr)) {
    // Markup.split returns Markup parts, which then name the missing attribute as Markup('…')
    const wrap = (x: string): Value => (attr instanceof Markup ? new Markup(x) : x);
    return strOf(attr)
      .split('.')
      .map((x) => (isdigit(x) ? parseIntStr(x, 10) : wrap(x)));
  }
  return [attr];
}

/** ignore_case postprocess: lower-case strings, leave the rest. */
export const ignoreCase = (v: Value): Value =>
  typeof v === 'string' ? v.toLowerCase() : v instanceof Markup ? new Markup(v.s.toLowerCase()) : v;

export function makeAttrGetter(
  ctx: CallContext,
  attribute: Value,
  postprocess?: (v: Value) => Value,
  dflt: Value = null,
): (item: Value) => Value {
  const parts = prepareParts(attribute);
  return (item) => {
    for (const part of parts) {
      item = ctx.env.getitem(item, part);
      if (dflt !== null && item instanceof Undefined) item = dflt;
    }
    return postprocess ? postprocess(item) : item;
  };
}

export function makeMultiAttrGetter(ctx: CallContext, attribute: Value, postprocess?: (v: Value) => Value): (item: Value) => Value[] {
  const split: Value[] = isStr(attribute) ? strOf(attribute).split(',') : [attribute];
  const parts = split.map(prepareParts);
  return (item) =>
    parts.map((path) => {
      let v = item;
      for (const part of path) v = ctx.env.getitem(v, part);
      return postprocess ? postprocess(v) : v;
    });
}
