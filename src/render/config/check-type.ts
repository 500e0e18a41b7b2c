// Checking a makejinja.toml value against the type its setting takes; the error says what was found instead.
import { UNDEFINED_MODES, type KeySpec, type RawValue } from './keys.js';

export function isTable(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** Validate a toml value against its key type; a string is the error. */
export function checkType(spec: KeySpec, v: unknown): { value: RawValue } | string {
  const isStrList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  switch (spec.type) {
    case 'path':
    case 'str':
      return typeof v === 'string' ? { value: v } : `expected a string, got ${describe(v)}`;
    case 'optstr':
      return typeof v === 'string' ? { value: v } : `expected a string, got ${describe(v)}`;
    case 'paths':
    case 'strs':
      return isStrList(v) ? { value: v } : `expected a list of strings, got ${describe(v)}`;
    case 'bool':
      return typeof v === 'boolean' ? { value: v } : `expected true or false, got ${describe(v)}`;
    case 'int':
      return typeof v === 'number' || typeof v === 'bigint' ? { value: String(v) } : `expected an integer, got ${describe(v)}`;
    case 'undefined':
      return typeof v === 'string' && (UNDEFINED_MODES as readonly string[]).includes(v)
        ? { value: v }
        : `expected one of ${UNDEFINED_MODES.map((m) => `"${m}"`).join(', ')}, got ${describe(v)}`;
    case 'strmap': {
      if (!isTable(v)) return `expected a table of "dotted.key" = "value", got ${describe(v)}`;
      const pairs: Array<[string, string]> = [];
      for (const [k, x] of Object.entries(v)) {
        if (typeof x !== 'string') return `"${k}": expected a string value, got ${describe(x)}`;
        pairs.push([k, x]);
      }
      return { value: pairs };
    }
    case 'pathsmap': {
      if (!isTable(v)) return `expected a table of "template" = ["data file", ...], got ${describe(v)}`;
      const pairs: Array<[string, string[]]> = [];
      for (const [k, x] of Object.entries(v)) {
        if (!isStrList(x)) return `"${k}": expected a list of paths, got ${describe(x)}`;
        pairs.push([k, x]);
      }
      return { value: pairs };
    }
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'bigint' || typeof v === 'number') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return String(v);
  return 'a table';
}
