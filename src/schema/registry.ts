// The schema registry: sources asked in order — repo CRDs, each --schema-location, the local cache, the shipped
// bundle — and a validator compiled lazily per GVK, then cached. `default` among the locations puts the bundle there.
// resolveFor() compiles a kind's schema only for the fields its documents use (shaped-kinds.ts): expect() tells it,
// before validating, every document to come, so that each kind is compiled once.
import { UsageError } from '../core/errors.js';
import { createAjv } from './ajv.js';
import type { AjvInstance } from './ajv.js';
import { BundleSource, defaultBundleDir } from './bundle.js';
import type { Scope } from './bundle-format.js';
import { CacheSource } from './cache.js';
import { CrdSource } from './crd-source.js';
import type { CrdInput } from './crd-source.js';
import { gvkKey } from './gvk.js';
import type { Gvk } from './gvk.js';
import { LocationSource } from './location.js';
import { isHttpLocation } from './external-schema.js';
import type { FoundSchema, SchemaSource, SharedDoc } from './source.js';
import type { JsonSchema } from './keywords.js';
import { OBJECT_META_ID } from './keywords.js';
import { SchemaLoadError } from './source.js';
import type { ValidateFunction } from 'ajv';
import { ShapedKinds } from './shaped-kinds.js';
import type { ShapePlan } from './shaped-kinds.js';
import { isObject } from './keywords.js';
import { parseApiVersion } from './gvk.js';

export interface RegistryOptions {
  /** CustomResourceDefinitions from the repository or its rendered output (objects, or {object, origin}). */
  crds?: Iterable<CrdInput | unknown>;
  /** kubeconform-style templates or paths, in order; `default` = the shipped bundle. */
  schemaLocations?: readonly string[];
  /** The local cache folder (see defaultCacheDir); null or absent: no cache. */
  cacheDir?: string | null;
  /** The shipped bundle folder; defaults to schemas/ in the installed package; null: no bundle. */
  bundleDir?: string | null;
  /** For templates' {{.NormalizedKubernetesVersion}}; defaults to the bundle's version. */
  kubernetesVersion?: string;
  /** Base for relative template paths. */
  cwd?: string;
  /** Used for http(s) locations (tests pass their own). */
  fetch?: typeof fetch;
  /** Compile each kind only for the fields its documents use (default true); false: always the full schema. */
  specialize?: boolean;
}

export interface CompiledSchema {
  validate: ValidateFunction;
  found: FoundSchema;
  source: string;
}

export interface Resolution {
  compiled: CompiledSchema | null;
  /** Sources that failed on the way (the lookup went on to the next one). */
  problems: string[];
}

export class SchemaRegistry {
  readonly sources: SchemaSource[] = [];
  readonly kubernetesVersion: string;
  private readonly ajv: AjvInstance = createAjv();
  private readonly compiled = new Map<string, Resolution>();
  /** The shared documents loaded (in order), by id, and the ids of those ajv has. */
  private readonly sharedLoaded = new Map<string, JsonSchema>();
  private readonly sharedInAjv = new Set<string>();
  private readonly shaped = new ShapedKinds(this.ajv);
  private readonly specialize: boolean;
  readonly bundle: BundleSource | null;
  private readonly crds = new CrdSource();

  constructor(opts: RegistryOptions = {}) {
    const bundleDir = opts.bundleDir === undefined ? defaultBundleDir() : opts.bundleDir;
    this.bundle = bundleDir ? new BundleSource(bundleDir) : null;
    this.kubernetesVersion = opts.kubernetesVersion ?? this.bundle?.kubernetesVersion ?? 'master';
    this.specialize = opts.specialize ?? true;
    this.crds.add(opts.crds ?? []);
    this.sources.push(this.crds);
    let bundlePlaced = false;
    for (const loc of opts.schemaLocations ?? []) {
      if (loc === 'default') {
        if (this.bundle && !bundlePlaced) this.sources.push(this.bundle);
        bundlePlaced = true;
        continue;
      }
      if (!loc.trim()) throw new UsageError('--schema-location: empty location');
      this.sources.push(new LocationSource(loc, { kubernetesVersion: this.kubernetesVersion, cwd: opts.cwd ?? process.cwd(), ...(opts.fetch ? { fetch: opts.fetch } : {}) }));
    }
    if (opts.cacheDir) this.sources.push(new CacheSource(opts.cacheDir));
    if (this.bundle && !bundlePlaced) this.sources.push(this.bundle);
  }

  /**
   * Adds CustomResourceDefinitions met later (e.g. among the manifests being validated); they take precedence like
   * the ones given up front. Returns the GVK keys they define.
   */
  addCrds(crds: Iterable<CrdInput | unknown>): string[] {
    const keys = this.crds.add(crds);
    for (const k of keys) {
      this.compiled.delete(k);
      this.shaped.forget(k);
    }
    return keys;
  }

  /** Namespaced or Cluster: from the repository's CRDs, else the bundle; undefined when neither has the kind. */
  scopeOf(gvk: Gvk): Scope | undefined {
    return this.crds.scopeOf(gvk) ?? this.bundle?.scopeOf(gvk);
  }

