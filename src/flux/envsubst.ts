// Flux post-build substitution on a text, with fluxcd/pkg envsubst v1.7 semantics: `${V}`, defaults (`${V:=d}`,
// `${V=d}`, `${V:-d}` — all of them apply when the value is empty, not only when unset), `$$` → `$`, the bash-like
// string operations, strict mode. One addition for offline builds: a variable may be known to exist but have an
// unknown value (it comes from an encrypted Secret we cannot open); expressions using it are left as written.
import { EnvsubstParseError, parseEnvsubst } from './envsubst-parse.js';
import type { EnvNode, FuncNode } from './envsubst-parse.js';
import { isDefaultOp, lookupFunc, usesArgsOnlyWhenEmpty } from './envsubst-funcs.js';

export { EnvsubstParseError } from './envsubst-parse.js';

/** Returned by a lookup for a variable that exists but whose value cannot be known offline. */
export const UNKNOWN: unique symbol = Symbol('unknown value');
export type VarLookup = (name: string) => string | undefined | typeof UNKNOWN;

export interface EnvsubstOptions {
  /** Fail on a variable that is not set and has no default (Flux's `--strict-substitute` / feature gate). */
  strict?: boolean;
}

export interface EnvsubstResult {
  text: string;
  /** Variables used without a value and without a default (replaced by the empty string, as Flux does). */
  unset: string[];
  /** Variables with an unknown value; their expressions are kept as written. */
  unknown: string[];
}

/**
 * A substitution Flux would refuse; `offset` points into the input text (-1 when unknown). `expression` is the
 * failing expression as written, when it is known but its offset is not (a variable without value in strict mode).
 */
export class EnvsubstError extends Error {
  readonly offset: number;
  readonly expression: string | undefined;
  constructor(message: string, offset: number, expression?: string) {
    super(message);
    this.name = 'EnvsubstError';
    this.offset = offset;
    this.expression = expression;
  }
}

type Val = string | typeof UNKNOWN;

class Evaluator {
  readonly unset = new Set<string>();
  readonly unknown = new Set<string>();
  constructor(
    private readonly lookup: VarLookup,
    private readonly strict: boolean,
  ) {}

  node(n: EnvNode): Val {
    if (n.type === 'text') return n.value;
    if (n.type === 'func') return this.func(n);
    let out = '';
    let unknown = false;
    for (const c of n.nodes) {
      const v = this.node(c);
      if (v === UNKNOWN) unknown = true;
      else out += v;
    }
    return unknown ? UNKNOWN : out;
  }

  /** The top level keeps unknown expressions as written instead of making the whole text unknown. */
  top(n: EnvNode): string {
    const parts = n.type === 'list' ? n.nodes : [n];
    let out = '';
    for (const p of parts) {
      const v = this.node(p);
      out += v === UNKNOWN ? (p.type === 'func' ? p.raw : '') : v;
    }
    return out;
  }

  private func(n: FuncNode): Val {
    // Arguments are evaluated first, as upstream does (so strict mode fails on them even when unused).
    const args = n.args.map((a) => this.node(a));
    const v = this.lookup(n.param);
    if (v === UNKNOWN) {
      this.unknown.add(n.param);
      return UNKNOWN;
    }
    if (v === undefined && !isDefaultOp(n.name)) {
      if (this.strict) throw new EnvsubstError(`variable not set (strict mode): ${JSON.stringify(n.param)}`, -1, n.raw);
      this.unset.add(n.param);
    }
    const value = v ?? '';
    const fn = lookupFunc(n.name, args.length);
    if (args.includes(UNKNOWN)) {
      // A default is only read when the value is empty.
      if (usesArgsOnlyWhenEmpty(n.name) && value !== '') return value;
      return UNKNOWN;
    }
    return fn(value, args as string[]);
  }
}

/** Substitutes every expression in `text`; throws EnvsubstError where Flux would fail the Kustomization. */
export function envsubst(text: string, lookup: VarLookup, opts: EnvsubstOptions = {}): EnvsubstResult {
  let tree: EnvNode;
  try {
    tree = parseEnvsubst(text);
  } catch (e) {
    if (e instanceof EnvsubstParseError) throw new EnvsubstError(e.message, e.offset);
    throw e;
  }
  const ev = new Evaluator(lookup, opts.strict === true);
  let out: string;
  try {
    out = ev.top(tree);
  } catch (e) {
    if (e instanceof EnvsubstError) throw e;
    throw new EnvsubstError(e instanceof Error ? e.message : String(e), -1);
  }
  return { text: out, unset: [...ev.unset], unknown: [...ev.unknown] };
}
