// Settings from MAKEJINJA_* environment variables.
import type { Finding } from '../../core/finding.js';
import { KEY_BY_NAME, UNDEFINED_MODES, type RawValue } from './keys.js';
import type { Settings } from './sources.js';

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
