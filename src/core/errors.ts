// Typed process errors. Stages throw these for conditions that stop a job; the CLI maps them to exit codes in one place.
import type { Finding } from './finding.js';

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The job ran and found problems (errors, differences, changes). */
  failed: 1,
  /** Bad usage or bad input that stopped the job before it could run. */
  usage: 2,
} as const;

export class HopsError extends Error {
  readonly exitCode: number;
  readonly findings: Finding[];
  readonly hint: string | undefined;
  constructor(message: string, opts: { exitCode?: number; findings?: Finding[]; hint?: string } = {}) {
    super(message);
    this.name = 'HopsError';
    this.exitCode = opts.exitCode ?? EXIT.failed;
    this.findings = opts.findings ?? [];
    this.hint = opts.hint;
  }
}

/** Bad flags or arguments. */
export class UsageError extends HopsError {
  constructor(message: string, hint?: string) {
    super(message, hint === undefined ? { exitCode: EXIT.usage } : { exitCode: EXIT.usage, hint });
    this.name = 'UsageError';
  }
}

/** A user file that cannot be read or parsed: names the file and line. */
export class InputError extends HopsError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, message: string, opts: { line?: number; hint?: string; exitCode?: number } = {}) {
    super(`${file}${opts.line !== undefined ? ':' + opts.line : ''}: ${message}`, {
      exitCode: opts.exitCode ?? EXIT.usage,
      ...(opts.hint !== undefined ? { hint: opts.hint } : {}),
    });
    this.name = 'InputError';
    this.file = file;
    this.line = opts.line;
  }
}
