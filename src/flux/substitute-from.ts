// The variables of a Flux Kustomization: each `substituteFrom` ConfigMap/Secret in order (later ones win), then
// the inline `substitute` map; newlines are removed from values, as Flux does. Offline, the objects are looked up
// among what the repository builds; SOPS Secrets are decrypted in memory when a key is at hand, otherwise their
// variables are known by name with unknown values. Values never appear in findings.
import type { Finding } from '../core/finding.js';
import { isMap } from '../core/resource.js';
import type { Resource, YMap, YValue } from '../core/resource.js';
import { UNKNOWN } from './envsubst.js';
import type { FluxKustomization, SubstituteReference } from './model.js';
import { decryptSopsYaml, sopsMetadata } from './sops.js';
import type { SopsResult } from './sops.js';

export interface VarLookupContext {
  /** The object as the cluster would hold it, or undefined when nothing in the repository builds it. */
  find(ref: SubstituteReference, namespace: string): Promise<Resource | undefined>;
  /** The text of the YAML document a resource came from (the SOPS MAC covers the file's order). */
  sourceDocument(r: Resource): string | undefined;
  identities: readonly string[];
  /** decryptSopsYaml with the identities, memoised (one Secret serves many Kustomizations); default: not memoised. */
  decrypt?(doc: string): Promise<SopsResult>;
}

export interface Vars {
  values: Map<string, string | typeof UNKNOWN>;
  /** Variables whose value comes from a Secret (plain or decrypted): never quoted in findings. */
  secret: Set<string>;
  /** Some source could not be resolved: variables without a value may come from it. */
  incomplete: boolean;
  findings: Finding[];
}

const stripNewlines = (v: string): string => v.replace(/\n/g, '');
const text = (v: YValue): string => (typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function entries(obj: YMap, field: string): Array<[string, YValue]> {
  const m = obj[field];
  return isMap(m) ? Object.entries(m) : [];
}

export async function collectVars(ks: FluxKustomization, ctx: VarLookupContext): Promise<Vars> {
  const values = new Map<string, string | typeof UNKNOWN>();
  const secret = new Set<string>();
  const findings: Finding[] = [];
  const fromSecret = (k: string, v: string | typeof UNKNOWN): void => {
    values.set(k, v);
    secret.add(k);
  };
  const fromText = (k: string, v: string): void => {
    values.set(k, v);
    secret.delete(k);
  };
  let incomplete = false;
  const where = { file: ks.origin.file, line: ks.origin.line };
  const ksName = `Kustomization ${ks.namespace}/${ks.name}`;
  for (const ref of ks.postBuild?.substituteFrom ?? []) {
    const found = await ctx.find(ref, ks.namespace);
    const what = `${ref.kind}/${ref.name}`;
    if (!found) {
      if (ref.optional) continue;
      incomplete = true;
      findings.push({
        code: 'substitute-from-not-found',
        severity: 'warning',
        message: `${ksName}: substituteFrom ${what} is not built by any Kustomization in this repository; Flux needs it in namespace ${ks.namespace}`,
        ...where,
        hint: 'variables without a value are kept as ${VAR} in the output; create the object in the repository or mark the reference optional',
      });
      continue;
    }
    const obj = found.object;
    if (ref.kind === 'ConfigMap') {
      for (const [k, v] of entries(obj, 'data')) fromText(k, stripNewlines(text(v)));
      continue;
    }
    const meta = sopsMetadata(obj);
    if (!meta) {
      for (const [k, v] of entries(obj, 'data')) fromSecret(k, stripNewlines(Buffer.from(text(v), 'base64').toString('utf8')));
      for (const [k, v] of entries(obj, 'stringData')) fromSecret(k, stripNewlines(text(v)));
      continue;
    }
    const doc = ctx.sourceDocument(found);
    const result = doc ? await (ctx.decrypt ? ctx.decrypt(doc) : decryptSopsYaml(doc, ctx.identities)) : undefined;
    if (result?.status === 'decrypted') {
      for (const [k, v] of entries(result.object, 'data')) fromSecret(k, stripNewlines(Buffer.from(text(v), 'base64').toString('utf8')));
      for (const [k, v] of entries(result.object, 'stringData')) fromSecret(k, stripNewlines(text(v)));
      continue;
    }
    // the names are in clear text in a SOPS file: the variables exist, their values are unknown here
    for (const [k] of [...entries(obj, 'data'), ...entries(obj, 'stringData')]) fromSecret(k, UNKNOWN);
    const src = found.origin.file;
    if (!result || result.status === 'no-key') {
      findings.push({
        code: 'encrypted-variables',
        severity: 'info',
        message: `${ksName}: variables from SOPS-encrypted ${what} (${src}) are kept as \${VAR}: ${result ? result.message : 'its source document was not found'}`,
        ...where,
        hint: 'set SOPS_AGE_KEY_FILE (or SOPS_AGE_KEY) to an age key that can decrypt it',
      });
    } else {
      findings.push({
        code: 'sops-decrypt-failed',
        severity: 'error',
        message: `${ksName}: cannot use SOPS-encrypted ${what} from ${src}: ${result.message}`,
        file: src,
        line: found.origin.line,
        hint: 're-encrypt the file with sops; a changed value or MAC means it was edited without sops',
      });
    }
  }
  for (const [k, v] of ks.postBuild?.substitute ?? []) fromText(k, stripNewlines(v));
  return { values, secret, incomplete, findings };
}
