// Entry point of the `hops` command: builds the commander program, runs it, maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { EXIT, HopsError } from '../core/errors.js';
import { formatFinding } from '../core/finding.js';
import type { CliIO } from './io.js';
import { commands } from './commands/index.js';

export type { CliIO } from './io.js';

/** Shared by every command: where to print and how to report the exit status. */
export interface CommandContext {
  io: CliIO;
  /** Record the exit status of the command being run. */
  setExit(code: number): void;
}

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('hops')
    .description('Offline configure, build, validate and diff for Flux home-ops GitOps repositories')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Program options count only before a subcommand, so subcommands may reuse names (`new app --version`).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
  for (const register of commands) register(program, ctx);
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
  }
  return program;
}

export const VERSION = '0.1.0';

/** Run hops with `argv` (without node and script). Resolves to the exit code; never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  const ctx: CommandContext = { io, setExit: (c) => (code = Math.max(code, c)) };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

/** The one place where thrown errors become messages and exit codes. */
export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    // commander already printed its message (help, version, unknown option)
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    // `hops help` exits 0; help printed because a command was missing (`hops`, `hops build`) is a usage error
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return EXIT.usage;
  }
  if (e instanceof HopsError) {
    io.stderr.write(`hops: ${e.message}\n`);
    for (const f of e.findings) io.stderr.write(formatFinding(f) + '\n');
    if (e.hint) io.stderr.write(`hint: ${e.hint}\n`);
    return e.exitCode;
  }
  // An unexpected failure is a bug in hops: say so briefly, with the stack only on request.
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`hops: internal error: ${err.message}\n`);
  if (io.env['HOPS_DEBUG']) io.stderr.write(`${err.stack ?? ''}\n`);
  else io.stderr.write('hint: this is a bug in hops; rerun with HOPS_DEBUG=1 for details and report it\n');
  return EXIT.usage;
}
