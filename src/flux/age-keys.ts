// Where age identities come from, in the order sops looks: SOPS_AGE_KEY (whitespace-separated keys),
// SOPS_AGE_KEY_FILE, then keys.txt in the user config dir ($XDG_CONFIG_HOME/sops/age, else ~/.config/sops/age, and
// on macOS ~/Library/Application Support/sops/age). Keys are read, never printed; locations are reported.
import { readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export interface AgeKeys {
  /** `AGE-SECRET-KEY-1…` / `AGE-SECRET-KEY-PQ-1…` strings. */
  identities: string[];
  /** Where identities were found (env var names and file paths), for messages. */
  locations: string[];
  /** Problems reading a configured location (unreadable file, unknown key type); never include key material. */
  problems: string[];
}

export interface AgeKeyEnv {
  env: Record<string, string | undefined>;
  /** Home directory (tests pass a fake one). */
  home?: string;
  readFile?: (path: string) => string | null;
}

const isIdentity = (s: string): boolean => s.startsWith('AGE-SECRET-KEY-1') || s.startsWith('AGE-SECRET-KEY-PQ-1');

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Parses a keys file: one identity per line, `#` comments and blank lines skipped; or words when `words`. */
export function parseIdentities(text: string, words: boolean): { identities: string[]; unsupported: number } {
  const identities: string[] = [];
  let unsupported = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    for (const w of words ? line.split(/\s+/) : [line]) {
      if (isIdentity(w)) identities.push(w);
      else unsupported++;
    }
  }
  return { identities, unsupported };
}

/** The user config dir sops uses for `sops/age/keys.txt`. */
export function userConfigDir(env: Record<string, string | undefined>, home: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) return xdg;
  return platform() === 'darwin' ? join(home, 'Library', 'Application Support') : join(home, '.config');
}

export function discoverAgeKeys(opts: AgeKeyEnv): AgeKeys {
  const read = opts.readFile ?? readOrNull;
  const out: AgeKeys = { identities: [], locations: [], problems: [] };
  const add = (location: string, text: string, words: boolean): void => {
    const { identities, unsupported } = parseIdentities(text, words);
    if (identities.length > 0) {
      out.identities.push(...identities);
      out.locations.push(location);
    }
    if (unsupported > 0) out.problems.push(`${location}: ${unsupported} entr${unsupported === 1 ? 'y is' : 'ies are'} not an age secret key (plugins and SSH keys are not supported)`);
  };
  const inline = opts.env['SOPS_AGE_KEY'];
  if (inline) add('SOPS_AGE_KEY', inline, true);
  const file = opts.env['SOPS_AGE_KEY_FILE'];
  if (file) {
    const text = read(file);
    if (text === null) out.problems.push(`SOPS_AGE_KEY_FILE: cannot read ${file}`);
    else add(file, text, false);
  }
  const home = opts.home ?? opts.env['HOME'] ?? homedir();
  const keysTxt = join(userConfigDir(opts.env, home), 'sops', 'age', 'keys.txt');
  const text = read(keysTxt);
  if (text !== null) add(keysTxt, text, false);
  return out;
}
