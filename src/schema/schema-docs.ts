// The schema documents `$ref`s may name (a kind's own schema, the shared Kubernetes definitions, a bundle group file,
// a location's `_definitions.json`), by id, the first one registered under an id winning as in ajv; and a check that a
// schema graph compiles under ajv's rules, without compiling it.
import { isObject } from './keywords.js';

/** A base for a schema without `$id` (a repo CRD's, a cache entry's), whose refs are local (`#/...`) or absolute. */
export function anonymousBase(n: number): string {
  return `https://hops.invalid/anonymous/${n}.json`;
}

export interface Resolved {
  node: unknown;
  /** Id of the document holding `node` (the base for refs inside it). */
  base: string;
}

export class SchemaDocs {
  private readonly docs = new Map<string, unknown>();
  /** Schema nodes whose whole graph is known to compile (docs only grow, so a found ref stays found). */
  private readonly good = new WeakSet<object>();

  /** Registers a document under its id unless one is there; returns the normalised id. */
  add(id: string, doc: unknown): string {
    const key = normalize(id);
    if (!this.docs.has(key)) this.docs.set(key, doc);
    return key;
  }

  has(id: string): boolean {
    return this.docs.has(normalize(id));
  }

  /** What `ref` names from inside the document `base`; undefined when it names nothing known. */
  resolve(ref: string, base: string): Resolved | undefined {
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      return undefined;
    }
    const fragment = url.hash;
    url.hash = '';
    const doc = this.docs.get(url.href);
    if (doc === undefined) return undefined;
    if (fragment === '' || fragment === '#') return { node: doc, base: url.href };
    if (!fragment.startsWith('#/')) return undefined; // anchors: left to ajv
    let node: unknown = doc;
    for (const raw of fragment.slice(2).split('/')) {
      let part: string;
      try {
        part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      } catch {
        return undefined;
      }
      if (!isObject(node) && !Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[part];
      if (node === undefined) return undefined;
    }
    return { node, base: url.href };
  }

  /**
   * Whether ajv (draft 7, as set up in ajv.ts) compiles the schema graph from `node` — every keyword value of the type
   * ajv demands, every `$ref` found — with nothing this module does not model (nested `$id`, `$async`). false means:
   * compile the full schema the ordinary way, which fails or succeeds exactly as it always did.
   */
  compilable(node: unknown, base: string): boolean {
    const seen = new Set<object>();
    const ok = this.walk(node, base, seen, true);
    if (ok) for (const n of seen) this.good.add(n);
    return ok;
  }

  private walk(node: unknown, base: string, seen: Set<object>, root: boolean): boolean {
    if (typeof node === 'boolean') return true;
    if (!isObject(node)) return false;
    if (this.good.has(node) || seen.has(node)) return true;
    seen.add(node);
    if ('id' in node || '$async' in node || (!root && '$id' in node)) return false;
    const sub = (v: unknown): boolean => this.walk(v, base, seen, false);
    for (const [k, v] of Object.entries(node)) {
      const want = KEYWORD_TYPES[k];
      if (want && !want.some((t) => (t === 'array' ? Array.isArray(v) : t === 'object' ? isObject(v) : typeof v === t))) return false;
      switch (k) {
        case '$ref': {
          const r = this.resolve(v as string, base);
          if (!r || !this.walk(r.node, r.base, seen, r.node === this.docs.get(r.base))) return false;
          break;
        }
        case 'enum':
          if ((v as unknown[]).length === 0) return false;
          break;
        case 'properties':
        case 'patternProperties':
        case 'dependentSchemas':
          if (!Object.values(v as object).every(sub)) return false;
          break;
        case 'dependencies':
          if (!Object.values(v as object).every((x) => Array.isArray(x) || sub(x))) return false;
          break;
        case 'items':
          if (!(Array.isArray(v) ? v.every(sub) : sub(v))) return false;
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
          if (!(v as unknown[]).every(sub)) return false;
          break;
        default:
          if (APPLICATORS.has(k) && !sub(v)) return false;
      }
    }
    return validTypes(node);
  }
}

function normalize(id: string): string {
  try {
    const u = new URL(id);
    u.hash = '';
    return u.href;
  } catch {
    return id;
  }
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

/** ajv's checks of `type` and `nullable`, made for every schema object it compiles. */
function validTypes(node: Record<string, unknown>): boolean {
  const t = node['type'];
  const types: unknown[] = Array.isArray(t) ? t : t ? [t] : [];
  if (!types.every((x) => typeof x === 'string' && JSON_TYPES.has(x))) return false;
  const nullable = node['nullable'];
  return types.includes('null') ? nullable !== false : !(types.length === 0 && nullable !== undefined);
}

/** Keywords holding one subschema (at the same place or below), besides those handled one by one. */
const APPLICATORS = new Set(['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);

const NUMBER = ['number'];
/** The value types ajv requires of each draft-7 keyword (a mismatch is a compile error there). */
const KEYWORD_TYPES: Record<string, readonly string[]> = {
  $ref: ['string'],
  type: ['string', 'array'],
  nullable: ['boolean'],
  enum: ['array'],
  pattern: ['string'],
  format: ['string'],
  required: ['array'],
  uniqueItems: ['boolean'],
  dependentRequired: ['object'],
  maxLength: NUMBER,
  minLength: NUMBER,
  maximum: NUMBER,
  minimum: NUMBER,
  exclusiveMaximum: NUMBER,
  exclusiveMinimum: NUMBER,
  multipleOf: NUMBER,
  maxItems: NUMBER,
  minItems: NUMBER,
  maxProperties: NUMBER,
  minProperties: NUMBER,
  maxContains: NUMBER,
  minContains: NUMBER,
  items: ['object', 'array', 'boolean'],
  additionalItems: ['object', 'boolean'],
  additionalProperties: ['object', 'boolean'],
  contains: ['object', 'boolean'],
  propertyNames: ['object', 'boolean'],
  not: ['object', 'boolean'],
  if: ['object', 'boolean'],
  then: ['object', 'boolean'],
  else: ['object', 'boolean'],
  properties: ['object'],
  patternProperties: ['object'],
  dependencies: ['object'],
  dependentSchemas: ['object'],
  allOf: ['array'],
  anyOf: ['array'],
  oneOf: ['array'],
};
