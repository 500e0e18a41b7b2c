// Jinja Environment.policies that plugins set (makejinja: env.policies.update(plugin.policies()), plugin by plugin).
// The engine's filters read them as Jinja's do: tojson (json.dumps_function, json.dumps_kwargs), truncate
// (truncate.leeway), urlize (urlize.rel, urlize.target, urlize.extra_schemes). What cannot take effect is a warning.
import type { Finding } from '../../core/finding.js';
import type { Value } from '../../template/runtime/values.js';
import type { PluginContribution } from './types.js';

/** Jinja 3.1's DEFAULT_POLICIES keys; compiler.ascii_str and ext.i18n.trimmed change nothing here (nor in Jinja 3 without the i18n extension). */
export const JINJA_POLICIES = ['compiler.ascii_str', 'urlize.rel', 'urlize.target', 'urlize.extra_schemes', 'truncate.leeway', 'json.dumps_function', 'json.dumps_kwargs', 'ext.i18n.trimmed'];

const isCallable = (v: Value | undefined) => typeof v === 'function';

/** Warnings for the policies of one plugin that hops leaves without effect. */
export function policyFindings(c: PluginContribution, file: string | undefined): Finding[] {
  const ignored: string[] = [];
  const why: string[] = [];
  const hints: string[] = [];
  const unknown = [...c.policies.keys()].filter((k) => !JINJA_POLICIES.includes(k));
  if (unknown.length) {
    ignored.push(...unknown);
    why.push(`${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length === 1 ? 'is not a Jinja policy' : 'are not Jinja policies'} (no effect in Jinja either)`);
    hints.push(`Jinja's policies are ${JINJA_POLICIES.join(', ')}`);
  }
  const kwargs = c.policies.get('json.dumps_kwargs');
  if (kwargs instanceof Map) {
    const cls = kwargs.get('cls');
    if (cls !== undefined && cls !== null) {
      ignored.push('json.dumps_kwargs.cls');
      why.push('a JSONEncoder class (json.dumps_kwargs "cls") cannot run in hops; tojson encodes without it');
      hints.push('set "json.dumps_function" to a function that calls json.dumps(obj, cls=YourEncoder, **kwargs)');
    }
    const dumps = c.policies.get('json.dumps_function');
    if (isCallable(kwargs.get('default')) && dumps !== undefined && dumps !== null) {
      ignored.push('json.dumps_kwargs.default');
      why.push('a "default" function in json.dumps_kwargs is not passed on to json.dumps_function (it arrives as None)');
      hints.push('have json.dumps_function pass default= itself');
    }
  }
  if (ignored.length === 0) return [];
  return [
    {
      code: 'plugin-policy-ignored',
      severity: 'warning',
      message: `plugin "${c.name}": polic${ignored.length === 1 ? 'y' : 'ies'} ${ignored.map((k) => `"${k}"`).join(', ')} ignored: ${why.join('; ')}`,
      ...(file ? { file } : {}),
      hint: hints.join('; '),
    },
  ];
}
