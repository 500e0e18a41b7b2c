// One ajv instance per registry, set up to judge documents the way kubeconform does: every error reported, Go regular
// expressions, kubeconform's asserted formats (unknown ones such as int32 ignored), no schema meta-validation.
import { Ajv } from 'ajv';
import type { Options } from 'ajv';
import { ajvRegExpEngine } from './go-regexp.js';
import { FORMATS } from './formats.js';

export type AjvInstance = Ajv;

export function createAjv(): AjvInstance {
  const options: Options = {
    allErrors: true,
    // errors carry their schema: an unknown field's message can suggest the known field it was probably meant as
    verbose: true,
    inlineRefs: false,
    strict: false,
    logger: false,
    validateSchema: false,
    addUsedSchema: false,
    unicodeRegExp: false,
    // generated code left unoptimised: compiling is most of a cold run, and the optimiser's passes cost more than
    // they save on documents validated once or a few times each
    code: { regExp: ajvRegExpEngine, optimize: false },
    formats: Object.fromEntries(Object.entries(FORMATS).map(([name, check]) => [name, { type: 'string', validate: check }])),
  };
  return new Ajv(options);
}
