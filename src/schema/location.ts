// `--schema-location`: kubeconform-compatible templates, read from local paths, or over http(s) only when the location
// itself is an http(s) URL. Variables: {{.Group}} {{.ResourceKind}} {{.ResourceAPIVersion}}
// {{.NormalizedKubernetesVersion}} {{.StrictSuffix}} {{.KindSuffix}}. A location not ending in `json` gets kubeconform's
// default layout appended; the keyword `default` means the shipped bundle (see registry.ts).
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.js';
import { apiVersionOf } from './gvk.js';
import type { Gvk } from './gvk.js';
import { fetchWithRefs, isHttpLocation, loadLocal } from './external-schema.js';
import type { FoundSchema, SchemaSource } from './source.js';
import { SchemaLoadError } from './source.js';

const DEFAULT_LAYOUT = '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';
const VARIABLES = ['Group', 'ResourceKind', 'ResourceAPIVersion', 'NormalizedKubernetesVersion', 'StrictSuffix', 'KindSuffix'] as const;
type Variable = (typeof VARIABLES)[number];

/** Checks a template once, up front, so a typo is a usage error rather than a missing schema per resource. */
export function checkTemplate(template: string): void {
  for (const m of template.matchAll(/\{\{(.*?)\}\}/g)) {
    const name = /^\s*\.([A-Za-z]+)\s*$/.exec(m[1] ?? '')?.[1];
    if (!name || !(VARIABLES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--schema-location: unsupported template expression "${m[0]}"`,
        `use one of ${VARIABLES.map((v) => `{{.${v}}}`).join(', ')}`,
      );
    }
  }
}

/** kubeconform's values: kind lowercased, `apps/v1` → Group `apps` + `v1`, core `v1` → Group `v1`. */
export function templateVariables(gvk: Gvk, kubernetesVersion: string): Record<Variable, string> {
  const parts = apiVersionOf(gvk).split('/');
  const first = parts[0] ?? '';
  const v = kubernetesVersion.replace(/^v/, '');
  let kindSuffix = '-' + (first.split('.')[0] ?? '').toLowerCase();
  if (parts.length > 1) kindSuffix += '-' + (parts[1] ?? '').toLowerCase();
  return {
    Group: first,
    ResourceKind: gvk.kind.toLowerCase(),
    ResourceAPIVersion: parts[parts.length - 1] ?? '',
    NormalizedKubernetesVersion: v === 'master' ? 'master' : `v${v}`,
    StrictSuffix: '-strict',
    KindSuffix: kindSuffix,
  };
}

export function renderTemplate(template: string, gvk: Gvk, kubernetesVersion: string): string {
  const vars = templateVariables(gvk, kubernetesVersion);
  return template.replace(/\{\{\s*\.([A-Za-z]+)\s*\}\}/g, (_m, name: string) => vars[name as Variable] ?? '');
}

export class LocationSource implements SchemaSource {
  readonly name: string;
  /** The location after kubeconform's default layout was appended (when it did not end in `json`). */
  readonly template: string;
  private readonly remote = new Map<string, FoundSchema | SchemaLoadError | null>();

  constructor(
    location: string,
    private readonly opts: { kubernetesVersion: string; cwd: string; fetch?: typeof fetch },
  ) {
    this.template = location.endsWith('json') ? location : location.replace(/\/+$/, '') + DEFAULT_LAYOUT;
    checkTemplate(this.template);
    this.name = `schema location ${location}`;
  }

  private target(gvk: Gvk): string {
    const t = renderTemplate(this.template, gvk, this.opts.kubernetesVersion);
    if (isHttpLocation(t) || t.startsWith('file:')) return t;
    return pathToFileURL(isAbsolute(t) ? t : resolve(this.opts.cwd, t)).href;
  }

  lookup(gvk: Gvk): FoundSchema | null {
    const url = this.target(gvk);
    if (isHttpLocation(url)) {
      const r = this.remote.get(url);
      if (r instanceof SchemaLoadError) throw r;
      return r ?? null;
    }
    return loadLocal(url);
  }

  async prefetch(gvks: readonly Gvk[]): Promise<void> {
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    for (const gvk of gvks) {
      const url = this.target(gvk);
      if (!isHttpLocation(url) || this.remote.has(url)) continue;
      try {
        this.remote.set(url, await fetchWithRefs(doFetch, url));
      } catch (e) {
        this.remote.set(url, e instanceof SchemaLoadError ? e : new SchemaLoadError(url, (e as Error).message));
      }
    }
  }
}
