// Errors inside the engine carry only a message; the target that knows which kustomization file and entry was being
// processed turns them into an InputError naming both.
import { InputError } from '../core/errors.js';

export class KustomizeError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'KustomizeError';
  }
}

/** A KustomizeError that prefixes `cause`'s message and keeps its hint. */
export function wrapError(prefix: string, cause: unknown): KustomizeError {
  const c = cause as { message?: unknown; hint?: unknown };
  const msg = typeof c?.message === 'string' ? c.message : String(cause);
  return new KustomizeError(`${prefix}: ${msg}`, typeof c?.hint === 'string' ? c.hint : undefined);
}

/** Rethrows `e` as an InputError about `file`, prefixed with what was being done; InputErrors pass through. */
export function rethrowIn(e: unknown, file: string, doing: string, hint?: string): never {
  if (e instanceof InputError) throw e;
  if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof ReferenceError)) {
    const h = hint ?? (e as { hint?: unknown }).hint;
    throw new InputError(file, `${doing}: ${e.message}`, typeof h === 'string' ? { hint: h } : {});
  }
  throw e;
}
