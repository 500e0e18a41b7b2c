// HelmRelease values against the chart's values.schema.json, as Helm checks them at install time (chart defaults from
// values.yaml merged under the HelmRelease's values). Needs the chart in a local chart folder; HelmReleases whose
// chart is not there are counted in one notice. With valuesFrom, the values are incomplete: `required` is not checked.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Finding } from '../../core/finding.js';
import { isMap } from '../../core/resource.js';
import type { YMap, YValue } from '../../core/resource.js';
import { parseYaml } from '../../io/yaml-read.js';
import { tokens } from '../../schema/messages.js';
import { readCachedChart } from '../chart-cache.js';
import { helmReleases } from '../helm.js';
import { describe, fieldFinding } from '../rule.js';
import type { Rule } from '../rule.js';

/** Helm's value coalescing: maps merge key by key, anything else replaces; a null deletes the default. */
export function coalesceValues(defaults: YValue | undefined, values: YValue | undefined): YValue | undefined {
  if (!isMap(defaults) || !isMap(values)) return values === undefined ? defaults : values;
  const out: YMap = { ...defaults };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete out[k];
    else out[k] = coalesceValues(defaults[k], v) as YValue;
  }
  return out;
}

/** Compiled schemas by file and text: a chart folder updated in place (or a long-lived process) gets its new schema. */
const compiled = new Map<string, ValidateFunction | Error>();

function compile(file: string, text: string): ValidateFunction | Error {
  const key = `${file}\0${text}`;
  let v = compiled.get(key);
  if (v) return v;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    const modern = typeof schema['$schema'] === 'string' && /2019-09|2020-12/.test(schema['$schema']);
    const opts = { allErrors: true, strict: false, logger: false, validateFormats: false } as const;
    const ajv = modern ? new Ajv2020(opts) : new Ajv(opts);
    v = ajv.compile(schema);
  } catch (e) {
    v = e instanceof Error ? e : new Error(String(e));
  }
  compiled.set(key, v);
  return v;
}

function pathOf(e: ErrorObject): string[] {
  const parts = tokens(e.instancePath);
  if (e.keyword === 'required' && typeof e.params['missingProperty'] === 'string') return parts;
  if (e.keyword === 'additionalProperties' && typeof e.params['additionalProperty'] === 'string') parts.push(e.params['additionalProperty']);
  return parts;
}

export const helmValuesSchema: Rule = {
  code: 'helm-values-schema',
  severity: 'error',
  description: "HelmRelease values that the chart's values.schema.json rejects (charts in the local chart cache)",
  scope: 'resource',
  run(model, ctx) {
    const out: Finding[] = [];
    let unchecked = 0;
    for (const h of helmReleases(model)) {
      const chart = ctx.chartDirs.length > 0 && h.chart && h.version ? readCachedChart(ctx.chartDirs, h.chart, h.version) : undefined;
      if (!chart) {
        unchecked++;
        continue;
      }
      // the chart's files lie outside the repository (no place for a report's location): point at the HelmRelease
      const chartField = ['spec', isMap(h.resource.object['spec']) && h.resource.object['spec']['chartRef'] !== undefined ? 'chartRef' : 'chart'];
      const chartWarning = (message: string, hint: string): Finding => fieldFinding(model, helmValuesSchema, h.resource, chartField, `${describe(h.resource)}: ${message}`, hint, 'warning');
      if (chart.problem !== undefined) {
        out.push(chartWarning(`values not checked: chart ${h.chart} ${h.version} at ${chart.dir} cannot be read: ${chart.problem}`, 'download the chart again (helm pull), or remove the file'));
        continue;
      }
      if (chart.schema === undefined) continue;
      const validate = compile(chart.schemaFile, chart.schema);
      if (validate instanceof Error) {
        out.push(chartWarning(`values not checked: ${chart.schemaFile} cannot be used: ${validate.message}`, `fix or remove the chart's values.schema.json (or the chart) in the local chart folder`));
        continue;
      }
      let defaults: unknown = {};
      try {
        defaults = chart.values === undefined ? {} : parseYaml(chart.values, `${chart.dir}/values.yaml`) ?? {};
      } catch {
        defaults = {};
      }
      const values = coalesceValues(defaults as YValue, h.values) ?? {};
      if (validate(values)) continue;
      const partial = Array.isArray(isMap(h.resource.object['spec']) ? h.resource.object['spec']['valuesFrom'] : undefined);
      for (const e of validate.errors ?? []) {
        if (partial && e.keyword === 'required') continue;
        const path = pathOf(e);
        const at = '/' + path.join('/');
        const what = e.keyword === 'required' ? `missing required value ${String(e.params['missingProperty'])}` : e.keyword === 'additionalProperties' ? `unknown value ${String(e.params['additionalProperty'])}` : (e.message ?? e.keyword);
        out.push(
          fieldFinding(
            model,
            helmValuesSchema,
            h.resource,
            ['spec', 'values', ...path],
            `${describe(h.resource)}: values at '${at}': ${what} (chart ${h.chart} ${h.version})`,
            `fix spec.values to match ${h.chart}'s values.schema.json; Helm refuses to install otherwise`,
          ),
        );
      }
    }
    if (unchecked > 0 && model.mode === 'repository') {
      out.push({
        code: helmValuesSchema.code,
        severity: 'info',
        message: `values of ${unchecked} HelmRelease${unchecked === 1 ? '' : 's'} not checked against their chart's values.schema.json: chart not in the local chart cache${ctx.chartDirs.length ? ` (${ctx.chartDirs.join(', ')})` : ''}`,
        hint: 'to check values before Helm does, put each chart in the chart cache (e.g. `helm pull oci://… --version X -d ~/.cache/hops/charts`, a .tgz; unpacked folders work too), or name another folder with --chart-cache-dir or $HOPS_CHART_DIR',
      });
    }
    return out;
  },
};
