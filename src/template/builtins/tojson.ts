// The tojson filter as Jinja runs it: json.dumps_function and json.dumps_kwargs from Environment.policies (which
// makejinja plugins may set), the filter's indent over the policy's, then the HTML-safe escapes.
import type { CallContext, Value } from '../runtime/values.js';
import { Markup, isStr, isTuple, pyError, pyTypeName, strOf } from '../runtime/values.js';
import { binary } from '../python/arith.js';
import { truthy } from '../python/compare.js';
import { jsonDumps, type JsonOptions } from '../python/json.js';

/** json.dumps's keyword arguments; `cls` is accepted and not used (a JSONEncoder class cannot run here). */
const DUMPS_KWARGS = new Set(['skipkeys', 'ensure_ascii', 'check_circular', 'allow_nan', 'cls', 'indent', 'separators', 'default', 'sort_keys']);

export function tojson(ctx: CallContext, value: Value, indent: Value): Markup {
  const dumps = ctx.env.policies.get('json.dumps_function') ?? null;
  // an environment without the policy (not Jinja's) gets Jinja's default
  const policy = ctx.env.policies.has('json.dumps_kwargs') ? (ctx.env.policies.get('json.dumps_kwargs') ?? null) : new Map<Value, Value>([['sort_keys', true]]);
  if (!(policy instanceof Map)) {
    if (indent !== null) throw pyError('AttributeError', `'${pyTypeName(policy)}' object has no attribute 'copy'`);
    throw pyError('TypeError', `jinja2.utils.htmlsafe_json_dumps() argument after ** must be a mapping, not ${pyTypeName(policy)}`);
  }
  const kwargs = indent === null ? policy : new Map([...policy, ['indent', indent]]);
  const named = new Map<string, Value>();
  for (const [k, v] of kwargs) {
    if (!isStr(k)) throw pyError('TypeError', 'keywords must be strings');
    named.set(strOf(k), v);
  }
  let json: Value;
  if (dumps !== null) json = ctx.env.call(dumps, [value], named, ctx);
  else json = jsonDumps(value, dumpsOptions(named, ctx));
  if (!isStr(json)) throw pyError('AttributeError', `'${pyTypeName(json)}' object has no attribute 'replace'`);
  return new Markup(strOf(json).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'));
}

/** json.dumps(obj, **kwargs) → our encoder's options, with json.dumps's errors for what it would reject. */
function dumpsOptions(kw: Map<string, Value>, ctx: CallContext): JsonOptions {
  for (const k of kw.keys()) if (!DUMPS_KWARGS.has(k)) throw pyError('TypeError', `JSONEncoder.__init__() got an unexpected keyword argument '${k}'`);
  const flag = (k: string, dflt: boolean) => (kw.has(k) ? truthy(kw.get(k)!) : dflt);
  const indentArg = kw.get('indent') ?? null;
  const indent = indentArg === null ? null : isStr(indentArg) ? strOf(indentArg) : (binary('*', ' ', indentArg) as string);
  const opts: JsonOptions = {
    sortKeys: flag('sort_keys', false),
    indent,
    ensureAscii: flag('ensure_ascii', true),
    allowNan: flag('allow_nan', true),
    skipKeys: flag('skipkeys', false),
  };
  const seps = kw.get('separators') ?? null;
  if (seps !== null) {
    if (!Array.isArray(seps) && !isTuple(seps)) throw pyError('TypeError', `cannot unpack non-iterable ${pyTypeName(seps)} object`);
    const list = seps as readonly Value[];
    if (list.length < 2) throw pyError('ValueError', `not enough values to unpack (expected 2, got ${list.length})`);
    if (list.length > 2) throw pyError('ValueError', 'too many values to unpack (expected 2)');
    const [item, key] = list as [Value, Value];
    if (!isStr(key)) throw pyError('TypeError', `make_encoder() argument 5 must be str, not ${pyTypeName(key)}`);
    if (!isStr(item)) throw pyError('TypeError', `make_encoder() argument 6 must be str, not ${pyTypeName(item)}`);
    opts.separators = [strOf(item), strOf(key)];
  }
  const dflt = kw.get('default') ?? null;
  if (dflt !== null) opts.default = (v) => ctx.env.call(dflt, [v], new Map(), ctx);
  return opts;
}
