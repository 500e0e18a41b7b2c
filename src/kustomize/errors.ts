// Errors inside the engine carry only a message; the target that knows which kustomization file and entry was being
// processed turns them into an InputError naming both.
import { InputError } from '../core/errors.js';

export class KustomizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeError';
  }
}

/** Rethrows `e` as an InputError about `file`, prefixed with what was being done; InputErrors pass through. */
export function rethrowIn(e: unknown, file: string, doing: string, hint?: string): never {
  if (e instanceof InputError) throw e;
  if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof ReferenceError)) {
    throw new InputError(file, `${doing}: ${e.message}`, hint === undefined ? {} : { hint });
  }
  throw e;
}
