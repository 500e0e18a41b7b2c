// Renders one differential case with hops, mirroring oracle.py.
import { Environment } from '../../src/template/index.js';
import type { EnvironmentOptions, TemplateLoader } from '../../src/template/api.js';
import { Markup, PyError, tuple, type Value } from '../../src/template/runtime/values.js';
import type { JinjaCase } from './case.js';

export interface CaseResult {
  output?: string;
  error?: string;
  line?: number;
  template?: string;
}

/** JSON case values → template values (see case.ts for the convention). */
export function decodeValue(v: unknown): Value {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(decodeValue);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      if (keys[0] === '$float') return Number(o['$float']);
      if (keys[0] === '$tuple') return tuple((o['$tuple'] as unknown[]).map(decodeValue));
      if (keys[0] === '$markup') return new Markup(String(o['$markup']));
    }
    const m = new Map<Value, Value>();
    for (const k of keys) m.set(k, decodeValue(o[k]));
    return m;
  }
  throw new Error(`unsupported case value ${String(v)}`);
}

export function renderCase(c: JinjaCase): CaseResult {
  const templates = c.templates ?? {};
  const loader: TemplateLoader = {
    getSource: (name) => (Object.hasOwn(templates, name) ? { source: templates[name]!, filename: name } : null),
  };
  try {
    const env = new Environment({ ...(c.options as EnvironmentOptions | undefined), loader });
    const vars = new Map<string, Value>();
    for (const [k, v] of Object.entries(c.vars ?? {})) vars.set(k, decodeValue(v));
    return { output: env.fromString(c.source).render(vars) };
  } catch (e) {
    if (e instanceof PyError) {
      const r: CaseResult = { error: e.describe() };
      if (e.lineno !== undefined) r.line = e.lineno;
      if (e.templateName !== undefined) r.template = e.templateName;
      return r;
    }
    return { error: `JSError: ${(e as Error).stack ?? String(e)}` };
  }
}
