// A kind's schema cut down to the fields its documents use, for ajv to compile. ajv turns a whole schema graph into
// code up front (a CRD such as EnvoyProxy or a CNPG Cluster is thousands of subschemas), while a repository's objects
// use a sliver of it. A subschema under `properties` only ever applies where the document has that key, under `items`
// only to list items, and so on; so the subschemas for places no document (shape.ts) has become `true`, and what is
// left validates any covered document exactly as the full schema does — same keywords at the same places, in the same
// order, hence the same errors. Refs stay refs (one definition per target and shape), so recursion stays finite.
import { isObject } from './keywords.js';
import type { JsonSchema } from './keywords.js';
import type { SchemaDocs } from './schema-docs.js';
import { emptyShape } from './shape.js';
import type { Shape, ShapeIds } from './shape.js';

const NOTHING = emptyShape();

/**
 * `root` (from the document `base`) specialised for `shape`, as one self-contained schema: every `$ref` points into its
 * own `$defs`. The graph must be `docs.compilable()`.
 */
export function specialize(root: JsonSchema, base: string, shape: Shape, docs: SchemaDocs, ids: ShapeIds): JsonSchema {
  const defs: Record<string, unknown> = {};
  const names = new Map<unknown, Map<number, string>>();
  let count = 0;

  const ref = (target: string, from: string, s: Shape): string => {
    const r = docs.resolve(target, from);
    if (!r) throw new Error(`specialize: unresolved $ref ${target}`); // compilable() found it before
    const sid = ids.id(s);
    let byShape = names.get(r.node);
    if (!byShape) names.set(r.node, (byShape = new Map()));
    let name = byShape.get(sid);
    if (name === undefined) {
      name = `s${count++}`;
      byShape.set(sid, name);
      defs[name] = true; // placeholder while a recursive graph refers back to it
      defs[name] = spec(r.node, r.base, s);
    }
    return `#/$defs/${name}`;
  };

  const spec = (node: unknown, at: string, s: Shape): unknown => {
    if (!isObject(node)) return node;
    const keys = s.keys;
    const values = (): Shape => (keys ? ids.valuesUnion(s) : NOTHING);
    const below = (v: unknown, inner: Shape | null): unknown => (inner === null && isObject(v) ? true : spec(v, at, inner ?? NOTHING));
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) {
      switch (k) {
        case '$ref':
          out[k] = ref(v as string, at, s);
          break;
        case '$id':
        case '$schema':
        case '$defs':
        case 'definitions':
          break; // refs no longer go through them
        case 'properties':
          out[k] = Object.fromEntries(Object.entries(v as object).map(([name, sub]) => [name, below(sub, keys?.get(name) ?? null)]));
          break;
        case 'patternProperties':
          out[k] = Object.fromEntries(Object.entries(v as object).map(([p, sub]) => [p, below(sub, keys ? values() : null)]));
          break;
        case 'additionalProperties':
          out[k] = below(v, keys ? values() : null);
          break;
        case 'items':
          out[k] = Array.isArray(v) ? v.map((x) => below(x, s.items)) : below(v, s.items);
          break;
        case 'additionalItems':
        case 'contains':
          out[k] = below(v, s.items);
          break;
        case 'propertyNames':
          out[k] = spec(v, at, NOTHING); // applies to the key strings
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
          out[k] = (v as unknown[]).map((x) => spec(x, at, s));
          break;
        case 'not':
        case 'if':
        case 'then':
        case 'else':
          out[k] = spec(v, at, s);
          break;
        case 'dependencies':
        case 'dependentSchemas':
          out[k] = Object.fromEntries(Object.entries(v as object).map(([name, x]) => [name, Array.isArray(x) ? x : spec(x, at, s)]));
          break;
        default:
          out[k] = v; // values, not schemas
      }
    }
    return out;
  };

  const top = spec(root, base, shape) as JsonSchema;
  return count > 0 ? { ...top, $defs: defs } : top;
}
