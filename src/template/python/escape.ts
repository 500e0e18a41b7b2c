// markupsafe: escape() and the str/Markup coercions Jinja's filters use.
import type { Value } from '../runtime/values.js';
import { Markup, Undefined } from '../runtime/values.js';
import { asPyObject } from './protocol.js';
import { str } from './repr.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' };

/** HTML-escape a JS string the way markupsafe does. */
export function escapeText(s: string): string {
  return /[&<>'"]/.test(s) ? s.replace(/[&<>'"]/g, (c) => ESCAPES[c]!) : s;
}

/** Does the value implement __html__ (Markup, ChainableUndefined, objects with __html__)? */
export function hasHtml(v: Value): boolean {
  if (v instanceof Markup) return true;
  if (v instanceof Undefined) return v.mode === 'chainable';
  return typeof asPyObject(v)?.__html__ === 'function';
}

/** markupsafe.escape(v): Markup unchanged, __html__ honoured, everything else str()'d and escaped. */
export function escape(v: Value): Markup {
  if (v instanceof Markup) return v;
  if (hasHtml(v)) {
    const o = asPyObject(v);
    return new Markup(o?.__html__ ? o.__html__() : str(v));
  }
  return new Markup(escapeText(str(v)));
}

/** markupsafe.soft_str: str() unless already a str (Markup stays Markup). */
export function softStr(v: Value): string | Markup {
  return typeof v === 'string' || v instanceof Markup ? v : str(v);
}
