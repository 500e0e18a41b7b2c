// A reader that stops early (`hops schemas list | head -1`) closes the pipe, and the next write fails with EPIPE;
// unhandled, Node prints a stack trace. Do what git and kubectl do instead: stop at once, silently, ended by SIGPIPE
// (the shell shows 141, and `set -o pipefail` sees it as it does for them). Nothing is half-written: configure's
// writes are synchronous, and this handler runs only between them. Any other write error (EIO, ENOSPC, EBADF, ...)
// is one line on stderr and exit 1 — throwing it from the 'error' handler would end in Node's stack trace.
import { EXIT } from '../core/errors.js';

const SIGPIPE_STATUS = 128 + 13;

/** What a stream error may do to the process; tests give their own. */
export interface StreamEnd {
  /** Where a write error is reported, in one line (skipped when it is the stream that failed, or not writable). */
  stderr: NodeJS.WritableStream;
  exit: (code: number) => void;
  /** End the way a process killed by SIGPIPE ends. */
  sigpipe: () => void;
}

/** Install on the process's stdout and stderr, once, before the CLI runs (`how` replaces the process's own ends). */
export function endOnBrokenPipe(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, how: Partial<Omit<StreamEnd, 'stderr'>> = {}): void {
  const end: StreamEnd = { stderr, exit: how.exit ?? ((code) => process.exit(code)), sigpipe: how.sigpipe ?? dieOfSigpipe };
  stdout.on('error', streamErrorHandler('stdout', stdout, end));
  stderr.on('error', streamErrorHandler('stderr', stderr, end));
}

/** The 'error' listener for one of the process's output streams. */
export function streamErrorHandler(name: string, stream: NodeJS.WritableStream, end: StreamEnd): (e: NodeJS.ErrnoException) => void {
  return (e) => {
    if (e.code === 'EPIPE') return end.sigpipe();
    if (end.stderr !== stream && end.stderr.writable) {
      try {
        end.stderr.write(`hops: cannot write to ${name}: ${e.code ?? e.message}\n`);
      } catch {
        // stderr failed too: the exit status alone says it
      }
    }
    end.exit(EXIT.failed);
  };
}

function dieOfSigpipe(): never {
  try {
    // Node ignores SIGPIPE; adding and removing a listener restores the default action, which ends the process.
    const none = () => {};
    process.on('SIGPIPE', none).off('SIGPIPE', none);
    process.kill(process.pid, 'SIGPIPE');
  } catch {
    // no SIGPIPE here (Windows): the exit status alone says it
  }
  process.exit(SIGPIPE_STATUS);
}
