// The shape of documents: which keys occur where, and whether lists hold items — the union over every object of one
// kind about to be validated. A schema only ever applies a field's subschema where the document has that field, so a
// validator compiled for a shape (specialize.ts) judges any document the shape covers exactly as the full schema does.

export interface Shape {
  /** Keys of the objects seen at this place (null: none was an object with keys). */
  keys: Map<string, Shape> | null;
  /** The union of the items of the lists seen here (null: no list had items). */
  items: Shape | null;
}

export function emptyShape(): Shape {
  return { keys: null, items: null };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds the places `data` uses to `shape` (in place). */
export function addShape(shape: Shape, data: unknown): void {
  if (Array.isArray(data)) {
    if (data.length === 0) return;
    const items = (shape.items ??= emptyShape());
    for (const x of data) addShape(items, x);
  } else if (isPlainObject(data)) {
    for (const [k, v] of Object.entries(data)) {
      const keys = (shape.keys ??= new Map());
      let child = keys.get(k);
      if (!child) keys.set(k, (child = emptyShape()));
      addShape(child, v);
    }
  }
}

/** Merges `from` into `into` (in place). */
export function mergeShape(into: Shape, from: Shape): void {
  if (from.items) mergeShape((into.items ??= emptyShape()), from.items);
  if (!from.keys) return;
  const keys = (into.keys ??= new Map());
  for (const [k, v] of from.keys) {
    let child = keys.get(k);
    if (!child) keys.set(k, (child = emptyShape()));
    mergeShape(child, v);
  }
}

export function copyShape(s: Shape): Shape {
  const out = emptyShape();
  mergeShape(out, s);
  return out;
}

/** Whether every place `data` uses is in `shape`. */
export function covers(shape: Shape, data: unknown): boolean {
  if (Array.isArray(data)) {
    if (data.length === 0) return true;
    const items = shape.items;
    return items !== null && data.every((x) => covers(items, x));
  }
  if (!isPlainObject(data)) return true;
  for (const k in data) {
    if (!Object.prototype.hasOwnProperty.call(data, k)) continue;
    const child = shape.keys?.get(k);
    if (!child || !covers(child, data[k])) return false;
  }
  return true;
}

/**
 * Numbers shapes by content, so that one subschema specialised for two equal shapes is compiled once. Each distinct
 * shape gets a small id; a shape's signature names its children by their ids.
 */
export class ShapeIds {
  private readonly ids = new WeakMap<Shape, number>();
  private readonly bySignature = new Map<string, number>();
  private readonly unions = new WeakMap<Shape, Shape>();

  id(s: Shape): number {
    let id = this.ids.get(s);
    if (id !== undefined) return id;
    const keys = s.keys ? [...s.keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${this.id(v)}`) : [];
    const sig = `${keys.join(',')}|${s.items ? this.id(s.items) : ''}`;
    id = this.bySignature.get(sig);
    if (id === undefined) this.bySignature.set(sig, (id = this.bySignature.size));
    this.ids.set(s, id);
    return id;
  }

  /** The union of the values of every key (what `additionalProperties` and `patternProperties` may see). */
  valuesUnion(s: Shape): Shape {
    let u = this.unions.get(s);
    if (!u) {
      u = emptyShape();
      for (const v of s.keys?.values() ?? []) mergeShape(u, v);
      this.unions.set(s, u);
    }
    return u;
  }
}
