// Flux post-build substitution of one resource, as kustomize-controller does it: skip resources labelled or
// annotated `kustomize.toolkit.fluxcd.io/substitute: disabled`, check the variable names, write the resource as
// YAML text, substitute, read the text back (so `${PORT}` may become a number), and fail on any error.
import { isMap } from '../core/resource.js';
import type { YMap, YValue } from '../core/resource.js';
import { envsubst, EnvsubstError, UNKNOWN } from './envsubst.js';
import { stringifyYaml } from '../io/yaml-write.js';
import { readV2, YamlV2Error } from './yaml-v2.js';
import { resolvePlainV2 } from '../io/scalar-rules.js';
import { mentionsDollar, v2RoundTrip } from './v2-stable.js';

export const SUBSTITUTE_KEY = 'kustomize.toolkit.fluxcd.io/substitute';
const NAME_RE = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const NAME_RE_TEXT = '^[_[:alpha:]][_[:alpha:][:digit:]]*$';

/** Variable values; UNKNOWN marks a variable that exists (e.g. in an encrypted Secret) with a value we cannot read. */
export type VarValues = ReadonlyMap<string, string | typeof UNKNOWN>;

export interface VarsubOptions {
  /** `substituteStrategy: Always`: substitute (defaults) even when no variable is defined. */
  always?: boolean;
  /** Fail on variables without value or default. */
  strict?: boolean;
  /** Variables whose values come from a Secret (plain or decrypted): errors never quote text holding them. */
  secretVars?: ReadonlySet<string>;
}

export type VarsubResult =
  | { status: 'disabled' | 'no-variables' }
  | { status: 'substituted'; object: YMap; unset: string[]; unknown: string[] };

/**
 * A substitution that fails the Kustomization; `line` is 1-based in the YAML text of the resource when known.
 * `excerpt` is that line, given only when it cannot hold a secret value (see holdsSecrets). `expression` is the
 * failing `${...` to the end of its line, to find it in the source file (sourceLine); never for printing.
 */
export class VarsubError extends Error {
  readonly line: number | undefined;
  readonly excerpt: string | undefined;
  readonly expression: string | undefined;
  constructor(message: string, line?: number, excerpt?: string, expression?: string) {
    super(message);
    this.name = 'VarsubError';
    this.line = line;
    this.excerpt = excerpt;
    this.expression = expression;
  }
}

/**
 * The 1-based line of the source file `text` where a failing expression is written: the first line of the resource's
 * document (starting at `docLine`) that holds it, else `docLine`. The source may write it otherwise than the printed
 * resource (other quotes, a folded string, a patch that added it): then the document is what can be said.
 */
