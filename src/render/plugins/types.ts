// What one loaded plugin adds to the template environment, whatever language it is written in.
import type { FilterFn, TestFn, Value } from '../../template/runtime/values.js';
import type { PathFilter } from '../plan/plan.js';

export interface PluginContribution {
  /** The entry as configured, e.g. `plugin:Plugin`. */
  name: string;
  /** The file it came from (absolute), when known. */
  source: string | null;
  /** functions() and globals(): added to the template globals by name. */
  globals: Map<string, Value>;
  /** data(): merged into the template globals after the functions. */
  data: Map<Value, Value>;
  filters: Map<string, FilterFn>;
  tests: Map<string, TestFn>;
  pathFilters: PathFilter[];
  /** Jinja extension import names. */
  extensions: string[];
  /** policies(): Jinja Environment.policies set by the plugin (json.dumps_kwargs, truncate.leeway, ...). */
  policies: Map<string, Value>;
}

/** Context handed to ES-module plugin classes and factories (makejinja passes env, data and config). */
export interface PluginContext {
  /** The data loaded from the data files (before any plugin data), as plain JS objects. */
  data: Record<string, unknown>;
  /** The resolved settings (snake_case keys like makejinja's Config, paths absolute). */
  config: Record<string, unknown>;
  /** The repository folder (makejinja's working directory): resolve relative file names against it. */
  root: string;
}

/**
 * An ES-module plugin: the module's named exports, or an object/class instance with these members. Each member may
 * be the value itself or a method returning it (like makejinja's Python protocol).
 */
export interface PluginModule {
  functions?: unknown;
  globals?: unknown;
  data?: unknown;
  filters?: unknown;
  tests?: unknown;
  pathFilters?: unknown;
  path_filters?: unknown;
  extensions?: unknown;
  policies?: unknown;
}
