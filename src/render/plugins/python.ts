// Python plugins (makejinja's native kind) through one `python3` child process speaking JSON lines (see
// bridge-script.ts). Functions, filters, tests and path filters become JS callables that call across the bridge.
import { PY_CALL, PyError, isTuple, isUndefined, Markup, pyCallable, tuple, type FilterFn, type PyErrorType, type TestFn, type Value } from '../../template/runtime/values.js';
import { BRIDGE_SCRIPT } from './bridge-script.js';
import { ChannelError, SyncChannel } from './sync-channel.js';
import type { PluginContribution } from './types.js';

export class PythonBridgeError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    /** The interpreter does not exist: every other Python plugin would fail the same way. */
    readonly noInterpreter = false,
  ) {
    super(message);
  }
}

interface Remote {
  id: number;
  name: string;
}
interface LoadReply {
  file: string | null;
  functions: Remote[];
  filters: Remote[];
  tests: Remote[];
  pathFilters: number[];
  data: unknown;
  extensions: string[];
  policies: unknown;
}

export class PythonBridge {
  private readonly channel: SyncChannel;
  private nextId = 1;
  readonly python: string;
  /** Version of the interpreter, e.g. 3.12.4. */
  version = '?';

  constructor(opts: { python: string; cwd: string; env: Record<string, string | undefined>; importPaths: string[] }) {
    this.python = opts.python;
    this.channel = new SyncChannel(opts.python, ['-u', '-c', BRIDGE_SCRIPT], { cwd: opts.cwd, env: { ...opts.env, PYTHONDONTWRITEBYTECODE: '1' } });
    const info = this.request({ op: 'init', importPaths: opts.importPaths }, 'start the Python plugin bridge');
    this.version = String(info['python'] ?? '?');
  }

  private request(req: Record<string, unknown>, what: string): Record<string, unknown> {
    let line: string;
    try {
      line = this.channel.request(JSON.stringify({ ...req, id: this.nextId++ }));
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      if (e.code === 'ENOENT') {
        throw new PythonBridgeError(
          `cannot ${what}: ${this.python} was not found`,
          'install Python 3 (or set HOPS_PYTHON to its path), or replace the Python plugin with an ES module plugin (see src/render/README.md)',
          true,
        );
      }
      const tail = e.stderr.trim().split('\n').slice(-6).join('\n');
      throw new PythonBridgeError(`cannot ${what}: ${this.python} ${e.message}${tail ? `\n${tail}` : ''}`, 'check that the Python plugin imports and runs with this interpreter');
    }
    const res = JSON.parse(line) as Record<string, unknown>;
    if (res['ok'] !== true) {
      const err = res['error'] as { type: string; message: string; where: string | null };
      throw new PyError(err.type as PyErrorType, `${err.message}${err.where ? ` (at ${err.where})` : ''}`);
    }
    return res;
  }

  /** Import and instantiate one makejinja plugin entry (`module:Class`) in the Python process. */
  load(entry: string, data: Map<Value, Value>, config: Record<string, unknown>): PluginContribution {
    let r: LoadReply;
    try {
      r = this.request({ op: 'load', entry, data: encode(data), config: encode(config) }, `load plugin "${entry}"`) as unknown as LoadReply;
    } catch (e) {
      if (e instanceof PyError) {
        throw new PythonBridgeError(
          `failed to load in ${this.python} (Python ${this.version}): ${e.pyType}: ${e.message}`,
          ['SyntaxError', 'ModuleNotFoundError', 'ImportError'].includes(e.pyType as string)
            ? 'the plugin may need a newer Python or packages this interpreter lacks (set HOPS_PYTHON or --python), or fix import_paths in makejinja.toml'
            : 'fix the plugin, or replace it with an ES module plugin (see src/render/README.md)',
        );
      }
      throw e;
    }
    const c: PluginContribution = {
      name: entry,
      source: r.file,
      globals: new Map(),
      data: new Map(),
      filters: new Map(),
      tests: new Map(),
      pathFilters: [],
      extensions: r.extensions,
      policies: new Map(),
    };
    for (const f of r.functions) c.globals.set(f.name, this.remoteCallable(f));
    for (const f of r.filters) c.filters.set(f.name, this.remoteFilter(f));
    for (const f of r.tests) c.tests.set(f.name, this.remoteTest(f));
    for (const id of r.pathFilters) c.pathFilters.push({ plugin: entry, keep: (p) => this.call(id, 'path filter', [p], new Map()) === true });
    const pluginData = r.data === null ? null : this.decode(r.data);
    if (pluginData instanceof Map) c.data = pluginData;
    const policies = r.policies === null ? null : this.decode(r.policies);
    if (policies instanceof Map) for (const [k, v] of policies) c.policies.set(String(k), v);
    return c;
  }

  call(id: number, name: string, args: Value[], kwargs: Map<string, Value>): Value {
    const res = this.request({ op: 'call', fn: id, args: args.map(encode), kwargs: Object.fromEntries([...kwargs].map(([k, v]) => [k, encode(v)])) }, `call ${name}()`);
    return this.decode(res['value']);
  }

  private remoteCallable(f: Remote): Value {
    return pyCallable(f.name, (args, kwargs) => this.callNamed(f, args, kwargs));
  }
  private remoteFilter(f: Remote): FilterFn {
    return (_ctx, value, args, kwargs) => this.callNamed(f, [value, ...args], kwargs);
  }
  private remoteTest(f: Remote): TestFn {
    return (_ctx, value, args, kwargs) => Boolean(this.callNamed(f, [value, ...args], kwargs));
  }
  private callNamed(f: Remote, args: Value[], kwargs: Map<string, Value>): Value {
    try {
      return this.call(f.id, f.name, args, kwargs);
    } catch (e) {
      if (e instanceof PyError) throw new PyError(e.pyType, `${f.name}() raised ${e.pyType}: ${e.message}`);
      if (e instanceof PythonBridgeError) throw new PyError('RuntimeError', `${f.name}(): ${e.message}`);
      throw e;
    }
  }

  decode(v: unknown): Value {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
    if (Array.isArray(v)) return v.map((x) => this.decode(x));
    const o = v as Record<string, unknown>;
    if ('$int' in o) return BigInt(o['$int'] as string);
    if ('$float' in o) return Number(String(o['$float']).replace('inf', 'Infinity'));
    if ('$tuple' in o) return tuple((o['$tuple'] as unknown[]).map((x) => this.decode(x)));
    if ('$dict' in o) return new Map((o['$dict'] as Array<[unknown, unknown]>).map(([k, x]) => [this.decode(k), this.decode(x)]));
    if ('$callable' in o) return this.remoteCallable({ id: o['$callable'] as number, name: String(o['name']) });
    return null;
  }

  close(): void {
    this.channel.close(JSON.stringify({ op: 'exit' }));
  }
}

/** Template values → bridge JSON. */
export function encode(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return v ?? null;
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
    return Number.isInteger(v) ? { $float: v.toFixed(1) } : v;
  }
  if (v instanceof Markup) return v.s;
  if (isUndefined(v)) return { $none: true };
  if (isTuple(v)) return { $tuple: v.map(encode) };
  if (Array.isArray(v)) return v.map(encode);
  if (v instanceof Map) return { $dict: [...v].map(([k, x]) => [encode(k), encode(x)]) };
  if (typeof v === 'function' && (v as { [PY_CALL]?: unknown })[PY_CALL]) return { $none: true };
  if (typeof v === 'object') {
    return { $dict: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, encode(x)]) };
  }
  return String(v);
}
