// Per kind, what its documents use (the union of their shapes) and the validator compiled for that (specialize.ts):
// a document the compiled shape does not cover gets a new compile for the wider union, a few times at most — then the
// caller compiles the full schema instead. expect() announces documents up front, so that a batch compiles each kind once.
import type { ValidateFunction } from 'ajv';
import type { AjvInstance } from './ajv.js';
import type { JsonSchema } from './keywords.js';
import { anonymousBase, SchemaDocs } from './schema-docs.js';
import { addShape, copyShape, covers, emptyShape, ShapeIds } from './shape.js';
import type { Shape } from './shape.js';
import type { FoundSchema } from './source.js';
import { specialize } from './specialize.js';

/** A source's schema for a kind, ready to specialise. */
export interface ShapePlan {
  found: FoundSchema;
  source: string;
  /** Sources that failed before this one. */
  problems: string[];
  root: JsonSchema;
  /** Id of the document `root` is (the base of its refs). */
  base: string;
}

interface KindShapes {
  /** Union of the documents expected or validated so far. */
  seen: Shape;
  plan?: ShapePlan;
  current?: { shape: Shape; validate: ValidateFunction };
  compiles: number;
}

/** Compiles per kind (documents not announced by expect()) before the full schema is used instead. */
const MAX_COMPILES = 3;

export class ShapedKinds {
  /** Every document refs may name: shared ones (registered by the registry) and the kinds' own schemas. */
  readonly docs = new SchemaDocs();
  private readonly ids = new ShapeIds();
  private readonly kinds = new Map<string, KindShapes>();
  private anonymous = 0;

  constructor(private readonly ajv: AjvInstance) {}

  private kind(key: string): KindShapes {
    let k = this.kinds.get(key);
    if (!k) this.kinds.set(key, (k = { seen: emptyShape(), compiles: 0 }));
    return k;
  }

  /** Adds a document to come to its kind's union. */
  expect(key: string, obj: unknown): void {
    addShape(this.kind(key).seen, obj);
  }

  plan(key: string): ShapePlan | undefined {
    return this.kinds.get(key)?.plan;
  }

  /**
   * A plan for a found schema, or null when the full schema must be compiled instead (ajv's own compile then fails
   * or succeeds as it always did). A schema whose `$id` is already a known document is that document, as in ajv.
   */
  planFor(found: FoundSchema, source: string, problems: string[]): ShapePlan | null {
    const id = typeof found.schema['$id'] === 'string' ? found.schema['$id'] : anonymousBase(this.anonymous++);
    const base = this.docs.add(id, found.schema);
    const root = (this.docs.resolve(base, base)?.node ?? found.schema) as JsonSchema;
    return this.docs.compilable(root, base) ? { found, source, problems, root, base } : null;
  }

  setPlan(key: string, plan: ShapePlan): void {
    this.kind(key).plan = plan;
  }

  /** The validator for `data` (its kind planned), or null: compile the full schema from now on. */
  validator(key: string, data: unknown): ValidateFunction | null {
    const k = this.kind(key);
    if (!k.plan) return null;
    if (k.current && covers(k.current.shape, data)) return k.current.validate;
    addShape(k.seen, data);
    if (k.compiles >= MAX_COMPILES) return null;
    const shape = copyShape(k.seen);
    try {
      const validate = this.ajv.compile(specialize(k.plan.root, k.plan.base, shape, this.docs, this.ids));
      k.current = { shape, validate };
      k.compiles++;
      return validate;
    } catch {
      return null; // not expected (compilable() passed); the full compile reports whatever it is
    }
  }

  forget(key: string): void {
    this.kinds.delete(key);
  }
}
