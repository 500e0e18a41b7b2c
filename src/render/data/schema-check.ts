// Optional JSON Schema check of the data. A schema applies when a data file `X.yaml` (or .yml/.toml/.json) has a
// sibling `X.schema.json` (that file's own data is checked), or when one is named with --schema (the merged data
// is checked). Errors name the key as templates write it (`nodes[0].address`) and the file:line holding it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Finding } from '../../core/finding.js';
import { toData, type Value } from '../../template/runtime/values.js';
import type { DataFile } from './load.js';
import { joinPath } from './positions.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
interface AjvLike {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: AjvError[] | null };
}
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;

const require = createRequire(import.meta.url);

function makeAjv(schema: Record<string, unknown>): AjvLike {
  const draft2020 = typeof schema['$schema'] === 'string' && /2020-12|2019-09/.test(schema['$schema']);
  const mod = require(draft2020 ? (String(schema['$schema']).includes('2019') ? 'ajv/dist/2019' : 'ajv/dist/2020') : 'ajv') as AjvCtor | { default: AjvCtor };
  const Ctor = typeof mod === 'function' ? mod : mod.default;
  // formats are not bundled (no ajv-formats): they are ignored rather than failing the schema
  return new Ctor({ allErrors: true, strict: false, validateFormats: false });
}

/** Sibling schema of a data file: `config.yaml` → `config.schema.json`. */
export function siblingSchema(dataPath: string): string | null {
  const p = dataPath.replace(/\.(?:ya?ml|toml|json)$/, '.schema.json');
  return p !== dataPath && existsSync(p) ? p : null;
}

function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(seg) ? joinPath(path, Number(seg)) : joinPath(path, seg);
  }
  return path;
}

export function checkSchema(opts: {
  schemaFile: string;
  schemaRel: string;
  data: Map<Value, Value>;
  /** Files whose positions are searched for error lines (later files win). */
  files: readonly DataFile[];
}): Finding[] {
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(opts.schemaFile, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // codes apart from validate's schema-invalid (a manifest its schema rejects): here the schema itself is at fault
    if (!err.code) return [{ code: 'data-schema-invalid', severity: 'error', message: `invalid JSON Schema: not JSON (${err.message})`, file: opts.schemaRel, hint: 'it must be a JSON Schema written as JSON' }];
    const why = err.code === 'ENOENT' ? 'the file does not exist' : err.code === 'EISDIR' ? 'it is a folder' : err.code;
    return [{ code: 'data-schema-unreadable', severity: 'error', message: `cannot read JSON Schema: ${why}`, file: opts.schemaRel, ...(err.code === 'ENOENT' ? { hint: '--schema is read relative to the folder hops runs in' } : {}) }];
  }
  let validate: ReturnType<AjvLike['compile']>;
  try {
    validate = makeAjv(schema).compile(schema);
  } catch (e) {
    return [{ code: 'data-schema-invalid', severity: 'error', message: `invalid JSON Schema: ${(e as Error).message}`, file: opts.schemaRel }];
  }
  if (validate(toData(opts.data))) return [];
  const findings: Finding[] = [];
  for (const err of validate.errors ?? []) {
    let path = pointerToPath(err.instancePath);
    let message = err.message ?? err.keyword;
    if (err.keyword === 'required') {
      path = joinPath(path, String(err.params['missingProperty']));
      message = 'is required';
    } else if (err.keyword === 'additionalProperties') {
      path = joinPath(path, String(err.params['additionalProperty']));
      message = 'is not allowed by the schema (additionalProperties)';
    } else if (err.keyword === 'enum') {
      message = `must be one of ${(err.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    // the line of the key, or of its nearest parent that exists
    let where: { file: string; line: number; col: number } | null = null;
    for (let p = path; p !== '' && where === null; p = p.replace(/(?:\.[^.[\]]+|\[[^\]]*\])$/, '')) {
      for (const f of [...opts.files].reverse()) {
        const pos = f.positions.get(p);
        if (pos) {
          where = { file: f.rel, ...pos };
          break;
        }
      }
      if (!/[.[]/.test(p)) break;
    }
    findings.push({
      code: 'schema-violation',
      severity: 'error',
      message: `${path || '(top level)'} ${message}`,
      ...(where ?? { file: opts.files[opts.files.length - 1]?.rel ?? opts.schemaRel }),
      hint: `the schema is ${opts.schemaRel}`,
    });
  }
  return findings;
}
