// Reading settings from their sources, each into (key → Setting): makejinja.toml files (here), MAKEJINJA_* variables
// (env-settings.ts); command-line overrides are taken in gather.ts. Type errors are findings naming the file and line.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Finding } from '../../core/finding.js';
import { checkType, isTable } from './check-type.js';
import { KEY_BY_NAME, TABLES, type Setting } from './keys.js';
import { suggest } from './suggest-key.js';

export { readEnvSettings } from './env-settings.js';

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

/** First line assigning `key` (the toml parser gives no positions). */
function keyLine(lines: string[], key: string): number | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:["']?${esc}["']?\\s*=|\\[\\s*makejinja\\.${esc}\\s*\\])`);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}
