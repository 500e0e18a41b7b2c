// What the two sides of a diff share: parsed YAML by text, and the builds of Kustomizations that come out the same
// on both sides, keyed by everything a build depends on besides its input files.
import { createHash } from 'node:crypto';
import { parseYamlDocuments } from '../io/yaml-read.js';
import type { YamlDoc } from '../io/yaml-read.js';
import type { KsBuild } from '../flux/build-ks.js';
import { UNKNOWN } from '../flux/envsubst.js';
import type { FluxKustomization } from '../flux/model.js';
import type { Vars } from '../flux/substitute-from.js';

/** Parsed YAML by text, shared by the two sides. */
export class ParseMemo {
  private readonly docs = new Map<string, YamlDoc[] | null>();
  parse(text: string, file: string): YamlDoc[] | null {
    let d = this.docs.get(text);
    if (d === undefined) {
      try {
        d = parseYamlDocuments(text, file);
      } catch {
        d = null;
      }
      this.docs.set(text, d);
    }
    return d;
  }
}

/** Builds of unchanged Kustomizations, made once and handed to both sides. */
export class SharedBuilds {
  private readonly builds = new Map<string, KsBuild>();
  constructor(readonly changed: ReadonlySet<string>) {}
  get(key: string): KsBuild | undefined {
    return this.builds.get(key);
  }
  set(key: string, b: KsBuild): void {
    this.builds.set(key, b);
  }
}

/** JSON that survives bigint values. */
export const toJson = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/**
 * The variables as far as a build can see them: substitution only replaces `${NAME...}` written somewhere in
 * what the build reads, so a variable no input names cannot change its output (a cluster-settings change rebuilds
 * only the Kustomizations that use the changed variable).
 */
function varsFingerprint(v: Vars | undefined, used: ReadonlySet<string>): string {
  if (!v) return '';
  const seen = [...v.values].filter(([k]) => used.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // whether a value is secret decides how a failing substitution is reported
  return JSON.stringify([seen.map(([k, x]) => [k, x === UNKNOWN ? { unknown: true } : x, v.secret.has(k)]), v.incomplete, v.findings]);
}

/** The key of a build whose input files did not change: its object, its visible variables, its source, its origin. */
export function buildFingerprint(ks: FluxKustomization, vars: Vars | undefined, used: ReadonlySet<string>, repoSource: boolean): string {
  return createHash('sha1')
    .update(toJson(ks.object))
    .update('\0')
    .update(varsFingerprint(vars, used))
    .update(`\0${repoSource}\0${ks.origin.file}:${ks.origin.line}`)
    .digest('hex');
}
