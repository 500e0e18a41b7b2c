// ajv errors → kubeconform's wording (santhosh-tekuri/jsonschema's messages): one violation per problem and place,
// e.g. `/spec/replicas` "got string, want null or integer", `/spec` "additional properties 'replica' not allowed".
import type { ErrorObject } from 'ajv';

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

/** Edit distance (insert, delete, substitute, swap of neighbours), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known name closest to an unknown one, when it is close enough to be a typo (or differs only in case). */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.min(2, Math.floor(name.length / 3));
  for (const k of [...known].sort()) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : distance(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(limit, 0) || best?.toLowerCase() === name.toLowerCase() ? best : undefined;
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'number';
  return typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v;
}

function quote(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function display(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (v !== null && typeof v === 'object') return 'value';
  return String(v);
}

function tokens(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
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

function valueAt(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const t of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[t];
  }
  return v;
}

function wantTypes(types: Iterable<string>): string {
  const set = new Set(types);
  return TYPE_ORDER.filter((t) => set.has(t)).join(' or ');
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

function messageFor(e: ErrorObject, value: unknown, branches: ErrorObject[], data: unknown): string | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const want = Array.isArray(p['type']) ? (p['type'] as string[]) : String(p['type']).split(',');
      return `got ${jsonType(value)}, want ${wantTypes(want)}`;
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]) ?? [];
      return allowed.length === 1 ? `value must be ${display(allowed[0])}` : `value must be one of ${allowed.map(display).join(', ')}`;
    }
    case 'const':
      return `value must be ${display(p['allowedValue'])}`;
    case 'pattern':
      return `${quote(String(value))} does not match pattern ${quote(String(p['pattern']))}`;
    case 'format':
      return `${display(value)} is not valid ${String(p['format'])}`;
    case 'minLength':
    case 'maxLength':
      return `${e.keyword}: got ${[...String(value)].length}, want ${String(p['limit'])}`;
    case 'minItems':
    case 'maxItems':
      return `${e.keyword}: got ${Array.isArray(value) ? value.length : 0}, want ${String(p['limit'])}`;
    case 'minProperties':
    case 'maxProperties':
      return `${e.keyword}: got ${value && typeof value === 'object' ? Object.keys(value).length : 0}, want ${String(p['limit'])}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${e.keyword}: got ${String(value)}, want ${String(p['limit'])}`;
    case 'multipleOf':
      return `multipleOf: got ${String(value)}, want ${String(p['multipleOf'])}`;
    case 'uniqueItems':
      return `items at ${String(p['j'])} and ${String(p['i'])} are equal`;
    case 'not':
      return 'not failed';
    case 'false schema':
      return 'false schema';
    case 'oneOf':
    case 'anyOf':
      return combinatorMessage(e, value, branches, data);
    case '$ref':
      return null;
    default:
      return e.message ?? e.keyword;
  }
}

/** int-or-string and friends read as one type error; anything else names the first branch's problem. */
function combinatorMessage(e: ErrorObject, value: unknown, branches: ErrorObject[], data: unknown): string {
  const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (e.keyword === 'oneOf' && Array.isArray(passing)) return `oneOf failed, subschemas ${passing.join(', ')} matched`;
  if (branches.length > 0 && branches.every((b) => b.keyword === 'type' && b.instancePath === e.instancePath)) {
    return `got ${jsonType(value)}, want ${wantTypes(branches.flatMap((b) => String((b.params as { type: unknown }).type).split(',')))}`;
  }
  const first = branches.find((b) => b.keyword !== 'type' || b.instancePath !== e.instancePath) ?? branches[0];
  const detail = first ? messageFor(first, valueAt(data, tokens(first.instancePath)), [], data) : null;
  const where = first && first.instancePath !== e.instancePath ? ` at '/${tokens(first.instancePath).join('/')}'` : '';
  return `${e.keyword} failed, none matched${detail ? ` (first: ${detail}${where})` : ''}`;
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
