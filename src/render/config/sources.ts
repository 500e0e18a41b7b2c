// Reading settings from their three sources, each into (key → Setting): makejinja.toml files, MAKEJINJA_* variables,
// and command-line overrides. Type errors are findings naming the file and line.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Finding } from '../../core/finding.js';
import { KEY_BY_NAME, TABLES, UNDEFINED_MODES, type KeySpec, type RawValue, type Setting } from './keys.js';

export type Settings = Map<string, Setting>;

const norm = (k: string) => k.replace(/-/g, '_');

/** The `[makejinja]` table of one toml file. `rel` is its name for messages. */
export function readTomlSettings(file: string, rel: string, findings: Finding[]): Settings {
  const out: Settings = new Map();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const dir = (e as NodeJS.ErrnoException).code === 'EISDIR';
    findings.push({
      code: 'config-unreadable',
      severity: 'error',
      message: dir ? `cannot read ${rel}: it is a folder` : `cannot read ${rel}: ${(e as Error).message}`,
      file: rel,
      ...(dir ? { hint: 'name the settings file itself, e.g. --config makejinja.toml' } : {}),
    });
    return out;
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text, { integersAsBigInt: 'asNeeded' }) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    findings.push({ code: 'config-parse-error', severity: 'error', message: `invalid TOML: ${e.message.split('\n')[0]}`, file: rel, line: e.line, col: e.column });
    return out;
  }
  const table = doc['makejinja'];
  if (table === undefined) return out;
  const lines = text.split('\n');
  const lineOf = (key: string) => keyLine(lines, key);
  if (!isTable(table)) {
    findings.push({ code: 'config-invalid', severity: 'error', message: '`makejinja` must be a table', file: rel, line: lineOf('makejinja') });
    return out;
  }
  const base = dirname(file);
  const put = (name: string, value: unknown, leaf: string) => {
    const spec = KEY_BY_NAME.get(name);
    const line = lineOf(leaf);
    if (!spec) {
      findings.push({
        code: 'config-unknown-key',
        severity: 'error',
        message: `unknown setting "${name}" in [makejinja]`,
        file: rel,
        line,
        hint: suggest(name),
      });
      return;
    }
    const checked = checkType(spec, value);
    if (typeof checked === 'string') {
      findings.push({ code: 'config-invalid', severity: 'error', message: `makejinja.${name}: ${checked}`, file: rel, line });
      return;
    }
    out.set(name, { value: checked.value, origin: { source: rel, file, line, base } });
  };
  for (const [k0, v] of Object.entries(table)) {
    const k = norm(k0);
    if (TABLES.has(k) && isTable(v)) {
      for (const [k1, v1] of Object.entries(v)) put(`${k}.${norm(k1)}`, v1, k1);
    } else put(k, v, k0);
  }
  return out;
}

/** MAKEJINJA_<KEY> variables (typed-settings' EnvLoader), for single-valued settings. */
export function readEnvSettings(env: Record<string, string | undefined>, cwd: string, findings: Finding[]): Settings {
  const out: Settings = new Map();
  for (const spec of KEY_BY_NAME.values()) {
    const name = 'MAKEJINJA_' + spec.key.replace(/\./g, '_').toUpperCase();
    const raw = env[name];
    if (raw === undefined) continue;
    let value: RawValue;
    if (spec.type === 'bool') {
      const b = parseBool(raw);
      if (b === null) {
        findings.push({ code: 'config-invalid', severity: 'error', message: `${name}=${raw}: expected a boolean (true/false)` });
        continue;
      }
      value = b;
    } else if (spec.type === 'paths' || spec.type === 'strs') {
      value = raw.split(':').filter((s) => s !== '');
    } else if (spec.type === 'undefined' && !(UNDEFINED_MODES as readonly string[]).includes(raw)) {
      findings.push({ code: 'config-invalid', severity: 'error', message: `${name}=${raw}: expected one of ${UNDEFINED_MODES.join(', ')}` });
      continue;
    } else if (spec.type === 'strmap' || spec.type === 'pathsmap') continue;
    else value = raw;
    out.set(spec.key, { value, origin: { source: name, base: cwd } });
  }
  return out;
}

export function parseBool(s: string): boolean | null {
  const v = s.trim().toLowerCase();
  if (['1', 'true', 't', 'yes', 'y', 'on'].includes(v)) return true;
  if (['0', 'false', 'f', 'no', 'n', 'off'].includes(v)) return false;
  return null;
}

function isTable(v: unknown): v is Record<string, unknown> {
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

/** First line assigning `key` (the toml parser gives no positions). */
function keyLine(lines: string[], key: string): number | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:["']?${esc}["']?\\s*=|\\[\\s*makejinja\\.${esc}\\s*\\])`);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}

function suggest(name: string): string {
  const leaf = name.split('.').pop()!;
  let best: string | null = null;
  let bestD = 3;
  for (const k of KEY_BY_NAME.keys()) {
    const d = editDistance(leaf, k.split('.').pop()!);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best ? `did you mean "${best}"?` : `known settings: ${[...KEY_BY_NAME.keys()].filter((k) => !k.startsWith('internal.')).join(', ')}`;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}
