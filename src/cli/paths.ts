// Paths the user types are relative to the folder the command runs in (CliIO.cwd), which tests and the dashboard
// pass in; never to the process's own working folder.
import { isAbsolute, resolve } from 'node:path';
import type { CliIO } from './io.js';

/** A path given on the command line, made absolute against the command's folder. */
export function userPath(io: Pick<CliIO, 'cwd'>, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

/** The repository root: `--path`, else the command's folder. */
export function repoRoot(io: Pick<CliIO, 'cwd'>, o: Record<string, unknown>): string {
  return typeof o['path'] === 'string' ? userPath(io, o['path']) : io.cwd;
}
