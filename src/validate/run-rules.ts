// Which rules run (all, less --disable; only per-resource ones over plain manifests) and which codes --disable
// silences, and running them over a model.
import type { Finding } from '../core/finding.js';
import type { ValidationModel } from './model.js';
import type { Rule } from './rule.js';
import { rules as allRules } from './rules/index.js';
import type { ValidateOptions } from './validate.js';

export function enabledRules(opts: ValidateOptions, mode: ValidationModel['mode']): Rule[] {
  const off = new Set(opts.disable ?? []);
  return allRules.filter((r) => !off.has(r.code) && (mode === 'repository' || r.scope === 'resource'));
}

/**
 * Codes `--disable` silences: the disabled rules' own and the build's codes each of them stands in for (the build
 * finds unset variables and missing paths too; a disabled rule must not let its raw copy through).
 */
export function disabledCodes(opts: ValidateOptions): Set<string> {
  const off = new Set(opts.disable ?? []);
  for (const r of allRules) if (off.has(r.code)) for (const c of r.replaces ?? []) off.add(c);
  return off;
}

export function runRules(model: ValidationModel, rules: Rule[], opts: ValidateOptions): Finding[] {
  const out: Finding[] = [];
  const c = opts.chartCacheDir;
  const chartDirs = c === undefined || c === null ? [] : typeof c === 'string' ? [c] : c;
  for (const rule of rules) out.push(...rule.run(model, { chartDirs }));
  return out;
}
