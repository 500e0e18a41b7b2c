// kubeconform's wording for each kind of schema error (santhosh-tekuri/jsonschema v6 messages, as kubeconform prints
// them): "got string, want null or integer", "missing property 'x'", "value must be one of 'a', 'b'", ...
import type { ErrorObject } from 'ajv';

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'number';
  return typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v;
}

export function quote(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function display(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (v !== null && typeof v === 'object') return 'value';
  return String(v);
}

export function tokens(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function valueAt(data: unknown, path: readonly string[]): unknown {
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

export function messageFor(e: ErrorObject, value: unknown, branches: ErrorObject[], data: unknown): string | null {
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
