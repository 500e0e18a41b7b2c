// ajv errors → violations: one per problem and place, grouped as kubeconform reports them (all unknown fields of an
// object in one message), with branch errors folded into their anyOf/oneOf and `${VAR}` placeholders optionally let be.
import type { ErrorObject } from 'ajv';
import { closestName } from './did-you-mean.js';
import { messageFor, quote, tokens, valueAt } from './messages.js';

export interface Violation {
  /** JSON path of the offending value (for additional properties: of the object holding them); numbers index arrays. */
  path: (string | number)[];
  /** The path as kubeconform prints it: `/spec/replicas` (unescaped tokens; '' for the document root). */
  pointer: string;
  keyword: string;
  message: string;
  /** Unknown field names (additionalProperties) or missing ones (required). */
  fields?: string[];
  /** For unknown fields: the known field each was probably meant as (`replicaz` → `replicas`). */
  suggestions?: Record<string, string>;
}

/** The path with array indexes as numbers (what YAML position lookups expect). */
function typedPath(data: unknown, path: readonly string[]): (string | number)[] {
  let v = data;
  return path.map((t) => {
    const step = Array.isArray(v) && /^\d+$/.test(t) ? Number(t) : t;
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[t] : undefined;
    return step;
  });
}

/** A Flux substitution placeholder left in place (`${VAR}`), which only becomes a number or bool after substitution. */
export function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && /\$\{[^}]+\}/.test(v);
}

const PLACEHOLDER_KEYWORDS = new Set(['type', 'oneOf', 'anyOf', 'pattern', 'format', 'enum', 'minLength', 'maxLength', 'const']);

/**
 * For each failed anyOf/oneOf, the errors of its branches. Branches may be `$ref`s (the bundle stores repeats once),
 * so their errors cannot be told by schema path; ajv reports them just before the combinator, all at or below its
 * instance path, which is what is used (plus the schema path, where it does tell).
 */
function branchErrors(errors: readonly ErrorObject[]): Map<ErrorObject, ErrorObject[]> {
  const out = new Map<ErrorObject, ErrorObject[]>();
  errors.forEach((c, k) => {
    if (c.keyword !== 'oneOf' && c.keyword !== 'anyOf') return;
    const run = new Set(errors.filter((e) => e !== c && e.schemaPath.startsWith(c.schemaPath + '/')));
    if (c.instancePath !== '') {
      for (let j = k - 1; j >= 0; j--) {
        const e = errors[j] as ErrorObject;
        if (e.instancePath !== c.instancePath && !e.instancePath.startsWith(c.instancePath + '/')) break;
        run.add(e);
      }
    }
    out.set(c, errors.filter((e) => run.has(e)));
  });
  return out;
}

export function violationsFromAjv(errors: readonly ErrorObject[], data: unknown, opts: { allowPlaceholders?: boolean } = {}): Violation[] {
  const branches = branchErrors(errors);
  const inBranch = new Set<ErrorObject>([...branches.values()].flat());
  const placeholderError = (e: ErrorObject): boolean => PLACEHOLDER_KEYWORDS.has(e.keyword) && isPlaceholder(valueAt(data, tokens(e.instancePath)));
  const out: Violation[] = [];
  const grouped = new Map<string, Violation>();
  for (const e of errors) {
    if (inBranch.has(e)) continue;
    const raw = tokens(e.instancePath);
    const path = typedPath(data, raw);
    const pointer = raw.length ? '/' + raw.join('/') : '';
    const value = valueAt(data, raw);
    const own = branches.get(e) ?? [];
    if (opts.allowPlaceholders && (placeholderError(e) || own.some(placeholderError))) continue;
    if (e.keyword === 'additionalProperties' || e.keyword === 'required') {
      const field = String(e.keyword === 'required' ? e.params['missingProperty'] : e.params['additionalProperty']);
      const gkey = `${e.keyword}\u0000${pointer}`;
      let v = grouped.get(gkey);
      if (!v) {
        v = { path, pointer, keyword: e.keyword, message: '', fields: [] };
        grouped.set(gkey, v);
        out.push(v);
      }
      if (!v.fields?.includes(field)) v.fields?.push(field);
      const known = e.keyword === 'additionalProperties' ? (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties : undefined;
      const guess = known ? closestName(field, Object.keys(known)) : undefined;
      if (guess) (v.suggestions ??= {})[field] = guess;
      continue;
    }
    const message = messageFor(e, value, own, data);
    if (message === null) continue;
    out.push({ path, pointer, keyword: e.keyword, message });
  }
  for (const v of grouped.values()) {
    const names = (v.fields ?? []).map(quote).join(', ');
    const many = (v.fields ?? []).length > 1;
    v.message = v.keyword === 'required' ? `missing propert${many ? 'ies' : 'y'} ${names}` : `additional properties ${names} not allowed`;
  }
  return dedupe(out).sort((a, b) => cmp(a.pointer, b.pointer) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(list: Violation[]): Violation[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const k = `${v.pointer}\u0000${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
