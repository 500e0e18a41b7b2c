// Which settings files are read (`<root>/makejinja.toml` or --config, then MAKEJINJA_SETTINGS) and every source merged
// in makejinja's order: the files, then MAKEJINJA_* variables, then command-line values; a later source wins per key.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding } from '../../core/finding.js';
import type { Setting } from './keys.js';
import type { ConfigSourceOptions } from './resolve.js';
import { readEnvSettings, readTomlSettings, type Settings } from './sources.js';

/** The settings files read (absolute, in order) and the merged settings by dotted key; problems go to `findings`. */
export function gatherSettings(opts: ConfigSourceOptions, root: string, rel: (p: string) => string, findings: Finding[]): { files: string[]; merged: Map<string, Setting> } {
  const files: string[] = [];
  const primary = opts.configFile ? resolve(opts.cwd, opts.configFile) : join(root, 'makejinja.toml');
  if (existsSync(primary)) files.push(primary);
  else if (opts.configFile) findings.push({ code: 'config-missing', severity: 'error', message: `config file ${opts.configFile} not found (looked for ${primary})`, hint: '--config is read relative to the folder hops runs in, not --path' });
  for (const f of (opts.env['MAKEJINJA_SETTINGS'] ?? '').split(':').filter((s) => s !== '')) {
    const abs = resolve(root, f.replace(/^!/, ''));
    if (existsSync(abs)) files.push(abs);
    else findings.push({ code: 'config-missing', severity: f.startsWith('!') ? 'error' : 'warning', message: `MAKEJINJA_SETTINGS names ${f}, which does not exist` });
  }

  const merged = new Map<string, Setting>();
  const apply = (s: Settings) => {
    for (const [k, v] of s) merged.set(k, v);
  };
  for (const f of files) apply(readTomlSettings(f, rel(f), findings));
  apply(readEnvSettings(opts.env, opts.cwd, findings));
  for (const [k, v] of Object.entries(opts.overrides ?? {})) {
    if (v === undefined) continue;
    merged.set(k, { value: v, origin: { source: 'command line', base: opts.cwd } });
  }
  return { files, merged };
}