export function sourceLine(text: string, docLine: number, expression: string | undefined): number {
  const first = Math.max(docLine, 1);
  if (!expression) return first;
  const lines = text.split('\n');
  // the whole rest of the line, then the expression up to a quote or a space (quoting may differ)
  const needles = [expression, expression.split(/[\s'"]/)[0] ?? ''].filter((n) => n.length > 2);
  for (const needle of needles) {
    for (let i = first - 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (i > first - 1 && /^(---|\.\.\.)(\s|$)/.test(l)) break;
      if (l.includes(needle)) return i + 1;
    }
  }
  return first;
}

export function isSubstitutionDisabled(object: YMap): boolean {
  const meta = isMap(object['metadata']) ? object['metadata'] : {};
  const labels = isMap(meta['labels']) ? meta['labels'] : {};
  const annotations = isMap(meta['annotations']) ? meta['annotations'] : {};
  return labels[SUBSTITUTE_KEY] === 'disabled' || annotations[SUBSTITUTE_KEY] === 'disabled';
}

/**
 * Whether an object's text may hold secret values: a Secret, any other kind named like one (SealedSecret,
 * ExternalSecret, SopsSecret...), or anything SOPS-encrypted. Errors quote no line of these.
 */
export function holdsSecrets(object: YMap): boolean {
  const kind = object['kind'];
  return (typeof kind === 'string' && /Secret$/.test(kind)) || object['sops'] !== undefined;
}

/** The first variable name Flux would reject, or undefined. */
export function invalidVarName(vars: Iterable<string>): string | undefined {
  for (const k of vars) if (!NAME_RE.test(k)) return k;
  return undefined;
}

/**
 * Whether substituteResource may skip writing, substituting and re-reading a resource whose text substitution
 * cannot change (see v2-stable.ts). Always on; the corpus test turns it off to show both ways give the same.
 */
export const roundTripShortcut = { enabled: true };

export function substituteResource(object: YMap, vars: VarValues, opts: VarsubOptions = {}): VarsubResult {
  if (isSubstitutionDisabled(object)) return { status: 'disabled' };
  if (vars.size === 0 && !opts.always) return { status: 'no-variables' };
  const bad = invalidVarName(vars.keys());
  if (bad !== undefined) throw new VarsubError(`envsubst error: '${bad}' var name is invalid, must match '${NAME_RE_TEXT}'`);
  // without a `$` the text comes out of envsubst as it went in; then only the re-read could change anything
  const shortcut = roundTripShortcut.enabled;
  if (shortcut && !mentionsDollar(object)) {
    const same = v2RoundTrip(object);
    if (same) return { status: 'substituted', object: same, unset: [], unknown: [] };
  }
  // the text kustomize prints for the resource is the text Flux substitutes in
  const text = stringifyYaml(object);
  const secretObject = holdsSecrets(object);
  let secretValues = false;
  const lookup = (k: string): string | undefined | typeof UNKNOWN => {
    if (opts.secretVars?.has(k)) secretValues = true;
    return vars.get(k);
  };
  let out: string;
  let unset: string[];
  let unknown: string[];
  try {
    const r = envsubst(text, lookup, opts.strict ? { strict: true } : {});
    out = r.text;
    unset = r.unset;
    unknown = r.unknown;
  } catch (e) {
    if (!(e instanceof EnvsubstError)) throw e;
    // the text is the resource before substitution: no variable value is in it, but a Secret's own lines are
    const where = e.offset >= 0 ? locate(text, e.offset) : undefined;
    const expression = e.offset >= 0 ? (text.slice(e.offset).split('\n')[0] ?? '').trim() : e.expression;
    throw new VarsubError(`envsubst error: variable substitution failed: ${e.message}`, where?.line, secretObject ? undefined : where?.excerpt, expression);
  }
  if (shortcut) {
    const same = out === text ? v2RoundTrip(object) : inPlace(object, text, out, lookup, opts.strict === true);
    if (same) return { status: 'substituted', object: same, unset, unknown };
  }
  let back: unknown;
  try {
    back = readV2(out);
  } catch (e) {
    if (!(e instanceof YamlV2Error)) throw e;
    // the parser's words may quote the substituted text (an alias, a tag, an escape): not when it holds secrets
    if (secretObject || secretValues) throw new VarsubError(`envsubst error: YAMLToJSON: ${withoutQuotes(e.message)}`);
    throw new VarsubError(`envsubst error: YAMLToJSON: ${e.message}`);
  }
  if (!isMap(back)) throw new VarsubError('UnmarshalJSON: the substituted resource is not a mapping');
  return { status: 'substituted', object: back, unset, unknown };
}

/**
 * The re-read of `out` without reading it, when substituting inside each string (keys too) gives an object that
 * prints as exactly `out`: then `out` reads back as that object does (v2RoundTrip). A substituted value that go-yaml
 * v2 types (`${GID}` → `568`) is tried typed first, as it reads back from a plain scalar, then as a string. Undefined
 * when neither prints as `out`, or when the answer is not sure (the caller reads `out`).
 */
function inPlace(object: YMap, text: string, out: string, lookup: (k: string) => string | undefined | typeof UNKNOWN, strict: boolean): YMap | undefined {
  // (a `${` that spans several scalars of the text is not replayed value by value: the printed texts differ)
  let changed = false;
  let typed = false;
  const sub = (s: string): string => {
    if (!s.includes('$')) return s;
    const r = envsubst(s, lookup, strict ? { strict: true } : {}).text;
    if (r !== s) changed = true;
    return r;
  };
  const walk = (v: YValue, typing: boolean): YValue => {
    if (typeof v === 'string') {
      const r = sub(v);
      if (r === v || !typing) return r;
      const t = resolvePlainV2(r);
      if (typeof t === 'string') return r;
      typed = true;
      // as the v2 reader gives it (an int beyond 2^53 is a bigint, which makes v2RoundTrip decline)
      return t;
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, typing));
    const m: YMap = {};
    for (const k of Object.keys(v)) {
      const key = sub(k);
      if (Object.prototype.hasOwnProperty.call(m, key) || key === '__proto__') throw new EnvsubstError('key collision', -1);
      m[key] = walk(v[k] as YValue, typing);
    }
    return m;
  };
  try {
    const first = walk(object, true) as YMap;
    if (!changed) return undefined;
    if (stringifyYaml(first) === out) return v2RoundTrip(first);
    if (!typed) return undefined;
    const strings = walk(object, false) as YMap;
    return stringifyYaml(strings) === out ? v2RoundTrip(strings) : undefined;
  } catch {
    return undefined; // an expression that fails on its own, or a value the writer refuses: read the text
  }
}

/** A parse error reduced to its position, for text that holds secret values. */
function withoutQuotes(message: string): string {
  const at = /at line (\d+), column (\d+)/.exec(message);
  return `yaml: the substituted text is not valid YAML${at ? ` at line ${at[1]}, column ${at[2]}` : ''} (the parser's message is not shown: the text holds Secret values)`;
}

function locate(text: string, offset: number): { line: number; excerpt: string } {
  const before = text.slice(0, Math.min(offset, text.length));
  const line = before.split('\n').length;
  const excerpt = (text.split('\n')[line - 1] ?? '').trim().slice(0, 120);
  return { line, excerpt };
}

export { UNKNOWN } from './envsubst.js';