  /** Whether some location needs the network (the caller then awaits prefetch before validating). */
  get needsNetwork(): boolean {
    return this.sources.some((s) => s instanceof LocationSource && isHttpLocation(s.template));
  }

  /** Loads what http(s) locations hold for these kinds; local sources need no prefetch. */
  async prefetch(gvks: Iterable<Gvk>): Promise<void> {
    const unique = new Map<string, Gvk>();
    for (const g of gvks) unique.set(gvkKey(g), g);
    const list = [...unique.values()].filter((g) => !this.compiled.has(gvkKey(g)));
    for (const s of this.sources) if (s.prefetch) await s.prefetch(list);
  }

  /** The compiled validator for a GVK (first source that has a usable schema wins), cached. */
  resolve(gvk: Gvk): Resolution {
    const key = gvkKey(gvk);
    let r = this.compiled.get(key);
    if (!r) {
      r = this.compile(gvk);
      this.compiled.set(key, r);
    }
    return r;
  }

  /** The ObjectMeta schema converted CRDs refer to: the bundled Kubernetes one, else any object. */
  private objectMeta(): void {
    if (this.sharedLoaded.has(OBJECT_META_ID)) return;
    const k8s = this.bundle?.lookup({ group: '', version: 'v1', kind: 'ConfigMap' });
    for (const doc of k8s?.shared ?? []) this.addShared(doc);
    const id = k8s?.shared?.[0]?.id;
    this.addShared({ id: OBJECT_META_ID, load: () => (id ? { $ref: `${id}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` } : { type: 'object' }) });
  }

  /** Loads a shared document once; ajv gets it only when a schema is compiled in full (see syncAjv). */
  private addShared(doc: SharedDoc): void {
    if (this.sharedLoaded.has(doc.id)) return;
    const schema = doc.load();
    this.shaped.docs.add(doc.id, schema);
    this.sharedLoaded.set(doc.id, schema);
  }

  /** Gives ajv every shared document loaded so far, before a full compile (as if each had been added when loaded). */
  private syncAjv(): void {
    for (const [id, schema] of this.sharedLoaded) {
      if (this.sharedInAjv.has(id)) continue;
      this.ajv.addSchema(schema, id);
      this.sharedInAjv.add(id);
    }
  }

  /** Announces documents about to be validated (Lists: their items), so each kind is compiled once for all of them. */
  expect(obj: unknown): void {
    if (!this.specialize || !isObject(obj) || typeof obj['kind'] !== 'string' || typeof obj['apiVersion'] !== 'string') return;
    if (obj['kind'] === 'List' && Array.isArray(obj['items'])) {
      for (const item of obj['items']) this.expect(item);
      return;
    }
    this.shaped.expect(gvkKey({ ...parseApiVersion(obj['apiVersion']), kind: obj['kind'] }), obj);
  }

  /**
   * The validator for one document of this kind: like resolve(), but compiled only for the fields the documents
   * announced by expect() (and this one) use. It judges `data` exactly as the full schema would; use it for `data`
   * only (another document may use fields it was not compiled for).
   */
  resolveFor(gvk: Gvk, data: unknown): Resolution {
    const key = gvkKey(gvk);
    const full = this.compiled.get(key);
    if (full || !this.specialize) return full ?? this.resolve(gvk);
    let plan = this.shaped.plan(key);
    if (!plan) {
      const r = this.compile(gvk, true);
      if (!('plan' in r)) {
        this.compiled.set(key, r);
        return r;
      }
      this.shaped.setPlan(key, (plan = r.plan));
    }
    const validate = this.shaped.validator(key, data);
    if (validate) return { compiled: { validate, found: plan.found, source: plan.source }, problems: plan.problems };
    this.shaped.forget(key);
    return this.resolve(gvk);
  }

  private compile(gvk: Gvk): Resolution;
  private compile(gvk: Gvk, plan: true): Resolution | { plan: ShapePlan };
  private compile(gvk: Gvk, plan = false): Resolution | { plan: ShapePlan } {
    const problems: string[] = [];
    for (const source of this.sources) {
      let found: FoundSchema | null;
      try {
        found = source.lookup(gvk);
      } catch (e) {
        if (!(e instanceof SchemaLoadError)) throw e;
        problems.push(e.message);
        continue;
      }
      if (!found) continue;
      try {
        this.objectMeta();
        for (const doc of found.shared ?? []) this.addShared(doc);
        if (plan) {
          const p = this.shaped.planFor(found, source.name, problems);
          if (p) return { plan: p };
        }
        const id = typeof found.schema['$id'] === 'string' ? found.schema['$id'] : undefined;
        this.syncAjv();
        const existing = id ? this.ajv.getSchema(id) : undefined;
        const validate = existing ?? this.ajv.compile(found.schema);
        return { compiled: { validate, found, source: source.name }, problems };
      } catch (e) {
        // kubeconform, too, moves on to the next location when a schema does not compile
        problems.push(`${found.origin}: schema does not compile: ${(e as Error).message}`);
      }
    }
    return { compiled: null, problems };
  }
}
